package kz.shekara.track;

/**
 * The update half of the interacting multiple model estimator (Blom &amp; Bar-Shalom 1988; Bar-Shalom,
 * Li &amp; Kirubarajan 2001, §11.6.6, the update of step 3, and steps 4 and 5): each model's Kalman
 * update with the plot, its likelihood {@code Λ_j = N(ν_j; 0, S_j)} with innovation
 * {@code ν_j = z − H x_j} and {@code S_j = H P_j H' + R}, the model probabilities
 * {@code μ_j = Λ_j c̄_j / Σ_i Λ_i c̄_i}, and the combined estimate by moment matching. The predicted
 * measurement (for gating and association) is the plain Kalman one of the combined prediction, so
 * the hot gating paths treat it as {@link KalmanUpdater}'s. A predicted state without modes is
 * updated as a single-model Kalman state. Immutable, thread-safe; allocation: a few arrays per model.
 */
public final class ImmUpdater implements Updater {
    private static final KalmanUpdater KALMAN = new KalmanUpdater();

    @Override
    public MeasurementPrediction predictMeasurement(GaussianState predicted, double sigmaM) {
        return KALMAN.predictMeasurement(predicted, sigmaM);
    }

    @Override
    public GaussianState update(Hypothesis.Associated h) {
        GaussianState pred = h.prediction();
        GaussianState.Modes m = pred.modes();
        if (m == null) {
            return KALMAN.update(h);
        }
        int r = m.count();
        double sigma = h.plot().sigmaM();
        double[][] means = new double[r][];
        double[][] covs = new double[r][];
        double[] logLik = new double[r];
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) {
            GaussianState pj = GaussianState.owning(pred.time(), m.mean()[j], m.cov()[j]);
            MeasurementPrediction s = KALMAN.predictMeasurement(pj, sigma);
            double d2 = s.mahalanobis2(h.plot().east(), h.plot().north());
            double det = s.s00() * s.s11() - s.s01() * s.s01();
            // ln N(ν; 0, S) for a 2-D measurement: −ln(2π) − ½ ln|S| − ½ ν'S⁻¹ν.
            logLik[j] = m.p()[j] > 0 ? Math.log(m.p()[j]) - Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * d2
                    : Double.NEGATIVE_INFINITY;
            best = Math.max(best, logLik[j]);
            GaussianState uj = KALMAN.update(new Hypothesis.Associated(pj, h.plot(), s, d2));
            means[j] = uj.meanView();
            covs[j] = uj.covView();
        }
        double[] mu = new double[r];
        double sum = 0;
        for (int j = 0; j < r; j++) {
            mu[j] = Math.exp(logLik[j] - best);
            sum += mu[j];
        }
        for (int j = 0; j < r; j++) {
            mu[j] /= sum;
        }
        double[] x = new double[4];
        double[] p = new double[16];
        ImmPredictor.mixInto(mu, means, covs, x, p);
        return GaussianState.owning(pred.time(), x, p, new GaussianState.Modes(mu, means, covs));
    }
}
