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

    @Override
    public GaussianState predict(GaussianState prior, Instant time) {
        double dt = Seconds.between(prior.time(), time);
        if (dt == 0) {
            return prior.time().equals(time) ? prior : GaussianState.owning(time, prior.meanView().clone(),
                    prior.covView().clone());
        }
        double[] x = prior.meanView();
        double[] p = prior.covView();
        double[] xm = {x[0] + dt * x[2], x[1] + dt * x[3], x[2], x[3]};
        double[] m = new double[16];
        // M = F P: the position rows gain dt times the matching velocity row.
        for (int c = 0; c < 4; c++) {
            m[c] = p[c] + dt * p[8 + c];
            m[4 + c] = p[4 + c] + dt * p[12 + c];
            m[8 + c] = p[8 + c];
            m[12 + c] = p[12 + c];
        }
        double[] out = new double[16];
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
        return GaussianState.owning(time, xm, out);
    }
}
