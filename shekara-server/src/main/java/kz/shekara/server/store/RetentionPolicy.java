package kz.shekara.server.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How high-rate history is kept: events of the {@code downsampledTopics} stay at full rate for
 * {@code fullRateFor}; after that, one event per entity (unit, sensor) per {@code bucket} is kept
 * (the latest in the bucket) and the rest deleted. Events of every other topic (alerts, incidents,
 * tasks, operator actions, messages, tracks unless listed) are kept forever. Runs every
 * {@code interval}. Immutable.
 */
public record RetentionPolicy(Duration fullRateFor, Duration bucket, Set<String> downsampledTopics, Duration interval) {

    public RetentionPolicy {
        Objects.requireNonNull(fullRateFor, "fullRateFor");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(interval, "interval");
        downsampledTopics = Set.copyOf(downsampledTopics);
        if (fullRateFor.isNegative() || !bucket.isPositive() || !interval.isPositive()) {
            throw new IllegalArgumentException("retention: fullRateFor must be >= 0, bucket and interval > 0");
        }
    }

    /**
     * Seven days at full rate, then one detection and one heartbeat per sensor and one position per
     * unit a minute; hourly.
     */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(7), Duration.ofMinutes(1),
                Set.of("observations", "unit-positions", "sensor-heartbeats"), Duration.ofHours(1));
    }
}
