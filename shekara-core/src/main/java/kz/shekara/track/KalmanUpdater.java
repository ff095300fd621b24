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

    /**
     * The same update written into the hypothesis' prediction itself (the in-place fast path of a
     * tracker's own states; no allocation).
     */
    void updateInPlace(Hypothesis.Associated h) {
        GaussianState pred = h.prediction();
        MeasurementPrediction s = h.measurement();
        double[] x = pred.meanView();
        double[] p = pred.covView();
        double det = s.s00() * s.s11() - s.s01() * s.s01();
        double i00 = s.s11() / det;
        double i01 = -s.s01() / det;
        double i11 = s.s00() / det;
        double nu0 = h.plot().east() - s.east();
        double nu1 = h.plot().north() - s.north();
        double k00 = p[0] * i00 + p[1] * i01;
        double k01 = p[0] * i01 + p[1] * i11;
        double k10 = p[4] * i00 + p[5] * i01;
        double k11 = p[4] * i01 + p[5] * i11;
        double k20 = p[8] * i00 + p[9] * i01;
        double k21 = p[8] * i01 + p[9] * i11;
        double k30 = p[12] * i00 + p[13] * i01;
        double k31 = p[12] * i01 + p[13] * i11;
        x[0] += k00 * nu0 + k01 * nu1;
        x[1] += k10 * nu0 + k11 * nu1;
        x[2] += k20 * nu0 + k21 * nu1;
        x[3] += k30 * nu0 + k31 * nu1;
        // P⁺ = P − K (H P) on the upper triangle, mirrored; H P is rows 0 and 1 of P.
        double h00 = p[0], h01 = p[1], h02 = p[2], h03 = p[3];
        double h10 = p[4], h11 = p[5], h12 = p[6], h13 = p[7];
        double a00 = p[0] - (k00 * h00 + k01 * h10);
        double a01 = p[1] - (k00 * h01 + k01 * h11);
        double a02 = p[2] - (k00 * h02 + k01 * h12);
        double a03 = p[3] - (k00 * h03 + k01 * h13);
        double a11 = p[5] - (k10 * h01 + k11 * h11);
        double a12 = p[6] - (k10 * h02 + k11 * h12);
        double a13 = p[7] - (k10 * h03 + k11 * h13);
        double a22 = p[10] - (k20 * h02 + k21 * h12);
        double a23 = p[11] - (k20 * h03 + k21 * h13);
        double a33 = p[15] - (k30 * h03 + k31 * h13);
        p[0] = a00;
        p[1] = a01;
        p[4] = a01;
        p[2] = a02;
        p[8] = a02;
        p[3] = a03;
        p[12] = a03;
        p[5] = a11;
        p[6] = a12;
        p[9] = a12;
        p[7] = a13;
        p[13] = a13;
        p[10] = a22;
        p[11] = a23;
        p[14] = a23;
        p[15] = a33;
    }

    @Override
    public GaussianState update(Hypothesis.Associated h) {
        GaussianState pred = h.prediction();
        MeasurementPrediction s = h.measurement();
        double[] xm = new double[4];
        double[] out = new double[16];
        updateInto(pred.meanView(), pred.covView(), s, h.plot().east(), h.plot().north(), xm, out, new double[8]);
        return GaussianState.owning(pred.time(), xm, out);
    }

    /**
     * The update of mean {@code x} and covariance {@code p} by a plot at ({@code plotEast},
     * {@code plotNorth}) with measurement prediction {@code s}, written into {@code xm} (4) and
     * {@code out} (16), arrays other than the inputs; {@code k} is 8 doubles of scratch. The same
     * arithmetic as {@link #update}, so either gives the same bits.
     */
    static void updateInto(double[] x, double[] p, MeasurementPrediction s, double plotEast, double plotNorth,
                           double[] xm, double[] out, double[] k) {
        double det = s.s00() * s.s11() - s.s01() * s.s01();
        double i00 = s.s11() / det;
        double i01 = -s.s01() / det;
        double i11 = s.s00() / det;
        // K = P H' S⁻¹: P H' is the first two columns of P.
        for (int r = 0; r < 4; r++) {
            double a = p[r * 4];
            double b = p[r * 4 + 1];
            k[r * 2] = a * i00 + b * i01;
            k[r * 2 + 1] = a * i01 + b * i11;
        }
        double nu0 = plotEast - s.east();
        double nu1 = plotNorth - s.north();
        for (int r = 0; r < 4; r++) {
            xm[r] = x[r] + k[r * 2] * nu0 + k[r * 2 + 1] * nu1;
        }
        // P⁺ = P − K (H P): H P is the first two rows of P.
        for (int r = 0; r < 4; r++) {
            for (int c = r; c < 4; c++) {
                double v = p[r * 4 + c] - k[r * 2] * p[c] - k[r * 2 + 1] * p[4 + c];
                double w = p[c * 4 + r] - k[c * 2] * p[r] - k[c * 2 + 1] * p[4 + r];
                double sym = (v + w) / 2;
                out[r * 4 + c] = sym;
                out[c * 4 + r] = sym;
            }
        }
    }
}
