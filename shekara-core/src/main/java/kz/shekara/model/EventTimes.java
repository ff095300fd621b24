package kz.shekara.model;

import java.time.Instant;

/**
 * The span of event time an input may carry: from 1970 to 2200. Every decoder refuses a time outside it
 * (a counted {@code time-out-of-range}), so no engine ever computes a duration that cannot be represented
 * (nanoseconds in a {@code long} reach about 292 years) and no far-off time reaches a watermark or a timer.
 */
public final class EventTimes {
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private EventTimes() {
    }

    /** Whether {@code t} lies in [{@link #EARLIEST}, {@link #LATEST}). */
    public static boolean inRange(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }
}
