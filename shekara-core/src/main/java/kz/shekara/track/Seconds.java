package kz.shekara.track;

import java.time.Instant;

/** Event-time differences as double seconds without allocating a Duration. */
final class Seconds {
    private Seconds() {
    }

    static double between(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) * 1e-9;
    }
}
