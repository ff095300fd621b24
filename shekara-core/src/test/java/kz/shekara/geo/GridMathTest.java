package kz.shekara.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GridMathTest {
    @Test
    void floorIsMathFloorCastToALong() {
        double[] edges = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1e-300, -1e-300, Math.nextDown(1.0), -Math.nextDown(1.0),
            Math.nextUp(-1.0), 2.5e15, -2.5e15 - 0.5, 0x1p52 + 0.5, -0x1p52 - 0.5, 0x1p53, -0x1p53 - 2, 0x1p63,
            -0x1p63, Math.nextDown(-0x1p63), -0x1p64, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MIN_VALUE};
        for (double x : edges) {
            assertThat(GridMath.floor(x)).as("%s", x).isEqualTo((long) Math.floor(x));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-1e6, 1e6) : Double.longBitsToDouble(random.nextLong());
            assertThat(GridMath.floor(x)).as("%s", x).isEqualTo((long) Math.floor(x));
        }
    }
}
