package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static kz.shekara.track.Fixtures.plot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Joint probabilistic data association against hand-worked weights and a brute-force reference. */
class JpdaAssociatorTest {
    static final KalmanUpdater KALMAN = new KalmanUpdater();
    static final Gater GATER = MahalanobisGater.ofProbability(KALMAN, 0.999);
    static final double PD = 0.9;
    static final double PG = 0.999;

    static GaussianState at0(double e, double n) {
        return GaussianState.diagonal(at(0), e, n, 0, 0, 100, 1);
    }

    @Test
    void oneTrackTwoPlotsWeighsThemByTheirLikelihoodAgainstTheCluttersDensity() {
        GaussianState t = at0(0, 0);
        Plot near = plot(0, 5, 0, 10);
        Plot far = plot(0, -20, 0, 10);
        Association a = new JpdaAssociator(GATER, PD, PG).associate(List.of(t), List.of(near, far));
        SoftAssociation soft = a.soft().get(0);
        // By hand: S = (100 + 100) I, |S| = 40,000, gate area π γ √|S| with γ = 13.8155 (Pg 0.999, 2 dof),
        // λ = 2 plots over that area; weight of a plot ∝ Pd N(z; 0, S) / λ, of a miss ∝ 1 − Pd Pg.
        double gamma = -2 * Math.log(1 - 0.999);
        double lambda = 2 / (Math.PI * gamma * 200);
        double norm = 1 / (2 * Math.PI * 200);
        double wNear = PD * norm * Math.exp(-0.5 * 25 / 200.0) / lambda;
        double wFar = PD * norm * Math.exp(-0.5 * 400 / 200.0) / lambda;
        double wMiss = 1 - PD * PG;
        double total = wNear + wFar + wMiss;
        assertThat(soft.options()).extracting(Hypothesis.Associated::plot).containsExactly(near, far);
        assertThat(soft.weights()[0]).isCloseTo(wNear / total, within(1e-9));
        assertThat(soft.weights()[1]).isCloseTo(wFar / total, within(1e-9));
        assertThat(soft.missWeight()).isCloseTo(wMiss / total, within(1e-9));
        // The hard decision is still the nearest plot's, and the posterior mean is the weighted updates'.
        assertThat(((Hypothesis.Associated) a.hypotheses().get(0)).plot()).isSameAs(near);
        GaussianState post = a.posterior(0, KALMAN);
        double gain = 100 / 200.0;
        double expectedEast = (wNear * gain * 5 + wFar * gain * -20) / total;
        assertThat(post.east()).isCloseTo(expectedEast, within(1e-9));
        // The spread of the options widens the covariance beyond a single update's.
        assertThat(post.cov(0, 0)).isGreaterThan(KALMAN.update((Hypothesis.Associated) a.hypotheses().get(0)).cov(0, 0));
    }

    @Test
    void marginalsEqualABruteForceSumOverJointEvents() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            List<GaussianState> tracks = new ArrayList<>();
            List<Plot> plots = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tracks.add(at0(rnd.nextDouble() * 60, rnd.nextDouble() * 60));
            }
            for (int j = 0; j < 4; j++) {
                plots.add(plot(0, rnd.nextDouble() * 60, rnd.nextDouble() * 60, 10));
            }
            Association a = new JpdaAssociator(GATER, PD, PG).associate(tracks, plots);
            double[][] brute = bruteForce(tracks, plots);
            for (int i = 0; i < tracks.size(); i++) {
                SoftAssociation s = a.soft().get(i);
                assertThat(s.missWeight()).isCloseTo(brute[i][plots.size()], within(1e-9));
                for (int k = 0; k < s.options().size(); k++) {
                    int j = plots.indexOf(s.options().get(k).plot());
                    assertThat(s.weights()[k]).isCloseTo(brute[i][j], within(1e-9));
                }
                double sum = s.missWeight();
                for (double w : s.weights()) {
                    sum += w;
                }
                assertThat(sum).isCloseTo(1, within(1e-12));
            }
        }
    }

    @Test
    void aTrackWithNothingInItsGateKeepsItsPredictionAndAMultipleModelStateKeepsItsModes() {
        GaussianState alone = at0(10_000, 10_000);
        Association a = new JpdaAssociator(GATER, PD, PG).associate(List.of(alone), List.of(plot(0, 0, 0, 10)));
        assertThat(a.soft().get(0)).isNull();
        assertThat(a.posterior(0, KALMAN)).isSameAs(alone);

        ImmPredictor imm = new ImmPredictor(new double[] {0.001, 1.0}, new double[] {0.5, 0.5}, 60);
        GaussianState prior = imm.predict(GaussianState.diagonal(at(0), 0, 0, 1, 0, 100, 4), at(1));
        Gater immGate = MahalanobisGater.ofProbability(new ImmUpdater(), PG);
        Association m = new JpdaAssociator(immGate, PD, PG).associate(List.of(prior),
                List.of(plot(1, 2, 0, 10), plot(1, -3, 4, 10)));
        GaussianState post = m.posterior(0, new ImmUpdater());
        double p = 0;
        for (double v : post.modeProbabilities()) {
            p += v;
        }
        assertThat(post.modeProbabilities()).hasSize(2);
        assertThat(p).isCloseTo(1, within(1e-12));
    }

    /** Marginal weights by summing every joint event of every track and plot (no clustering, no gate shortcuts). */
    private static double[][] bruteForce(List<GaussianState> tracks, List<Plot> plots) {
        int n = tracks.size();
        int m = plots.size();
        double[][] ratio = new double[n][m];
        boolean[][] gated = new boolean[n][m];
        double area = 0;
        boolean[] anyGate = new boolean[m];
        int gatedTracks = 0;
        for (int i = 0; i < n; i++) {
            boolean has = false;
            for (int j = 0; j < m; j++) {
                MeasurementPrediction s = KALMAN.predictMeasurement(tracks.get(i), plots.get(j).sigmaM());
                double d2 = s.mahalanobis2(plots.get(j).east(), plots.get(j).north());
                double det = s.s00() * s.s11() - s.s01() * s.s01();
                gated[i][j] = d2 <= GATER.threshold();
                ratio[i][j] = PD * Math.exp(-0.5 * d2) / (2 * Math.PI * Math.sqrt(det));
                if (gated[i][j]) {
                    anyGate[j] = true;
                    if (!has) {
                        area += Math.PI * GATER.threshold() * Math.sqrt(det);
                        has = true;
                    }
                }
            }
            gatedTracks += has ? 1 : 0;
        }
        int plotsGated = 0;
        for (boolean g : anyGate) {
            plotsGated += g ? 1 : 0;
        }
        // The random scenes are small enough to form one cluster, whose density the associator uses.
        double lambda = gatedTracks == 0 ? 1 : plotsGated / area;
        double[][] marg = new double[n][m + 1];
        double[] total = new double[1];
        enumerate(0, new int[n], new boolean[m], 1, ratio, gated, lambda, marg, total);
        for (double[] row : marg) {
            for (int j = 0; j <= m; j++) {
                row[j] /= total[0];
            }
        }
        return marg;
    }

    private static void enumerate(int i, int[] choice, boolean[] used, double w, double[][] ratio, boolean[][] gated,
                                  double lambda, double[][] marg, double[] total) {
        int n = ratio.length;
        int m = used.length;
        if (i == n) {
            total[0] += w;
            for (int t = 0; t < n; t++) {
                marg[t][choice[t] < 0 ? m : choice[t]] += w;
            }
            return;
        }
        choice[i] = -1;
        enumerate(i + 1, choice, used, w * (1 - PD * PG), ratio, gated, lambda, marg, total);
        for (int j = 0; j < m; j++) {
            if (gated[i][j] && !used[j]) {
                used[j] = true;
                choice[i] = j;
                enumerate(i + 1, choice, used, w * ratio[i][j] / lambda, ratio, gated, lambda, marg, total);
                used[j] = false;
            }
        }
        choice[i] = -1;
    }
}
