package kz.shekara.track;

/**
 * Kalman measurement update for a linear position measurement {@code z = H x + w}, {@code H = [I 0]},
 * {@code R = σ² I} (Bar-Shalom, Li &amp; Kirubarajan 2001, §5.2.3, eqs. 5.2.3-9 to 5.2.3-15):
 * {@code S = H P H' + R}, {@code K = P H' S⁻¹}, {@code x⁺ = x + K ν}, {@code P⁺ = P − K S K'} with the
 * result symmetrised. Hand-rolled 2x2/4x4 arithmetic; immutable, thread-safe; allocation: one state per update.
 */
public final class KalmanUpdater implements Updater {

    @Override
    public MeasurementPrediction predictMeasurement(GaussianState predicted, double sigmaM) {
        double[] p = predicted.covView();
        double r = sigmaM * sigmaM;
        return new MeasurementPrediction(predicted.east(), predicted.north(), p[0] + r, (p[1] + p[4]) / 2, p[5] + r);
    }

    @Override
    public GaussianState update(Hypothesis.Associated h) {
        GaussianState pred = h.prediction();
        MeasurementPrediction s = h.measurement();
        double[] x = pred.meanView();
        double[] p = pred.covView();
        double det = s.s00() * s.s11() - s.s01() * s.s01();
        double i00 = s.s11() / det;
        double i01 = -s.s01() / det;
        double i11 = s.s00() / det;
        // K = P H' S⁻¹: P H' is the first two columns of P.
        double[] k = new double[8];
        for (int r = 0; r < 4; r++) {
            double a = p[r * 4];
            double b = p[r * 4 + 1];
            k[r * 2] = a * i00 + b * i01;
            k[r * 2 + 1] = a * i01 + b * i11;
        }
        double nu0 = h.plot().east() - s.east();
        double nu1 = h.plot().north() - s.north();
        double[] xm = new double[4];
        for (int r = 0; r < 4; r++) {
            xm[r] = x[r] + k[r * 2] * nu0 + k[r * 2 + 1] * nu1;
        }
        // P⁺ = P − K (H P): H P is the first two rows of P.
        double[] out = new double[16];
        for (int r = 0; r < 4; r++) {
            for (int c = r; c < 4; c++) {
                double v = p[r * 4 + c] - k[r * 2] * p[c] - k[r * 2 + 1] * p[4 + c];
                double w = p[c * 4 + r] - k[c * 2] * p[r] - k[c * 2 + 1] * p[4 + r];
                double sym = (v + w) / 2;
                out[r * 4 + c] = sym;
                out[c * 4 + r] = sym;
            }
        }
        return GaussianState.owning(pred.time(), xm, out);
    }
}
