package kz.shekara.track;

import java.time.Instant;

/**
 * Two-point initiation with a tight second gate, backed by M-of-N: a plot starts a tentative track at
 * the plot with zero velocity and a wide velocity spread, as {@link MOfNInitiator} does. A second
 * detection gives the track its velocity (the two-point difference, through the Kalman update) and
 * confirms it at once if it is likely enough under the track's prediction: its Gaussian density
 * {@code N(z; ẑ, S) = exp(−d²/2) / (2π √|S|)} (per m²) is at least {@code minDensityPerKm2 · 10⁻⁶}.
 * Any later detection within the track's first {@code n} scans confirms it by the same test (a
 * third plot, after a miss or a second plot too far out, is predicted much more tightly from the
 * two-point velocity), and M-of-N confirms it in any case.
 *
 * <p>This is the track-score test of Blackman &amp; Popoli, <i>Design and Analysis of Modern Tracking
 * Systems</i>, 1999, §6.2 (the log-likelihood ratio of a track grows at a hit by
 * {@code ln(P_D / β_FA) − ln(2π √|S|) − d²/2}) applied to a track's second plot, with the false alarm
 * density and the confirmation threshold folded into one density λ. The gate it makes is the ellipse
 * {@code d² ≤ 2 ln(1 / (2π √|S| λ))}, of area {@code 2π √|S| ln(1 / (2π √|S| λ))}, which is never more
 * than {@code 1/(e λ)} and shrinks to nothing as {@code S} grows: a coarse sensor, or a long gap,
 * confirms on two plots only when they fall very close, and otherwise waits for M-of-N. The chance
 * that one clutter plot confirms a tentative track is thus at most the clutter density over
 * {@code e λ}, whatever the sensor. A real mover's second plot falls near its first (its innovation
 * is one scan's displacement plus noise, small beside the wide velocity spread). Immutable,
 * thread-safe.
 */
public final class TwoPointInitiator implements Initiator {
    private final MOfNInitiator fallback;
    private final int n;
    private final double minDensityPerM2;

    /**
     * @param minDensityPerKm2  the density (per km²) under the prediction that a second plot in the next scan needs to confirm
     * @param m                 M of the M-of-N fallback
     * @param n                 N of the M-of-N fallback
     * @param velocitySigmaMps  1-sigma velocity of a new tentative track
     */
    public TwoPointInitiator(double minDensityPerKm2, int m, int n, double velocitySigmaMps) {
        this(minDensityPerKm2, m, n, velocitySigmaMps, 0);
    }

    /**
     * As above, a tentative track of one plot also abandoned at its {@code singlePlotMisses}-th miss (0: never
     * sooner than M-of-N; see {@link MOfNInitiator}).
     */
    public TwoPointInitiator(double minDensityPerKm2, int m, int n, double velocitySigmaMps, int singlePlotMisses) {
        if (!(minDensityPerKm2 > 0) || Double.isInfinite(minDensityPerKm2)) {
            throw new IllegalArgumentException("two-point density must be a positive number, got " + minDensityPerKm2);
        }
        this.fallback = new MOfNInitiator(m, n, velocitySigmaMps, singlePlotMisses);
        this.n = n;
        this.minDensityPerM2 = minDensityPerKm2 * 1e-6;
    }

    @Override
    public GaussianState initiate(Plot plot, Instant time) {
        return fallback.initiate(plot, time);
    }

    @Override
    public boolean confirms(int hits, int scans) {
        return fallback.confirms(hits, scans);
    }

    @Override
    public boolean confirms(int hits, int scans, Hypothesis.Associated latest) {
        return hits >= 2 && scans <= n && density(latest) >= minDensityPerM2 || fallback.confirms(hits, scans);
    }

    /** The plot's Gaussian density under the predicted measurement, per m². */
    static double density(Hypothesis.Associated h) {
        MeasurementPrediction s = h.measurement();
        double det = s.s00() * s.s11() - s.s01() * s.s01();
        return Math.exp(-h.distance2() / 2) / (2 * Math.PI * Math.sqrt(det));
    }

    @Override
    public boolean abandons(int hits, int scans) {
        return fallback.abandons(hits, scans);
    }
}
