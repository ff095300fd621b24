package kz.shekara.track;

import java.time.Instant;

/**
 * M-of-N track initiation (Blackman &amp; Popoli 1999, §3.2; Bar-Shalom, Li &amp; Kirubarajan 2001,
 * §1.4): a single plot starts a tentative track at the plot with zero velocity and a velocity
 * standard deviation wide enough for the fastest expected mover; the tentative track then runs
 * through the same predictor, gater and associator as confirmed tracks, and is confirmed once it
 * has {@code m} hits within its first {@code n} scans, abandoned as soon as that is out of reach.
 *
 * <p>With {@code singlePlotMisses} k above 0 a tentative track of one plot is also abandoned at its
 * k-th miss: with k = 1 the cascaded "2/2 &amp; M/N" logic, where a start needs its second plot in the
 * next scan of its sensor. Clutter is mostly one plot that finds no successor, so this ends it one
 * scan after it began instead of {@code n − m + 1} scans; a real mover whose second plot was missed
 * (1 − Pd) starts again from its next plot, which the M-of-N path would have needed as well.
 * Immutable, thread-safe.
 */
public final class MOfNInitiator implements Initiator {
    private final int m;
    private final int n;
    private final double velocityVar;
    private final int singlePlotMisses;

    public MOfNInitiator(int m, int n, double velocitySigmaMps) {
        this(m, n, velocitySigmaMps, 0);
    }

    /**
     * @param singlePlotMisses misses that abandon a tentative track of one plot (0: M-of-N alone)
     */
    public MOfNInitiator(int m, int n, double velocitySigmaMps, int singlePlotMisses) {
        if (singlePlotMisses < 0) {
            throw new IllegalArgumentException("singlePlotMisses must not be negative, got " + singlePlotMisses);
        }
        if (m < 1 || n < m) {
            throw new IllegalArgumentException("need 1 <= M <= N, got M=" + m + " N=" + n);
        }
        if (!(velocitySigmaMps > 0) || Double.isInfinite(velocitySigmaMps)) {
            throw new IllegalArgumentException("initial velocity sigma must be positive, got " + velocitySigmaMps);
        }
        this.m = m;
        this.n = n;
        this.velocityVar = velocitySigmaMps * velocitySigmaMps;
        this.singlePlotMisses = singlePlotMisses;
    }

    @Override
    public GaussianState initiate(Plot plot, Instant time) {
        return GaussianState.diagonal(time, plot.east(), plot.north(), 0, 0, plot.sigmaM() * plot.sigmaM(), velocityVar);
    }

    @Override
    public boolean confirms(int hits, int scans) {
        return hits >= m && scans <= n;
    }

    @Override
    public boolean abandons(int hits, int scans) {
        // A tentative track's scans past its first are its hits and misses: with one hit, all are misses.
        return hits + Math.max(0, n - scans) < m
                || singlePlotMisses > 0 && hits == 1 && scans - 1 >= singlePlotMisses && !confirms(hits, scans);
    }
}
