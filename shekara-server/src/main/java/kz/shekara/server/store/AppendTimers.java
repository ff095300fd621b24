package kz.shekara.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The timers of an event log's appends, once bound to a registry: {@code shekara.store.write} (the
 * rows handed to the database, up to the commit) and {@code shekara.store.commit} (the commit: the
 * sync, where a store stalls). Records nothing before {@link #bindTo}. Thread-safe.
 */
final class AppendTimers {
    private volatile Timer write;
    private volatile Timer commit;

    void bindTo(MeterRegistry registry) {
        write = Timer.builder("shekara.store.write")
                .description("time to hand an append's rows to the database, up to its commit")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        commit = Timer.builder("shekara.store.commit")
                .description("time of an append's commit (the sync to disk), or of the whole append when it is one statement")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    /** One append: its rows took {@code rowsNanos}, its commit {@code commitNanos}. */
    void record(long rowsNanos, long commitNanos) {
        Timer w = write;
        Timer c = commit;
        if (w != null && c != null) {
            w.record(rowsNanos, TimeUnit.NANOSECONDS);
            c.record(commitNanos, TimeUnit.NANOSECONDS);
        }
    }
}
