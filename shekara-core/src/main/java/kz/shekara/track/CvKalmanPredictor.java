package kz.shekara.track;

import java.time.Instant;

/**
 * Kalman prediction under the nearly-constant-velocity model with continuous white-noise
 * acceleration (Bar-Shalom, Li &amp; Kirubarajan, <i>Estimation with Applications to Tracking and
 * Navigation</i>, 2001, §6.2.2, eqs. 6.2.2-12/13): {@code x' = F x}, {@code P' = F P F' + Q} with
 * {@code F = [I dt·I; 0 I]} and per axis {@code Q = q [dt³/3 dt²/2; dt²/2 dt]}. Because this Q is
 * the exact discretisation, predicting in two steps equals predicting in one. {@code q} is the
 * acceleration power spectral density in m²/s³. Immutable, thread-safe; allocation: one state per call.
 */
public final class CvKalmanPredictor implements Predictor {
    private final double q;

    public CvKalmanPredictor(double accelerationPsd) {
        if (!(accelerationPsd >= 0) || Double.isInfinite(accelerationPsd)) {
            throw new IllegalArgumentException("process noise must be a non-negative number, got " + accelerationPsd);
        }
        this.q = accelerationPsd;
    }

    public double accelerationPsd() {
        return q;
    }

    /**
     * The same prediction written into {@code state} itself (the in-place fast path of a tracker's
     * own states; no allocation); returns {@code state}.
     */
    GaussianState predictInPlace(GaussianState state, Instant time) {
        predictInPlace(state, time, Seconds.between(state.time(), time));
        return state;
    }

    /** The same with the step {@code dt = Seconds.between(state.time(), time)} already worked out by the caller. */
    void predictInPlace(GaussianState state, Instant time, double dt) {
        if (dt != 0) {
            double[] x = state.meanView();
            double[] p = state.covView();
            x[0] += dt * x[2];
            x[1] += dt * x[3];
            // P' = F P F' + Q, element by element (F = [I dt·I; 0 I]); indices row*4+col.
            double p02 = p[2] + dt * p[10];
            double p03 = p[3] + dt * p[11];
            double p12 = p[6] + dt * p[14];
            double p13 = p[7] + dt * p[15];
            double p00 = p[0] + dt * (p[2] + p[8]) + dt * dt * p[10];
            double p01 = p[1] + dt * (p[3] + p[9]) + dt * dt * p[11];
            double p11 = p[5] + dt * (p[7] + p[13]) + dt * dt * p[15];
            double adt = Math.abs(dt);
            double q11 = q * adt * adt * adt / 3;
            double q12 = q * dt * adt / 2;
            double q22 = q * adt;
            p[0] = p00 + q11;
            p[5] = p11 + q11;
            p[1] = p01;
            p[4] = p01;
            p[2] = p02 + q12;
            p[8] = p02 + q12;
            p[3] = p03;
            p[12] = p03;
            p[6] = p12;
            p[9] = p12;
            p[7] = p13 + q12;
            p[13] = p13 + q12;
            p[10] += q22;
            p[15] += q22;
        }
        state.retime(time);
    }

    @Override
    public GaussianState predict(GaussianState prior, Instant time) {
        double dt = Seconds.between(prior.time(), time);
        if (dt == 0) {
            return prior.time().equals(time) ? prior : GaussianState.owning(time, prior.meanView().clone(),
                    prior.covView().clone());
        }
        double[] xm = new double[4];
        double[] out = new double[16];
        predictInto(prior.meanView(), prior.covView(), dt, xm, out, new double[16]);
        return GaussianState.owning(time, xm, out);
    }

    /**
     * The prediction of mean {@code x} and covariance {@code p} over {@code dt} seconds written into
     * {@code xm} (4) and {@code out} (16), arrays other than the inputs; {@code m} is 16 doubles of scratch.
     * The same arithmetic as {@link #predict}, so either gives the same bits.
     */
    void predictInto(double[] x, double[] p, double dt, double[] xm, double[] out, double[] m) {
        xm[0] = x[0] + dt * x[2];
        xm[1] = x[1] + dt * x[3];
        xm[2] = x[2];
        xm[3] = x[3];
        // M = F P: the position rows gain dt times the matching velocity row.
        for (int c = 0; c < 4; c++) {
            m[c] = p[c] + dt * p[8 + c];
            m[4 + c] = p[4 + c] + dt * p[12 + c];
            m[8 + c] = p[8 + c];
            m[12 + c] = p[12 + c];
        }
        // P' = M F': the position columns gain dt times the matching velocity column.
        for (int r = 0; r < 4; r++) {
            int o = r * 4;
            out[o] = m[o] + dt * m[o + 2];
            out[o + 1] = m[o + 1] + dt * m[o + 3];
            out[o + 2] = m[o + 2];
            out[o + 3] = m[o + 3];
        }
        double adt = Math.abs(dt);
        double q11 = q * adt * adt * adt / 3;
        double q12 = q * dt * adt / 2;
        double q22 = q * adt;
        out[0] += q11;
        out[5] += q11;
        out[2] += q12;
        out[8] += q12;
        out[7] += q12;
        out[13] += q12;
        out[10] += q22;
        out[15] += q22;
    }
}
