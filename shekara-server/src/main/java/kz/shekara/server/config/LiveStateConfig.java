package kz.shekara.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the live picture, all in event time: detections are kept for {@code detectionWindow}
 * behind the newest event and at most {@code maxDetections}; the last {@code maxMessages} chat
 * messages; a track is dropped when it has not been updated for {@code trackTimeout}, and keeps a
 * trail of its last {@code trailPoints} positions. Validated on construction; immutable.
 */
public record LiveStateConfig(Duration detectionWindow, int maxDetections, int maxMessages, Duration trackTimeout,
                              int trailPoints) {
    public LiveStateConfig {
        Objects.requireNonNull(detectionWindow, "detectionWindow");
        Objects.requireNonNull(trackTimeout, "trackTimeout");
        if (detectionWindow.isNegative() || detectionWindow.isZero()) {
            throw new IllegalArgumentException("live detection window must be > 0, got " + detectionWindow);
        }
        if (trackTimeout.isNegative() || trackTimeout.isZero()) {
            throw new IllegalArgumentException("live track timeout must be > 0, got " + trackTimeout);
        }
        if (maxDetections < 1 || maxMessages < 1 || trailPoints < 1) {
            throw new IllegalArgumentException("live maxDetections, maxMessages and trailPoints must be >= 1");
        }
    }

    /** Ten minutes or 20,000 detections, 200 messages, tracks dropped after two silent minutes, 20-point trails. */
    public static LiveStateConfig defaults() {
        return new LiveStateConfig(Duration.ofMinutes(10), 20_000, 200, Duration.ofMinutes(2), 20);
    }
}
