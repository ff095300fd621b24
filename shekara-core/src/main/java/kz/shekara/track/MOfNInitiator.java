package kz.shekara.track;

import java.time.Instant;

/**
 * M-of-N track initiation (Blackman &amp; Popoli 1999, §3.2; Bar-Shalom, Li &amp; Kirubarajan 2001,
 * §1.4): a single plot starts a tentative track at the plot with zero velocity and a velocity
 * standard deviation wide enough for the fastest expected mover; the tentative track then runs
 * through the same predictor, gater and associator as confirmed tracks, and is confirmed once it
 * has {@code m} hits within its first {@code n} scans, abandoned as soon as that is out of reach.
 * Immutable, thread-safe.
 */
public final class MOfNInitiator implements Initiator {
    private final int m;
    private final int n;
    private final double velocityVar;

    public MOfNInitiator(int m, int n, double velocitySigmaMps) {
        if (m < 1 || n < m) {
            throw new IllegalArgumentException("need 1 <= M <= N, got M=" + m + " N=" + n);
        }
        if (!(velocitySigmaMps > 0) || Double.isInfinite(velocitySigmaMps)) {
            throw new IllegalArgumentException("initial velocity sigma must be positive, got " + velocitySigmaMps);
        }
        this.m = m;
        this.n = n;
        this.velocityVar = velocitySigmaMps * velocitySigmaMps;
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
        return hits + Math.max(0, n - scans) < m;
    }
}
