package kz.shekara.track;

import static kz.shekara.track.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The IMM estimator (Bar-Shalom, Li &amp; Kirubarajan 2001, §11.6.6) against numbers worked by hand:
 * two CV models with q = 0 and q = 3 m²/s³, mean sojourn τ = 10 s, so over 1 s the chance of staying
 * in a model is s = ½ + ½·e^(−2·1/10) = 0.9093653765.
 */
class ImmFilterTest {
    final ImmPredictor predictor = new ImmPredictor(new double[] {0, 3}, new double[] {0.5, 0.5}, 10);
    final ImmUpdater updater = new ImmUpdater();

    static GaussianState.Modes modes(double[] p, double[][] means, double[][] covs) {
        return new GaussianState.Modes(p, means, covs);
    }

    static double[] diag(double a, double b, double c, double d) {
        return new double[] {a, 0, 0, 0, 0, b, 0, 0, 0, 0, c, 0, 0, 0, 0, d};
    }

    @Test
    void switchingChanceFollowsTheMarkovChainAndIsNoneOverNoTime() {
        assertThat(predictor.stayProbability(1)).isCloseTo(0.9093653765389909, within(1e-15));
        assertThat(predictor.stayProbability(0)).isEqualTo(1.0);
        // Two steps of a Markov chain are one longer step: s(2) = s(1)² + (1 − s(1))².
        double s = predictor.stayProbability(1);
        assertThat(predictor.stayProbability(2)).isCloseTo(s * s + (1 - s) * (1 - s), within(1e-15));
    }

    @Test
    void mixesTheModelsBeforePredictingEach() {
        // Model 1 at east 0, model 2 at east 10, both moving east at 1 m/s, P = diag(100, 100, 1, 1), μ = (0.8, 0.2).
        double[] p = diag(100, 100, 1, 1);
        GaussianState prior = GaussianState.owning(at(0), new double[] {2, 0, 1, 0}, diag(116, 100, 1, 1),
                modes(new double[] {0.8, 0.2}, new double[][] {{0, 0, 1, 0}, {10, 0, 1, 0}}, new double[][] {p, p}));
        GaussianState s = predictor.predict(prior, at(1));
        // Step 1: c̄1 = 0.8 s + 0.2 (1 − s) = 0.2 + 0.6 s; c̄2 = 1 − c̄1.
        assertThat(s.modeProbabilities().get(0)).isCloseTo(0.745619225923, within(1e-12));
        assertThat(s.modeProbabilities().get(1)).isCloseTo(0.254380774077, within(1e-12));
        // Step 2: μ2|1 = 0.2 (1 − s) / c̄1 = 0.0243112356, so x01 = 10 μ2|1 = 0.2431 and
        // P01(e,e) = 100 + 10² μ1|1 μ2|1 = 102.3720; step 3 adds dt·v to the mean and 2 P(e,v) + P(v,v) + q/3 to P(e,e).
        GaussianState.Modes m = s.modes();
        assertThat(m.mean()[0][0]).isCloseTo(1.243112356307, within(1e-12));
        assertThat(m.cov()[0][0]).isCloseTo(103.37201994528061, within(1e-9));
        assertThat(m.cov()[0][2]).isCloseTo(1.0, within(1e-12));
        // Model 2: μ1|2 = 0.8 (1 − s) / c̄2 = 0.2850, x02 = 10 · 0.7150 = 7.1496; q = 3 adds 1, 1.5 and 3.
        assertThat(m.mean()[1][0]).isCloseTo(8.149639196122, within(1e-12));
        assertThat(m.cov()[1][0]).isCloseTo(122.3790513264955, within(1e-9));
        assertThat(m.cov()[1][2]).isCloseTo(2.5, within(1e-12));
        assertThat(m.cov()[1][10]).isCloseTo(4.0, within(1e-12));
        // Step 5: mixing keeps the combined mean, 0.8·0 + 0.2·10 + 1 = 3, and spreads the covariance.
        assertThat(s.east()).isCloseTo(3.0, within(1e-12));
        assertThat(s.cov(0, 0)).isCloseTo(117.25438077407662, within(1e-9));
        assertThat(s.cov(0, 2)).isCloseTo(1.3815711611149082, within(1e-12));
        assertThat(s.time()).isEqualTo(at(1));
    }

    @Test
    void weighsTheModelsByTheirLikelihoodOfThePlot() {
        // A new track (no modes) at the origin moving east at 1 m/s, P = diag(100, 100, 1, 1), predicted 1 s:
        // both models at east 1; P(e,e) = 101 and 102, P(e,v) = 1 and 2.5, P(v,v) = 1 and 4.
        GaussianState predicted = predictor.predict(GaussianState.diagonal(at(0), 0, 0, 1, 0, 100, 1), at(1));
        assertThat(predicted.modeProbabilities()).containsExactly(0.5, 0.5);
        assertThat(predicted.cov(0, 0)).isCloseTo(101.5, within(1e-12));
        // A plot at (11, 0), σ 10 m: S = 201 and 202 per axis, ν = (10, 0), so
        // Λ1/Λ2 = (202/201) · exp(−50/201 + 50/202) = 1.0037384 and μ1 = 1.0037384 / 2.0037384.
        Plot z = Fixtures.plot(1, 11, 0, 10);
        MeasurementPrediction mp = updater.predictMeasurement(predicted, 10);
        assertThat(mp.s00()).isCloseTo(201.5, within(1e-12));
        GaussianState s = updater.update(new Hypothesis.Associated(predicted, z, mp, mp.mahalanobis2(11, 0)));
        assertThat(s.modeProbabilities().get(0)).isCloseTo(0.500932829646, within(1e-12));
        assertThat(s.modeProbabilities().get(1)).isCloseTo(0.499067170354, within(1e-12));
        // Each model's Kalman gain: east 101/201 and 102/202, velocity 1/201 and 2.5/202.
        assertThat(s.modes().mean()[0][0]).isCloseTo(1 + 1010.0 / 201, within(1e-12));
        assertThat(s.modes().mean()[1][2]).isCloseTo(1 + 25.0 / 202, within(1e-12));
        assertThat(s.east()).isCloseTo(6.037167311225, within(1e-12));
        assertThat(s.vEast()).isCloseTo(1.086687770231, within(1e-12));
        assertThat(s.cov(0, 0)).isCloseTo(50.37182476267826, within(1e-9));
        assertThat(s.cov(2, 2)).isCloseTo(2.480637280369473, within(1e-12));
        assertThat(s.north()).isZero();
    }

    @Test
    void aQuietTargetMakesTheQuietModelLikelyAndAManoeuvreTheOther() {
        ImmPredictor imm = new ImmPredictor(new double[] {0.001, 0.1}, new double[] {0.5, 0.5}, 60);
        GaussianState quiet = GaussianState.diagonal(at(0), 0, 0, 1, 0, 100, 1);
        GaussianState turning = quiet;
        for (int k = 1; k <= 30; k++) {
            // One walks straight east at 1 m/s; the other turns north at 2 m/s² from the tenth second.
            quiet = step(imm, quiet, k, k, 0);
            double tn = Math.max(0, k - 10);
            turning = step(imm, turning, k, Math.min(k, 10), tn * tn);
        }
        assertThat(quiet.modeProbabilities().get(0)).isGreaterThan(0.8);
        assertThat(turning.modeProbabilities().get(1)).isGreaterThan(0.8);
    }

    private GaussianState step(ImmPredictor imm, GaussianState s, int k, double east, double north) {
        GaussianState p = imm.predict(s, at(k));
        MeasurementPrediction mp = updater.predictMeasurement(p, 5);
        return updater.update(new Hypothesis.Associated(p, Fixtures.plot(k, east, north, 5), mp,
                mp.mahalanobis2(east, north)));
    }

    @Test
    void theInPlacePathsGiveTheSameBitsAsTheAllocatingOnes() {
        ImmPredictor imm = new ImmPredictor(new double[] {0.001, 0.1}, new double[] {0.5, 0.5}, 60);
        ImmPredictor.Scratch scratch = imm.scratch();
        GaussianState kept = GaussianState.diagonal(at(0), 0, 0, 1, 0, 100, 1);
        GaussianState own = GaussianState.diagonal(at(0), 0, 0, 1, 0, 100, 1);
        double t = 0;
        for (int k = 1; k <= 40; k++) {
            // Uneven steps, a turn from the twelfth scan and every fifth scan missed.
            t += 0.5 + (k % 3) * 0.75;
            double tn = Math.max(0, k - 12);
            double east = t * 1.5;
            double north = tn * tn;
            GaussianState p = imm.predict(kept, at(t));
            GaussianState q = imm.predictInPlace(own, at(t), scratch);
            assertThat(q).isEqualTo(p);
            if (k == 1) {
                assertThat(q).isNotSameAs(own); // a state without modes gets them from the allocating path
            } else {
                assertThat(q).isSameAs(own);
            }
            own = q;
            if (k % 5 == 0) {
                kept = p;
                continue;
            }
            MeasurementPrediction mp = updater.predictMeasurement(p, 5);
            kept = updater.update(new Hypothesis.Associated(p, Fixtures.plot(t, east, north, 5), mp,
                    mp.mahalanobis2(east, north)));
            MeasurementPrediction mq = updater.predictMeasurement(own, 5);
            updater.updateInPlace(new Hypothesis.Associated(own, Fixtures.plot(t, east, north, 5), mq,
                    mq.mahalanobis2(east, north)), scratch);
            assertThat(own).isEqualTo(kept);
        }
        assertThat(own.modeProbabilities().get(1)).isGreaterThan(0.5);
    }

    @Test
    void momentMatchingGivesTheBitsOfItsPlainLoops() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(21);
        for (int n = 0; n < 20_000; n++) {
            int r = 1 + n % 3;
            double[] w = new double[r];
            double[][] means = new double[r][4];
            double[][] covs = new double[r][16];
            for (int i = 0; i < r; i++) {
                w[i] = n % 7 == 0 && i == 0 ? 0 : random.nextDouble();
                for (int a = 0; a < 4; a++) {
                    means[i][a] = random.nextDouble(-5e4, 5e4);
                }
                for (int a = 0; a < 16; a++) {
                    covs[i][a] = n % 5 == 0 ? -0.0 : random.nextDouble(-1e3, 1e4); // not symmetric: the mean is taken
                }
            }
            double[] x = new double[4];
            double[] p = new double[16];
            ImmPredictor.mixInto(w, means, covs, x, p);
            double[] xs = new double[4];
            double[] ps = new double[16];
            mixedByLoops(w, means, covs, xs, ps);
            for (int a = 0; a < 4; a++) {
                assertThat(Double.doubleToRawLongBits(x[a])).isEqualTo(Double.doubleToRawLongBits(xs[a]));
            }
            for (int a = 0; a < 16; a++) {
                assertThat(Double.doubleToRawLongBits(p[a])).as("%d: %s", a, p[a])
                        .isEqualTo(Double.doubleToRawLongBits(ps[a]));
            }
        }
    }

    /** The moment matching as plain loops over the models and the state's elements. */
    private static void mixedByLoops(double[] w, double[][] means, double[][] covs, double[] x, double[] p) {
        for (int i = 0; i < w.length; i++) {
            for (int a = 0; a < 4; a++) {
                x[a] += w[i] * means[i][a];
            }
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int a = 0; a < 4; a++) {
                double da = means[i][a] - x[a];
                for (int b = a; b < 4; b++) {
                    double v = w[i] * ((covs[i][a * 4 + b] + covs[i][b * 4 + a]) / 2 + da * (means[i][b] - x[b]));
                    p[a * 4 + b] += v;
                    if (b != a) {
                        p[b * 4 + a] += v;
                    }
                }
            }
        }
    }

    @Test
    void aStateWithoutModesIsUpdatedAsTheKalmanFilterWould() {
        GaussianState predicted = GaussianState.diagonal(at(1), 0, 0, 5, 0, 900, 100);
        Plot z = Fixtures.plot(1, 60, -30, 20);
        MeasurementPrediction mp = updater.predictMeasurement(predicted, 20);
        Hypothesis.Associated h = new Hypothesis.Associated(predicted, z, mp, mp.mahalanobis2(60, -30));
        assertThat(updater.update(h)).isEqualTo(new KalmanUpdater().update(h));
    }
}
