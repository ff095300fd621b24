package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static kz.shekara.track.Fixtures.plot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every DataAssociator must do; the clustered GNN must also agree with the all-pairs reference, and
 * so must the hard decisions of the joint probabilistic associator.
 */
class DataAssociatorContractTest {
    static final Gater GATER = MahalanobisGater.ofProbability(new KalmanUpdater(), 0.999);

    static Stream<Function<Gater, DataAssociator>> associators() {
        // The third runs the clustered GNN through the Gater role alone, as for any gater it has no fast path for.
        return Stream.of(GnnAssociator::new, AllPairsGnnAssociator::new, g -> new GnnAssociator(new RoleOnly(g)),
                g -> new JpdaAssociator(g, 0.9, 0.999));
    }

    /** A gater that is only its interface: hides the Mahalanobis gater's type from the associator. */
    private record RoleOnly(Gater gater) implements Gater {
        @Override
        public double radiusM(GaussianState predicted, double sigmaM) {
            return gater.radiusM(predicted, sigmaM);
        }

        @Override
        public double threshold() {
            return gater.threshold();
        }

        @Override
        public List<Hypothesis> hypothesise(GaussianState predicted, List<Plot> plots) {
            return gater.hypothesise(predicted, plots);
        }
    }

    static GaussianState at0(double e, double n) {
        return GaussianState.diagonal(at(0), e, n, 0, 0, 100, 1);
    }

    @ParameterizedTest
    @MethodSource("associators")
    void givesEachTrackItsOwnPlotAndLeavesTheRest(Function<Gater, DataAssociator> make) {
        Plot a = plot(0, 2, 1, 10);
        Plot b = plot(0, 1003, -2, 10);
        Plot clutter = plot(0, 50_000, 0, 10);
        Association r = make.apply(GATER).associate(List.of(at0(0, 0), at0(1000, 0)), List.of(clutter, b, a));
        assertThat(((Hypothesis.Associated) r.hypotheses().get(0)).plot()).isSameAs(a);
        assertThat(((Hypothesis.Associated) r.hypotheses().get(1)).plot()).isSameAs(b);
        assertThat(r.unassociated()).containsExactly(clutter);
    }

    @ParameterizedTest
    @MethodSource("associators")
    void resolvesAContestedPlotByTheGlobalOptimum(Function<Gater, DataAssociator> make) {
        // Track 0 sees plots p and q, track 1 sees only p: the global optimum gives p to track 1.
        Plot p = plot(0, 20, 0, 10);
        Plot q = plot(0, -25, 0, 10);
        Association r = make.apply(GATER).associate(List.of(at0(0, 0), at0(40, 0)), List.of(p, q));
        assertThat(((Hypothesis.Associated) r.hypotheses().get(0)).plot()).isSameAs(q);
        assertThat(((Hypothesis.Associated) r.hypotheses().get(1)).plot()).isSameAs(p);
        assertThat(r.unassociated()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("associators")
    void coastsEveryTrackOnAnEmptyScan(Function<Gater, DataAssociator> make) {
        Association r = make.apply(GATER).associate(List.of(at0(0, 0)), List.of());
        assertThat(r.hypotheses()).singleElement().isInstanceOf(Hypothesis.Missed.class);
        assertThat(make.apply(GATER).associate(List.of(), List.of(plot(0, 1, 1, 5))).unassociated()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("associators")
    void usesEveryPlotAtMostOnceAndAgreesWithTheReference(Function<Gater, DataAssociator> make) {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            List<GaussianState> tracks = new ArrayList<>();
            List<Plot> plots = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tracks.add(at0(rnd.nextDouble() * 800, rnd.nextDouble() * 800));
            }
            for (int j = 0; j < 50; j++) {
                plots.add(plot(0, rnd.nextDouble() * 800, rnd.nextDouble() * 800, 10));
            }
            Association got = make.apply(GATER).associate(tracks, plots);
            Association ref = new AllPairsGnnAssociator(GATER).associate(tracks, plots);
            IdentityHashMap<Plot, Boolean> used = new IdentityHashMap<>();
            for (int i = 0; i < tracks.size(); i++) {
                Hypothesis h = got.hypotheses().get(i);
                assertThat(h.prediction()).isSameAs(tracks.get(i));
                if (h instanceof Hypothesis.Associated a) {
                    assertThat(used.put(a.plot(), true)).isNull();
                    assertThat(ref.hypotheses().get(i)).isInstanceOf(Hypothesis.Associated.class);
                    assertThat(((Hypothesis.Associated) ref.hypotheses().get(i)).plot()).isSameAs(a.plot());
                } else {
                    assertThat(ref.hypotheses().get(i)).isInstanceOf(Hypothesis.Missed.class);
                }
            }
            assertThat(used.size() + got.unassociated().size()).isEqualTo(plots.size());
        }
    }
}
