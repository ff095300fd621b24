package kz.shekara.theatre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import kz.shekara.geo.MetresPerDegree;
import org.junit.jupiter.api.Test;

/** One answer for a point and its four probes is what each of the five gets on its own, and most points get one. */
class SectorsAroundTest {
    /** The tracker's probes of {@code marginM} around the point (as the router places them), and the point. */
    private static double[][] probes(double lat, double lon, double marginM) {
        double dLat = marginM / MetresPerDegree.SPHERE;
        double dLon = marginM / (MetresPerDegree.SPHERE * Math.max(0.01, Math.cos(Math.toRadians(lat))));
        return new double[][] {{lat, lon}, {lat + dLat, lon}, {lat - dLat, lon}, {lat, lon + dLon}, {lat, lon - dLon}};
    }

    @Test
    void aSettledAnswerIsWhatThePointAndEachProbeGetOnTheirOwn() {
        SplittableRandom random = new SplittableRandom(15);
        for (double reachM : new double[] {0, 10_000, 25_000}) {
            for (double marginM : new double[] {500, 2_000, 8_000}) {
                SectorLocator locator = new SectorLocator(SectorLocatorTest.theatre(), reachM);
                SectorsAround around = locator.around(marginM);
                int settled = 0;
                int n = 40_000;
                for (int i = 0; i < n; i++) {
                    // Around and inside the squares, out to beyond the reach; every fourth point on a cell's edge.
                    double lat = random.nextDouble(40.4, 42.6);
                    double lon = random.nextDouble(67.4, 70.6);
                    if (i % 4 == 0) {
                        lat = Math.floor(lat * 64) / 64;
                        lon = i % 8 == 0 ? Math.floor(lon * 64) / 64 : lon;
                    }
                    String only = around.sectorOf(lat, lon);
                    if (only == null) {
                        continue;
                    }
                    settled++;
                    for (double[] p : probes(lat, lon, marginM)) {
                        assertThat(locator.sectorOf(p[0], p[1])).as("%s, %s: probe %s, %s, margin %s m, reach %s m",
                                lat, lon, p[0], p[1], marginM, reachM).isEqualTo(only);
                    }
                }
                // The squares are 1 degree wide: most of their inside lies farther than the margin from an edge.
                assertThat(settled).as("margin %s m, reach %s m", marginM, reachM).isGreaterThan(n / 10);
            }
        }
    }

    @Test
    void deepInsideOneAnswerServesAllNearAnEdgeOrTheReachNone() {
        SectorsAround around = new SectorLocator(SectorLocatorTest.theatre(), 25_000).around(2_000);
        assertThat(around.sectorOf(41.8, 68.3)).isEqualTo("west"); // about 25 km from every edge
        assertThat(around.sectorOf(41.8, 69.7)).isEqualTo("east");
        // Outside both squares, nearer the west one, well within the reach: the nearest sector for all five.
        assertThat(around.sectorOf(42.1, 68.3)).isEqualTo("west");
        // 1 km outside the west square's outer edge: inside it or nearest to it, all five.
        assertThat(around.sectorOf(41.8, 68.0 - 1_000 / (MetresPerDegree.SPHERE * Math.cos(Math.toRadians(41.8)))))
                .isEqualTo("west");
        // 1 km from the shared edge: the east probe lies in the other sector.
        assertThat(around.sectorOf(41.8, 69.0 - 1_000 / (MetresPerDegree.SPHERE * Math.cos(Math.toRadians(41.8)))))
                .isNull();
        // Near the reach (25 km south of the squares), and far beyond it (nearest origins, point by point).
        assertThat(around.sectorOf(41.0 - 25_000 / 111_000.0, 68.3)).isNull();
        assertThat(around.sectorOf(39.0, 68.3)).isNull();
    }

    @Test
    void rejectsANegativeMargin() {
        assertThatThrownBy(() -> new SectorLocator(SectorLocatorTest.theatre()).around(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
