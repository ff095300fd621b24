package kz.shekara.server.store;

import java.time.Instant;

/** Event time as stored in the log's time column: nanoseconds since 1970-01-01T00:00Z (exact to 2262). */
final class TimeColumns {
    private static final long NANOS = 1_000_000_000L;

    private TimeColumns() {
    }

    static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
    }

    static Instant fromNanos(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, NANOS), Math.floorMod(ns, NANOS));
    }
}
