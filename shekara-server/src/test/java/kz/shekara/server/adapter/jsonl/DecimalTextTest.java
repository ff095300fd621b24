package kz.shekara.server.adapter.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTextTest {
    private static String reference(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    @Test
    void agreesWithBigDecimalOnTheEdges() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 10.0, 100.0, 0.5, 0.25, 0.125, 0.0005, 0.0015, 0.0025, 1.0005,
            -1.0005, 9.9999995, 99.99999995, 0.9995, -0.9995, 43.12345675, 43.12345665, 51.00000005, 1e7, 1.5e-4,
            123456.0001, -0.004, 0.004, 999.9995, 71.123456749999, 1e-9};
        for (double v : edges) {
            for (int places = 0; places <= 7; places++) {
                assertThat(DecimalText.round(v, places)).as("%s to %d places", v, places).isEqualTo(reference(v, places));
                assertThat(DecimalText.exact(v, places)).as("%s to %d places", v, places).isEqualTo(reference(v, places));
            }
        }
    }

    @Test
    void agreesWithBigDecimalNextToHalves() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            int places = 2 + i % 6;
            double scale = Math.pow(10, places);
            // A half of the last place, and the doubles next to it.
            double half = (Math.floor(random.nextDouble(-180, 180) * scale) + 0.5) / scale;
            double v = switch (i % 3) {
                case 0 -> half;
                case 1 -> Math.nextUp(half);
                default -> Math.nextDown(half);
            };
            assertThat(DecimalText.round(v, places)).as("%s to %d places", v, places).isEqualTo(reference(v, places));
        }
    }

    @Test
    void agreesWithBigDecimalOnCoordinatesSpeedsAndProbabilities() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble(-90, 90);
                case 1 -> random.nextDouble(-180, 180);
                case 2 -> random.nextDouble(-40, 40);
                default -> random.nextDouble();
            };
            int places = 2 + i % 6;
            assertThat(DecimalText.round(v, places)).as("%s to %d places", v, places).isEqualTo(reference(v, places));
        }
    }

    @Test
    void secondsAgreeWithBigDecimal() {
        SplittableRandom random = new SplittableRandom(11);
        long[] nanos = {0, 1, 499_999, 500_000, 500_001, 1_500_000, 2_500_000, 999_500_000, 999_499_999, 999_999_999};
        for (int i = 0; i < 50_000; i++) {
            long s = i < 20 ? i - 10 : random.nextLong(-100_000, 9_000_000_000L);
            long n = i % 2 == 0 ? nanos[i % nanos.length] : random.nextLong(1_000_000_000L);
            Duration d = Duration.ofSeconds(s, n);
            String expected = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                    .setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
            assertThat(DecimalText.seconds(d)).as("%s", d).isEqualTo(expected);
        }
    }
}
