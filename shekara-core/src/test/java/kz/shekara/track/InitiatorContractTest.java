package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Initiator must do. */
class InitiatorContractTest {
    static Stream<Initiator> initiators() {
        return Stream.of(new MOfNInitiator(2, 3, 20), new MOfNInitiator(3, 4, 30), new MOfNInitiator(1, 1, 5),
                new TwoPointInitiator(50, 4, 5, 30), new TwoPointInitiator(10, 3, 4, 20), new MOfNInitiator(4, 5, 30, 1),
                new TwoPointInitiator(50, 4, 5, 30, 1), new MOfNInitiator(3, 6, 30, 2),
                new ClutterScoredInitiator(new TwoPointInitiator(50, 4, 5, 30, 1), 1.0, 6.8, 20));
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void startsATentativeStateAtThePlot(Initiator i) {
        GaussianState s = i.initiate(Fixtures.plot(3, 120, -40, 25), at(3));
        assertThat(s.time()).isEqualTo(at(3));
        assertThat(s.east()).isEqualTo(120);
        assertThat(s.north()).isEqualTo(-40);
        assertThat(s.positionSigmaM()).isEqualTo(25);
        assertThat(s.cov(2, 2)).isPositive();
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void neverBothConfirmsAndAbandonsAndADetectionStreakConfirms(Initiator i) {
        for (int scans = 1; scans <= 8; scans++) {
            for (int hits = 1; hits <= scans; hits++) {
                assertThat(i.confirms(hits, scans) && i.abandons(hits, scans)).isFalse();
            }
        }
        int scans = 1;
        while (!i.confirms(scans, scans)) {
            assertThat(i.abandons(scans, scans)).isFalse();
            scans++;
        }
        assertThat(scans).isLessThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("initiators")
    void abandonsATrackThatKeepsMissing(Initiator i) {
        int scans = 1;
        while (!i.abandons(1, scans) && !i.confirms(1, scans)) {
            scans++;
        }
        assertThat(scans).isLessThanOrEqualTo(8);
    }

    @org.junit.jupiter.api.Test
    void mOfNCountsHitsWithinTheWindow() {
        MOfNInitiator i = new MOfNInitiator(3, 4, 30);
        assertThat(i.confirms(3, 4)).isTrue();
        assertThat(i.confirms(2, 3)).isFalse();
        assertThat(i.abandons(1, 3)).isTrue();
        assertThat(i.abandons(2, 3)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aSinglePlotTrackEndsAtItsKthMissAndATrackOfMorePlotsByMOfN() {
        // 4 of 5 alone: one plot survives a miss (1 + 3 more scans could still make 4) and ends at the second.
        assertThat(new MOfNInitiator(4, 5, 30).abandons(1, 2)).isFalse();
        assertThat(new MOfNInitiator(4, 5, 30).abandons(1, 3)).isTrue();
        for (Initiator i : List.of(new MOfNInitiator(4, 5, 30, 1), new TwoPointInitiator(50, 4, 5, 30, 1))) {
            assertThat(i.abandons(1, 2)).isTrue();
            // Two plots then a miss: 4 of 5 is still in reach.
            assertThat(i.abandons(2, 3)).isFalse();
            assertThat(i.abandons(2, 4)).isTrue();
        }
        MOfNInitiator two = new MOfNInitiator(3, 6, 30, 2);
        assertThat(two.abandons(1, 2)).isFalse();
        assertThat(two.abandons(1, 3)).isTrue();
        assertThat(new MOfNInitiator(1, 1, 5, 1).confirms(1, 1)).isTrue();
    }

    /** A hit of a track predicted with a 2x2 innovation covariance {@code s} (m², isotropic) at squared distance {@code d2}. */
    static Hypothesis.Associated hitAt(double s, double d2) {
        GaussianState p = GaussianState.diagonal(at(1), 0, 0, 0, 0, s - 100, 900);
        return new Hypothesis.Associated(p, Fixtures.plot(1, Math.sqrt(d2 * s), 0, 10),
                new MeasurementPrediction(0, 0, s, 0, s), d2);
    }

    @org.junit.jupiter.api.Test
    void twoPointConfirmsOnASecondPlotLikelyEnoughUnderThePrediction() {
        TwoPointInitiator i = new TwoPointInitiator(50, 4, 5, 30);
        // S = 1100 m² per axis (10 m plots, 30 m/s velocity spread, 1 s): the density at the predicted
        // point is 1 / (2π · 1100) = 1.447e-4 per m² = 144.7 per km²; it falls to 50 per km² at
        // d² = 2 ln(144.7 / 50) = 2.125.
        assertThat(TwoPointInitiator.density(hitAt(1100, 0)) * 1e6).isCloseTo(144.686, within(1e-3));
        assertThat(i.confirms(2, 2, hitAt(1100, 2.0))).isTrue();
        assertThat(i.confirms(2, 2, hitAt(1100, 2.3))).isFalse();
        // A coarse sensor's plots (S = 6000 m²) can never reach 50 per km²: M-of-N decides.
        assertThat(i.confirms(2, 2, hitAt(6000, 0))).isFalse();
        // A later plot within the first N scans confirms by the same test; after N only M-of-N counts.
        assertThat(i.confirms(2, 3, hitAt(400, 1))).isTrue();
        assertThat(i.confirms(2, 6, hitAt(400, 1))).isFalse();
        assertThat(i.confirms(1, 1, hitAt(400, 0))).isFalse();
        assertThat(i.confirms(4, 5, hitAt(6000, 10))).isTrue();
    }
}
