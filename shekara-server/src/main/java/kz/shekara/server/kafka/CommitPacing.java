package kz.shekara.server.kafka;

import java.time.Duration;

/**
 * When a consumer commits the offsets it has handled: once {@code interval} has passed since its last
 * commit, once {@code records} records have been handled since, or as soon as a poll comes back empty
 * with none fetched still waiting to be handed on (the consumer has caught up, so what it handled is
 * committed at once when the stream pauses). Each
 * commit first sends what the handler published (the producer is flushed), so fewer commits mean fewer,
 * larger produce requests and fewer offset writes; the price is that a worker lost re-sends, through its
 * partitions' next owner, up to one interval of outputs, which consumers drop as duplicates. The
 * interval is read from {@link System#nanoTime}: it paces the plumbing, never what is computed. Used by
 * the consumer's own thread only.
 */
final class CommitPacing {
    private final long intervalNanos;
    private final int records;
    private long last = System.nanoTime();
    private long since;

    /** @param interval longest time between commits while records keep coming; @param records most handled between commits */
    CommitPacing(Duration interval, int records) {
        this.intervalNanos = interval.toNanos();
        this.records = records;
    }

    /** After a poll that gave {@code polled} records: whether to commit now (and, if so, counting restarts). */
    boolean due(int polled) {
        return due(polled, polled == 0);
    }

    /**
     * After a poll that gave {@code polled} records, {@code caughtUp} when it gave none and none fetched before
     * waits to be handed on: whether to commit now (and, if so, counting restarts).
     */
    boolean due(int polled, boolean caughtUp) {
        since += polled;
        long now = System.nanoTime();
        if (caughtUp || since >= records || now - last >= intervalNanos) {
            since = 0;
            last = now;
            return true;
        }
        return false;
    }
}
