package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static kz.shekara.track.Fixtures.plot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every Hypothesiser (here, every Gater) must do. */
class HypothesiserContractTest {
    static Stream<Gater> gaters() {
        KalmanUpdater u = new KalmanUpdater();
        return Stream.of(MahalanobisGater.ofProbability(u, 0.99), MahalanobisGater.ofProbability(u, 0.9999),
                new MahalanobisGater(u, 4));
    }

    final GaussianState track = GaussianState.diagonal(at(0), 0, 0, 0, 0, 100, 10);

    @ParameterizedTest
    @MethodSource("gaters")
    void alwaysOffersTheMissedHypothesisFirst(Gater g) {
        assertThat(g.hypothesise(track, List.of())).singleElement().isInstanceOf(Hypothesis.Missed.class);
        List<Hypothesis> hs = g.hypothesise(track, List.of(plot(0, 5, 5, 10)));
        assertThat(hs.get(0)).isInstanceOf(Hypothesis.Missed.class);
        assertThat(hs.get(0).prediction()).isSameAs(track);
    }

    @ParameterizedTest
    @MethodSource("gaters")
    void keepsExactlyThePlotsInsideTheGateInOrder(Gater g) {
        Plot near = plot(0, 3, -2, 10);
        Plot far = plot(0, 5000, 0, 10);
        Plot alsoNear = plot(0, -4, 1, 10);
        List<Hypothesis> hs = g.hypothesise(track, List.of(near, far, alsoNear));
        assertThat(hs).hasSize(3);
        assertThat(((Hypothesis.Associated) hs.get(1)).plot()).isSameAs(near);
        assertThat(((Hypothesis.Associated) hs.get(2)).plot()).isSameAs(alsoNear);
        for (Hypothesis h : hs.subList(1, 3)) {
            assertThat(((Hypothesis.Associated) h).distance2()).isLessThanOrEqualTo(g.threshold());
        }
    }

    @ParameterizedTest
    @MethodSource("gaters")
    void radiusBoundsTheGate(Gater g) {
        double r = g.radiusM(track, 10);
        assertThat(g.hypothesise(track, List.of(plot(0, r * 0.99, 0, 10)))).hasSize(2);
        assertThat(g.hypothesise(track, List.of(plot(0, 0, r * 1.01, 10)))).hasSize(1);
    }
}
