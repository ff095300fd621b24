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
        double[][] means = new double[r][];
        double[][] covs = new double[r][];
        for (int j = 0; j < r; j++) {
            means[j] = new double[4];
            covs[j] = new double[16];
        }
        double[] mu = new double[r];
        updateModes(m, h.plot(), means, covs, mu, new double[8]);
        double[] x = new double[4];
        double[] p = new double[16];
        ImmPredictor.mixInto(mu, means, covs, x, p);
        return GaussianState.owning(pred.time(), x, p, new GaussianState.Modes(mu, means, covs));
    }

    /**
     * The same update as {@link #update}, bit for bit, written into the prediction itself and its modes
     * (the in-place fast path of a tracker's own states, which own every array they hold; a state
     * with modes only; no allocation but one measurement prediction per model).
     */
    void updateInPlace(Hypothesis.Associated h, ImmPredictor.Scratch s) {
        GaussianState pred = h.prediction();
        GaussianState.Modes m = pred.modes();
        int r = m.count();
        updateModes(m, h.plot(), s.x0, s.p0, s.w, s.k);
        for (int j = 0; j < r; j++) {
            System.arraycopy(s.x0[j], 0, m.mean()[j], 0, 4);
            System.arraycopy(s.p0[j], 0, m.cov()[j], 0, 16);
        }
        System.arraycopy(s.w, 0, m.p(), 0, r);
        ImmPredictor.mixInto(m.p(), m.mean(), m.cov(), pred.meanView(), pred.covView());
    }

    /**
     * Each model's Kalman update by {@code plot} into {@code means[j]} and {@code covs[j]}, and the
     * model probabilities weighed by each model's likelihood into {@code mu}; {@code k} is 8 doubles of scratch.
     */
    private static void updateModes(GaussianState.Modes m, Plot plot, double[][] means, double[][] covs, double[] mu,
                                    double[] k) {
        int r = m.count();
        double sigma = plot.sigmaM();
        double r2 = sigma * sigma;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) {
            double[] xj = m.mean()[j];
            double[] pj = m.cov()[j];
            // The plain Kalman measurement prediction of model j (KalmanUpdater.predictMeasurement).
            MeasurementPrediction s = new MeasurementPrediction(xj[0], xj[1], pj[0] + r2, (pj[1] + pj[4]) / 2, pj[5] + r2);
            double d2 = s.mahalanobis2(plot.east(), plot.north());
            double det = s.s00() * s.s11() - s.s01() * s.s01();
            // ln N(ν; 0, S) for a 2-D measurement: −ln(2π) − ½ ln|S| − ½ ν'S⁻¹ν.
            mu[j] = m.p()[j] > 0 ? Math.log(m.p()[j]) - Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * d2
                    : Double.NEGATIVE_INFINITY;
            best = Math.max(best, mu[j]);
            KalmanUpdater.updateInto(xj, pj, s, plot.east(), plot.north(), means[j], covs[j], k);
        }
        double sum = 0;
        for (int j = 0; j < r; j++) {
            mu[j] = Math.exp(mu[j] - best);
            sum += mu[j];
        }
        for (int j = 0; j < r; j++) {
            mu[j] /= sum;
        }
    }
}
