package kz.shekara.track;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A nearly-constant-velocity target state with its Gaussian uncertainty at one event time, in a
 * sector's local east-north frame: mean {@code [east m, north m, vEast m/s, vNorth m/s]} and the 4x4
 * covariance (m², m²/s, m²/s²) in row-major order. Immutable to every user outside this package
 * (a class rather than a record so that the filters can hand over freshly built arrays without a
 * defensive copy). Inside it, a {@link SectorTracker} moves the states of its own tracks forward in
 * place between scans so that its hot loop allocates nothing per track; a state it lends to a role
 * during a scan is valid for that call only. Not thread-safe while owned by a tracker.
 *
 * <p>A state of a multiple-model filter ({@link ImmPredictor}) also carries its {@link Modes}: each
 * motion model's own mean, covariance and probability; the mean and covariance above are then their
 * moment-matched combination (what every other role reads). A single-model state has none.
 */
public final class GaussianState {
    private Instant time;
    private final double[] mean;
    private final double[] cov;
    private final Modes modes;

    private GaussianState(Instant time, double[] mean, double[] cov, Modes modes) {
        this.time = Objects.requireNonNull(time, "time");
        if (mean.length != 4 || cov.length != 16) {
            throw new IllegalArgumentException("state needs 4 means and a 4x4 covariance");
        }
        this.mean = mean;
        this.cov = cov;
        this.modes = modes;
    }

    private GaussianState(Instant time, double[] mean, double[] cov) {
        this(time, mean, cov, null);
    }

    /**
     * The per-model part of a multiple-model state: for model {@code j}, probability {@code p[j]},
     * mean {@code mean[j]} (4) and row-major covariance {@code cov[j]} (16). Arrays owned by their
     * state alone; only a tracker's in-place paths write to them, on its own states.
     */
    record Modes(double[] p, double[][] mean, double[][] cov) {
        int count() {
            return p.length;
        }

        boolean sameAs(Modes o) {
            return Arrays.equals(p, o.p) && Arrays.deepEquals(mean, o.mean) && Arrays.deepEquals(cov, o.cov);
        }
    }

    /** Wraps arrays built for this multiple-model state alone (combined mean and covariance, and the modes). */
    static GaussianState owning(Instant time, double[] mean, double[] cov, Modes modes) {
        return new GaussianState(time, mean, cov, modes);
    }

    /** The per-model part, or null for a single-model state. */
    Modes modes() {
        return modes;
    }

    /** The probability of each motion model (in the filter's order), or an empty list for a single-model state. */
    public List<Double> modeProbabilities() {
        if (modes == null) {
            return List.of();
        }
        Double[] boxed = new Double[modes.count()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = modes.p()[i];
        }
        return List.of(boxed);
    }

    /** A state from copies of the given mean (4) and row-major covariance (16). */
    public static GaussianState of(Instant time, double[] mean, double[] covariance) {
        return new GaussianState(time, mean.clone(), covariance.clone());
    }

    /** A state with a diagonal covariance: position variance {@code posVar} m², velocity variance {@code velVar} m²/s². */
    public static GaussianState diagonal(Instant time, double east, double north, double vEast, double vNorth,
                                         double posVar, double velVar) {
        double[] p = new double[16];
        p[0] = posVar;
        p[5] = posVar;
        p[10] = velVar;
        p[15] = velVar;
        return new GaussianState(time, new double[] {east, north, vEast, vNorth}, p);
    }

    /** Wraps arrays built for this state alone that the caller never touches again. */
    static GaussianState owning(Instant time, double[] mean, double[] cov) {
        return new GaussianState(time, mean, cov);
    }

    public Instant time() {
        return time;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double cov(int row, int col) {
        return cov[row * 4 + col];
    }

    public double east() {
        return mean[0];
    }

    public double north() {
        return mean[1];
    }

    public double vEast() {
        return mean[2];
    }

    public double vNorth() {
        return mean[3];
    }

    /** 1-sigma horizontal position error in metres: the root of the mean of the two position variances. */
    public double positionSigmaM() {
        return Math.sqrt((cov[0] + cov[5]) / 2);
    }

    /** In-place move to a new time by the filters' fast paths, for states a tracker owns. */
    void retime(Instant t) {
        this.time = t;
    }

    /** Direct views for the filters in this package; only the in-place fast paths write to them. */
    double[] meanView() {
        return mean;
    }

    double[] covView() {
        return cov;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianState g && g.time.equals(time) && Arrays.equals(g.mean, mean)
                && Arrays.equals(g.cov, cov) && (g.modes == null ? modes == null : modes != null && g.modes.sameAs(modes));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * time.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(cov);
    }

    @Override
    public String toString() {
        return "GaussianState[" + time + ", mean=" + Arrays.toString(mean) + ", cov=" + Arrays.toString(cov)
                + (modes == null ? "" : ", modes=" + Arrays.toString(modes.p())) + "]";
    }
}
