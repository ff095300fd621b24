package kz.shekara.server.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces event time against a wall clock: {@code speed} event seconds pass per wall second, and an
 * infinite speed means as fast as possible (never wait). Used by one source thread; not thread-safe.
 */
final class Pacer {
    private static final long MAX_SLEEP_MS = 50;

    private final Clock clock;
    private final double speed;
    private Instant wallStart;
    private Instant eventStart;

    Pacer(Clock clock, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0 (Infinity: as fast as possible), got " + speed);
        }
        this.clock = clock;
        this.speed = speed;
    }

    boolean paced() {
        return Double.isFinite(speed);
    }

    /** Starts the pacing: event time {@code eventStart} is due now. */
    void begin(Instant eventStart) {
        this.eventStart = eventStart;
        this.wallStart = clock.instant();
    }

    /** The wall instant at which pacing began (null before {@link #begin}). */
    Instant wallStart() {
        return wallStart;
    }

    boolean begun() {
        return eventStart != null;
    }

    /** Blocks until event time {@code t} is due on the wall clock (at once when unpaced). */
    void awaitDue(Instant t) throws InterruptedException {
        if (!paced()) {
            return;
        }
        long eventNanos = Duration.between(eventStart, t).toNanos();
        Instant due = wallStart.plusNanos((long) (eventNanos / speed));
        while (true) {
            long waitMs = Duration.between(clock.instant(), due).toMillis();
            if (waitMs <= 0) {
                return;
            }
            // Short sleeps, re-reading the clock: the clock may be adjusted (or be a test's clock).
            Thread.sleep(Math.min(waitMs, MAX_SLEEP_MS));
        }
    }
}
