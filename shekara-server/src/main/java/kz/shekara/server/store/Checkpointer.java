package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps views that are too costly for the log writer's thread (the alert desk's history, the
 * responder's tasks) current from the log in the background, and snapshots them: once a second it
 * reads what was logged after its position, applies it in seq order, and when at least
 * {@code snapshotEvery} events have passed since the last snapshot it saves one of every view
 * ({@link LogView#snapshotAt}: at the same seq, but a view that follows a live consumer, the tracker,
 * at that consumer's own seq). On close it catches up and snapshots once more, so a clean stop restarts without replay.
 * Views must already hold the state up to the seq given to {@link #start} (see
 * {@link LoggedBus#start(List)}). Meter: {@code shekara.store.snapshots}. Thread-safe to close.
 */
public final class Checkpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private final EventLog log;
    private final List<LogView> views;
    private final long snapshotEvery;
    private final Duration interval;
    private final Counter snapshots;
    private final Object lock = new Object();
    private Thread thread;
    private volatile boolean closed;
    private long position;
    private long snapshotSeq;

    /** @param snapshotEvery events between snapshots, at least 1; @param interval how often to catch up */
    public Checkpointer(EventLog log, List<? extends LogView> views, long snapshotEvery, Duration interval,
                        MeterRegistry registry) {
        if (snapshotEvery < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("snapshotEvery must be >= 1 and the interval positive");
        }
        this.log = log;
        this.views = List.copyOf(views);
        this.snapshotEvery = snapshotEvery;
        this.interval = interval;
        this.snapshots = Counter.builder("shekara.store.snapshots").description("view snapshots saved")
                .register(registry);
    }

    /** Starts catching up from {@code restoredSeq}, the seq the views were rebuilt up to. */
    public void start(long restoredSeq) {
        synchronized (lock) {
            position = restoredSeq;
            snapshotSeq = restoredSeq;
        }
        thread = Thread.ofPlatform().daemon().name("store-checkpointer").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(interval);
                catchUp(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the store may be down: try again next round
                if (closed) {
                    return;
                }
                LOG.warn("checkpoint failed (start-up will replay more): {}", e.toString());
            }
        }
    }

    /**
     * Applies everything logged after the current position; snapshots when due (or when
     * {@code force} and anything is new since the last). Returns the position reached.
     */
    public long catchUp(boolean force) {
        synchronized (lock) {
            try (Stream<StoredEvent> events = log.readAfter(position)) {
                var it = events.iterator();
                while (it.hasNext()) {
                    StoredEvent e = it.next();
                    for (LogView v : views) {
                        v.apply(e);
                    }
                    position = e.seq();
                    if (position - snapshotSeq >= snapshotEvery) {
                        snapshot();
                    }
                }
            }
            if (force && position > snapshotSeq) {
                snapshot();
            }
            return position;
        }
    }

    private void snapshot() {
        for (LogView v : views) {
            save(v.snapshotAt(position));
        }
        snapshotSeq = position;
        snapshots.increment();
    }

    private void save(Snapshot s) {
        if (s != null) {
            log.saveSnapshot(s);
        }
    }

    /** Stops the background thread, then catches up and snapshots once more (if the store allows). */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            catchUp(true);
        } catch (RuntimeException e) {
            LOG.warn("final checkpoint failed: {}", e.toString());
        }
    }
}
