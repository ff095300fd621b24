package kz.shekara.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LocalFrameTest {
    private final LocalFrame frame = new LocalFrame(41.5, 69.2);

    @Test
    void originMapsToZero() {
        double[] en = new double[2];
        frame.toEastNorth(41.5, 69.2, en);
        assertThat(en[0]).isCloseTo(0, within(1e-6));
        assertThat(en[1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void distancesAgreeWithGeodesicWithinSectorScale() {
        // 50 km north-east of the origin: the plane distance and the geodesic agree to a few metres.
        double[] p = Geodesy.destination(41.5, 69.2, 45, 50_000);
        double[] en = new double[2];
        frame.toEastNorth(p[0], p[1], en);
        assertThat(Math.hypot(en[0], en[1])).isCloseTo(50_000, within(5.0));
        assertThat(Math.toDegrees(Math.atan2(en[0], en[1]))).isCloseTo(45, within(0.2));
    }

    @Test
    void roundTripsToTheSamePoint() {
        double[] en = new double[2];
        double[] ll = new double[2];
        for (double[] q : new double[][] {{41.9, 69.9}, {41.1, 68.5}, {42.3, 70.4}}) {
            frame.toEastNorth(q[0], q[1], en);
            frame.toLatLon(en[0], en[1], ll);
            assertThat(ll[0]).isCloseTo(q[0], within(1e-7));
            assertThat(ll[1]).isCloseTo(q[1], within(1e-7));
        }
    }

    @Test
    void oneDegreeOfLatitudeIsAbout111Km() {
        double[] en = new double[2];
        frame.toEastNorth(42.5, 69.2, en);
        // Meridian arc from 41.5 to 42.5 degrees on WGS84 is 111,069 m (geodesic).
        assertThat(Math.hypot(en[0], en[1])).isCloseTo(Geodesy.distanceM(41.5, 69.2, 42.5, 69.2), within(50.0));
        assertThat(Geodesy.distanceM(41.5, 69.2, 42.5, 69.2)).isCloseTo(111_069, within(20.0));
    }
}
