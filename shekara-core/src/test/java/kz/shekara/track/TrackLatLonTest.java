package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import kz.shekara.geo.LocalFrame;
import org.junit.jupiter.api.Test;

/** A track's position in degrees is its frame's answer for its current state, remembered only while that holds. */
class TrackLatLonTest {
    private static final double[] COV = {100, 0, 0, 0, 0, 100, 0, 0, 0, 0, 4, 0, 0, 0, 0, 4};

    private static double[] direct(LocalFrame f, double east, double north) {
        double[] out = new double[2];
        f.toLatLon(east, north, out);
        return out;
    }

    @Test
    void givesTheFramesAnswerForTheCurrentPositionAndFrame() {
        LocalFrame west = new LocalFrame(43.0, 67.95);
        LocalFrame east = new LocalFrame(43.0, 68.05);
        Track t = new Track("T1", GaussianState.of(at(0), new double[] {1200, 3400, 1, 2}, COV),
                Fixtures.plot(0, 1200, 3400, 10));
        double[] ll = new double[2];
        t.latLon(west, ll);
        assertThat(ll).containsExactly(direct(west, 1200, 3400));
        t.latLon(west, ll);
        assertThat(ll).containsExactly(direct(west, 1200, 3400));
        t.latLon(east, ll); // another frame: its own answer
        assertThat(ll).containsExactly(direct(east, 1200, 3400));
        t.state = GaussianState.of(at(1), new double[] {1201, 3400, 1, 2}, COV);
        t.latLon(east, ll); // a new position
        assertThat(ll).containsExactly(direct(east, 1201, 3400));
        t.state = GaussianState.of(at(2), new double[] {-0.0, 0.0, 1, 2}, COV);
        t.latLon(east, ll);
        double[] negativeZero = ll.clone();
        t.state = GaussianState.of(at(3), new double[] {0.0, 0.0, 1, 2}, COV);
        t.latLon(east, ll); // equal as numbers, not as bits: worked out again
        assertThat(negativeZero).containsExactly(direct(east, -0.0, 0.0));
        assertThat(ll).containsExactly(direct(east, 0.0, 0.0));
    }
}
