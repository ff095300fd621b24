package kz.shekara.track;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes a track after {@code maxMisses} consecutive scans without a detection from sensors that
 * had seen it, or when no detection has come for longer than {@code maxCoast} (which also ends tracks
 * whose sensors went silent). Immutable, thread-safe.
 */
public final class MissedScanDeleter implements Deleter {
    private final int maxMisses;
    private final double maxCoastS;

    public MissedScanDeleter(int maxMisses, Duration maxCoast) {
        if (maxMisses < 1 || maxCoast.isNegative() || maxCoast.isZero()) {
            throw new IllegalArgumentException("need maxMisses >= 1 and a positive maxCoast");
        }
        this.maxMisses = maxMisses;
        this.maxCoastS = maxCoast.toNanos() * 1e-9;
    }

    @Override
    public boolean shouldDelete(TrackSummary track, Instant time) {
        return track.consecutiveMisses() >= maxMisses || Seconds.between(track.lastDetection(), time) > maxCoastS;
    }
}
