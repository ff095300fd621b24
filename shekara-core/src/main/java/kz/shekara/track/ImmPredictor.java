package kz.shekara.track;

import java.time.Instant;

/**
 * The prediction half of the interacting multiple model (IMM) estimator (H. A. P. Blom &amp;
 * Y. Bar-Shalom, "The interacting multiple model algorithm for systems with Markovian switching
 * coefficients", IEEE Trans. Automatic Control 33(8), 1988; Bar-Shalom, Li &amp; Kirubarajan,
 * <i>Estimation with Applications to Tracking and Navigation</i>, 2001, §11.6.6, steps 1, 2 and the
 * prediction of step 3): several nearly-constant-velocity models that differ in their
 * white-acceleration noise {@code q_j} (m²/s³; see {@link CvKalmanPredictor}), a quiet one for people
 * on foot and a noisier one for manoeuvring vehicles and boats, with Markov switching between them.
 *
 * <p>Over a step {@code dt} the model switches as a continuous-time Markov chain that leaves each
 * model at rate {@code 1/meanSojournS} to any other with equal chance, so the transition matrix is
 * {@code p_jj = 1/r + (r−1)/r · exp(−r/(r−1) · dt/τ)}, {@code p_ij = (1 − p_jj)/(r−1)} for
 * {@code r} models; this is exact for any {@code dt} and is the identity at {@code dt = 0}. Steps:
 * <ol>
 * <li>predicted model probabilities {@code c̄_j = Σ_i p_ij μ_i} and mixing probabilities
 * {@code μ_i|j = p_ij μ_i / c̄_j};</li>
 * <li>mixed initial condition per model {@code x0j = Σ_i μ_i|j x_i},
 * {@code P0j = Σ_i μ_i|j (P_i + (x_i − x0j)(x_i − x0j)')};</li>
 * <li>each model's Kalman prediction from its mixed initial condition;</li>
 * <li>the combined state {@code x = Σ_j c̄_j x_j}, {@code P = Σ_j c̄_j (P_j + (x_j − x)(x_j − x)')}
 * (step 5), which is what gating and association read.</li>
 * </ol>
 * A prior without modes (a new track) starts every model at that state with the initial
 * probabilities. The model probabilities of the result are the predicted {@code c̄_j}; a detection
 * then weighs them by each model's likelihood ({@link ImmUpdater}), a missed scan leaves them.
 * Immutable, thread-safe; allocation: a few arrays per model per call.
 */
public final class ImmPredictor implements Predictor {
    private final CvKalmanPredictor[] models;
    private final double[] initial;
    private final double meanSojournS;

    /**
     * @param accelerationPsds      each model's white-acceleration PSD, m²/s³ per axis (at least two)
     * @param initialProbabilities  each model's probability for a new track (sum 1)
     * @param meanSojournS          mean time the target stays in one model, seconds
     */
    public ImmPredictor(double[] accelerationPsds, double[] initialProbabilities, double meanSojournS) {
        if (accelerationPsds.length < 2 || initialProbabilities.length != accelerationPsds.length) {
            throw new IllegalArgumentException("need at least two models and one initial probability each");
        }
        double sum = 0;
        for (double p : initialProbabilities) {
            if (!(p >= 0)) {
                throw new IllegalArgumentException("initial probabilities must be non-negative");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("initial probabilities must sum to 1, got " + sum);
        }
        if (!(meanSojournS > 0) || Double.isInfinite(meanSojournS)) {
            throw new IllegalArgumentException("mean sojourn must be a positive number of seconds");
        }
        this.models = new CvKalmanPredictor[accelerationPsds.length];
        for (int j = 0; j < models.length; j++) {
            models[j] = new CvKalmanPredictor(accelerationPsds[j]);
        }
        this.initial = initialProbabilities.clone();
        this.meanSojournS = meanSojournS;
    }

    public int modelCount() {
        return models.length;
    }

    /** The largest model noise, m²/s³: a bound on the combined prediction's growth. */
    public double maxAccelerationPsd() {
        double q = 0;
        for (CvKalmanPredictor m : models) {
            q = Math.max(q, m.accelerationPsd());
        }
        return q;
    }

    /** The probability of staying in a model over a step of {@code dt} seconds (the other entries share the rest). */
    double stayProbability(double dt) {
        int r = models.length;
        return 1.0 / r + (r - 1.0) / r * Math.exp(-r / (r - 1.0) * Math.abs(dt) / meanSojournS);
    }

    /** The modes of a state, or for a state without any, every model at that state with the initial probabilities. */
    GaussianState.Modes modesOf(GaussianState s) {
        if (s.modes() != null) {
            if (s.modes().count() != models.length) {
                throw new IllegalArgumentException("state has " + s.modes().count() + " modes, filter " + models.length);
            }
            return s.modes();
        }
        double[][] mean = new double[models.length][];
        double[][] cov = new double[models.length][];
        for (int j = 0; j < models.length; j++) {
            mean[j] = s.meanView().clone();
            cov[j] = s.covView().clone();
        }
        return new GaussianState.Modes(initial.clone(), mean, cov);
    }

    @Override
    public GaussianState predict(GaussianState prior, Instant time) {
        double dt = Seconds.between(prior.time(), time);
        if (dt == 0 && prior.time().equals(time)) {
            return prior;
        }
        GaussianState.Modes m = modesOf(prior);
        int r = models.length;
        double[] cbar = new double[r];
        double[][] mix = new double[r][r];
        mixingProbabilities(dt, m.p(), cbar, mix);
        double[][] means = new double[r][];
        double[][] covs = new double[r][];
        for (int j = 0; j < r; j++) {
            // Step 2: the mixed initial condition of model j.
            double[] x0 = new double[4];
            double[] p0 = new double[16];
            mixInto(mix[j], m.mean(), m.cov(), x0, p0);
            // Step 3 (prediction): model j's own Kalman prediction (a zero step between unequal times copies).
            if (dt == 0) {
                GaussianState pj = models[j].predict(GaussianState.owning(prior.time(), x0, p0), time);
                means[j] = pj.meanView();
                covs[j] = pj.covView();
            } else {
                means[j] = new double[4];
                covs[j] = new double[16];
                models[j].predictInto(x0, p0, dt, means[j], covs[j], new double[16]);
            }
        }
        double[] x = new double[4];
        double[] p = new double[16];
        mixInto(cbar, means, covs, x, p);
        return GaussianState.owning(time, x, p, new GaussianState.Modes(cbar, means, covs));
    }

    /**
     * Step 1 over a step of {@code dt} seconds from model probabilities {@code p}: the predicted model
     * probabilities into {@code cbar} and the mixing probabilities {@code mix[j][i] = μ_i|j} into {@code mix}.
     */
    private void mixingProbabilities(double dt, double[] p, double[] cbar, double[][] mix) {
        int r = models.length;
        double stay = stayProbability(dt);
        double move = (1 - stay) / (r - 1);
        for (int j = 0; j < r; j++) {
            cbar[j] = 0;
            for (int i = 0; i < r; i++) {
                double pij = i == j ? stay : move;
                mix[j][i] = pij * p[i];
                cbar[j] += mix[j][i];
            }
            for (int i = 0; i < r; i++) {
                mix[j][i] = cbar[j] > 0 ? mix[j][i] / cbar[j] : (i == j ? 1 : 0);
            }
        }
    }

    /** Scratch arrays for {@link #predictInPlace} and {@link ImmUpdater#updateInPlace}: one per thread that calls them. */
    static final class Scratch {
        final double[] w;
        final double[][] mix;
        final double[][] x0;
        final double[][] p0;
        final double[] m = new double[16];
        final double[] k = new double[8];
        final double[] xOut = new double[4];
        final double[] pOut = new double[16];

        Scratch(int r) {
            w = new double[r];
            mix = new double[r][r];
            x0 = new double[r][4];
            p0 = new double[r][16];
        }
    }

    /** Scratch for this filter's in-place paths. */
    Scratch scratch() {
        return new Scratch(models.length);
    }

    /**
     * The same prediction as {@link #predict}, bit for bit, written into {@code state} itself and its
     * modes (the in-place fast path of a tracker's own states, which own every array they hold; no
     * allocation). A state without modes, or a step that rounds to zero, takes {@link #predict}: the
     * result is then a new state. Returns the predicted state.
     */
    GaussianState predictInPlace(GaussianState state, Instant time, Scratch s) {
        double dt = Seconds.between(state.time(), time);
        if (dt == 0 && state.time().equals(time)) {
            return state;
        }
        GaussianState.Modes m = state.modes();
        if (m == null || dt == 0 || m.count() != models.length) {
            return predict(state, time);
        }
        int r = models.length;
        double[] cbar = s.w;
        double[][] mix = s.mix;
        mixingProbabilities(dt, m.p(), cbar, mix);
        // Every model's mixed initial condition reads every model's old estimate: all of them first.
        for (int j = 0; j < r; j++) {
            mixInto(mix[j], m.mean(), m.cov(), s.x0[j], s.p0[j]);
        }
        for (int j = 0; j < r; j++) {
            models[j].predictInto(s.x0[j], s.p0[j], dt, m.mean()[j], m.cov()[j], s.m);
        }
        System.arraycopy(cbar, 0, m.p(), 0, r);
        mixInto(m.p(), m.mean(), m.cov(), state.meanView(), state.covView());
        state.retime(time);
        return state;
    }

    /**
     * Moment matching of a Gaussian mixture: {@code x = Σ w_i x_i}, {@code P = Σ w_i (P_i + (x_i − x)(x_i − x)')},
     * written into {@code x} and {@code p} (zeroed by the caller); the result is kept exactly symmetric.
     */
    static void mixInto(double[] w, double[][] means, double[][] covs, double[] x, double[] p) {
        // Written out for the 4-state model with each sum in locals, added in the order of the loops it
        // replaces (models in order, from zero), so that every element is the same double as theirs; the
        // quick compiler keeps locals in registers but not array elements, and does not unroll.
        double x0 = 0;
        double x1 = 0;
        double x2 = 0;
        double x3 = 0;
        for (int i = 0; i < w.length; i++) {
            double wi = w[i];
            double[] mi = means[i];
            x0 += wi * mi[0];
            x1 += wi * mi[1];
            x2 += wi * mi[2];
            x3 += wi * mi[3];
        }
        double p00 = 0;
        double p01 = 0;
        double p02 = 0;
        double p03 = 0;
        double p11 = 0;
        double p12 = 0;
        double p13 = 0;
        double p22 = 0;
        double p23 = 0;
        double p33 = 0;
        for (int i = 0; i < w.length; i++) {
            double wi = w[i];
            if (wi == 0) {
                continue;
            }
            double[] mi = means[i];
            double[] c = covs[i];
            double d0 = mi[0] - x0;
            double d1 = mi[1] - x1;
            double d2 = mi[2] - x2;
            double d3 = mi[3] - x3;
            p00 += wi * ((c[0] + c[0]) / 2 + d0 * d0);
            p01 += wi * ((c[1] + c[4]) / 2 + d0 * d1);
            p02 += wi * ((c[2] + c[8]) / 2 + d0 * d2);
            p03 += wi * ((c[3] + c[12]) / 2 + d0 * d3);
            p11 += wi * ((c[5] + c[5]) / 2 + d1 * d1);
            p12 += wi * ((c[6] + c[9]) / 2 + d1 * d2);
            p13 += wi * ((c[7] + c[13]) / 2 + d1 * d3);
            p22 += wi * ((c[10] + c[10]) / 2 + d2 * d2);
            p23 += wi * ((c[11] + c[14]) / 2 + d2 * d3);
            p33 += wi * ((c[15] + c[15]) / 2 + d3 * d3);
        }
        x[0] = x0;
        x[1] = x1;
        x[2] = x2;
        x[3] = x3;
        p[0] = p00;
        p[1] = p01;
        p[2] = p02;
        p[3] = p03;
        p[4] = p01;
        p[5] = p11;
        p[6] = p12;
        p[7] = p13;
        p[8] = p02;
        p[9] = p12;
        p[10] = p22;
        p[11] = p23;
        p[12] = p03;
        p[13] = p13;
        p[14] = p23;
        p[15] = p33;
    }
}
