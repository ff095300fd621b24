package kz.shekara.track;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes a track after {@code maxMisses} consecutive scans without a detection from sensors that
 * had seen it (once it has also had none for {@code minCoast}, if set), or when no detection has come
 * for longer than {@code maxCoast} (which also ends tracks whose sensors went silent). Immutable,
 * thread-safe.
 */
public final class MissedScanDeleter implements Deleter {
    private final int maxMisses;
    private final double minCoastS;
    private final double maxCoastS;

    public MissedScanDeleter(int maxMisses, Duration maxCoast) {
        this(maxMisses, Duration.ZERO, maxCoast);
    }

    /**
     * @param maxMisses consecutive missed scans that end a track, once it has also had no detection for
     * @param minCoast  at least this long (so that several sensors' scans in quick succession do not end it
     *                  sooner than one sensor's would; zero: misses alone)
     * @param maxCoast  time without a detection that ends a track whatever its misses
     */
    public MissedScanDeleter(int maxMisses, Duration minCoast, Duration maxCoast) {
        if (maxMisses < 1 || minCoast.isNegative() || maxCoast.isNegative() || maxCoast.isZero()) {
            throw new IllegalArgumentException("need maxMisses >= 1, a non-negative minCoast and a positive maxCoast");
        }
        this.maxMisses = maxMisses;
        this.minCoastS = minCoast.toNanos() * 1e-9;
        this.maxCoastS = maxCoast.toNanos() * 1e-9;
    }

    @Override
    public boolean shouldDelete(TrackSummary track, Instant time) {
        double since = Seconds.between(track.lastDetection(), time);
        return track.consecutiveMisses() >= maxMisses && (minCoastS == 0 || since >= minCoastS) || since > maxCoastS;
    }
}
