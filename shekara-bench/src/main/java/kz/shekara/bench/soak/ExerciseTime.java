package kz.shekara.bench.soak;

import java.time.Instant;

/**
 * The devices' estimate of the server's exercise clock in a sped-up demo: the picture's latest event
 * time as last read, run forward at the exercise speed since it was read. Only moves forward, so the
 * reports of one device are in order. Thread-safe.
 */
final class ExerciseTime {
    private final double speed;
    private Instant anchor;
    private long anchorNanos;

    ExerciseTime(double speed) {
        this.speed = speed;
    }

    /** Takes {@code latest}, read just now, unless the running estimate is already past it. */
    synchronized void observe(Instant latest) {
        if (latest != null && (anchor == null || latest.isAfter(now()))) {
            anchor = latest;
            anchorNanos = System.nanoTime();
        }
    }

    /** The estimate now; the wall clock until the server's time is known. */
    synchronized Instant now() {
        if (anchor == null) {
            return Instant.now();
        }
        return anchor.plusNanos(Math.round((System.nanoTime() - anchorNanos) * speed));
    }
}
