package kz.shekara.server.review;

import java.time.Instant;
import java.util.Objects;

/**
 * What a replay session plays: the logged events with event time in [from, to), paced at
 * {@code speed} event seconds per wall second, or as fast as the bus takes them when speed is 0.
 * Immutable.
 */
public record ReplayPeriod(Instant from, Instant to, double speed) {
    public ReplayPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the replay period must end after it starts: " + from + " .. " + to);
        }
        checkSpeed(speed);
    }

    /** True when events are published as fast as possible. */
    public boolean fast() {
        return speed == 0;
    }

    static void checkSpeed(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed) || speed > 100_000) {
            throw new IllegalArgumentException("speed must be from 0 (as fast as possible) to 100000, got " + speed);
        }
    }
}
