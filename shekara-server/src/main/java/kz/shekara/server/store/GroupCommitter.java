package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: publishers hand their entries to one writer thread, which appends whatever has
 * queued up meanwhile (up to {@code maxBatch} events) in one transaction and then releases every
 * publisher of the batch. So a fast feed costs one sync per batch, not per event, and a slow one no
 * added latency. After each commit the writer applies the new events to the live views, in seq
 * order, and snapshots them every {@code snapshotEvery} events. Thread-safe.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Request STOP = new Request(List.of());

    private final EventLog log;
    private final StoreConfig config;
    private final List<LogView> views;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Counter appended;
    private final Counter failed;
    private final DistributionSummary batchSize;
    /**
     * How long the writer waits for company when the last commit served several publishers: they
     * are about to publish again, and one commit for all of them costs one sync instead of several.
     * A lone publisher (last commit served one) never waits.
     */
    private static final long COMPANY_WAIT_NS = 300_000;
    private boolean closed; // guarded by queue
    private Request carry; // taken while waiting for company but not fitting the batch: first of the next
    private int lastRequests;
    private long lastSnapshotSeq;

    private record Request(List<LogEntry> entries, CompletableFuture<Long> done) {
        Request(List<LogEntry> entries) {
            this(entries, new CompletableFuture<>());
        }
    }

    GroupCommitter(EventLog log, StoreConfig config, List<LogView> views, MeterRegistry registry) {
        this.log = log;
        this.config = config;
        this.views = List.copyOf(views);
        this.thread = Thread.ofPlatform().name("store-writer").daemon().unstarted(this::run);
        this.appended = Counter.builder("shekara.store.appended").description("events durably appended to the event log")
                .register(registry);
        this.failed = Counter.builder("shekara.store.failures").description("events refused because the store failed")
                .register(registry);
        this.batchSize = DistributionSummary.builder("shekara.store.batch.size").description("events per group commit")
                .register(registry);
    }

    /** Starts the writer; {@code afterSeq} is the seq the views were rebuilt up to. */
    void start(long afterSeq) {
        lastSnapshotSeq = afterSeq;
        thread.start();
    }

    /**
     * Appends the entries durably and returns the seq of the first; blocks until then.
     *
     * @throws StoreUnavailableException when the store failed: nothing of these entries is stored
     */
    long commit(List<LogEntry> entries) {
        Request r = new Request(entries);
        synchronized (queue) { // nothing is queued behind STOP
            if (closed) {
                throw new IllegalStateException("event log writer is closed");
            }
            queue.add(r);
        }
        try {
            return r.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        List<LogEntry> entries = new ArrayList<>();
        while (true) {
            Request first;
            try {
                first = carry != null ? carry : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            carry = null;
            if (first == STOP) {
                return;
            }
            batch.add(first);
            entries.addAll(first.entries);
            for (Request next; entries.size() < config.maxBatch() && (next = queue.peek()) != null; ) {
                if (next == STOP || entries.size() + next.entries.size() > config.maxBatch()) {
                    break;
                }
                batch.add(queue.poll());
                entries.addAll(next.entries);
            }
            awaitCompany(batch, entries);
            lastRequests = batch.size();
            try {
                write(batch, entries);
            } catch (Throwable t) { // never leave a publisher waiting on a dead writer
                LOG.error("event log writer failed: {}", t.toString());
                StoreUnavailableException e = new StoreUnavailableException("event log writer failed: " + t, t);
                batch.forEach(r -> r.done.completeExceptionally(e));
            }
            batch.clear();
            entries.clear();
        }
    }

    /** Waits up to {@link #COMPANY_WAIT_NS} for as many publishers as the last commit served. */
    private void awaitCompany(List<Request> batch, List<LogEntry> entries) {
        long deadline = System.nanoTime() + COMPANY_WAIT_NS;
        while (lastRequests > 1 && batch.size() < lastRequests && entries.size() < config.maxBatch()) {
            long left = deadline - System.nanoTime();
            Request next;
            try {
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // write this batch; the next take() ends the writer
                return;
            }
            if (next == null) {
                return;
            }
            if (next == STOP || entries.size() + next.entries.size() > config.maxBatch()) {
                carry = next;
                return;
            }
            batch.add(next);
            entries.addAll(next.entries);
        }
    }

    private void write(List<Request> batch, List<LogEntry> entries) {
        long firstSeq;
        try {
            firstSeq = log.append(entries);
        } catch (RuntimeException e) {
            failed.increment(entries.size());
            batch.forEach(r -> r.done.completeExceptionally(e));
            return;
        }
        appended.increment(entries.size());
        batchSize.record(entries.size());
        long seq = firstSeq;
        for (Request r : batch) {
            r.done.complete(seq);
            seq += r.entries.size();
        }
        applyToViews(entries, firstSeq);
    }

    private void applyToViews(List<LogEntry> entries, long firstSeq) {
        if (views.isEmpty()) {
            return;
        }
        long seq = firstSeq;
        for (LogEntry e : entries) {
            StoredEvent stored = new StoredEvent(seq++, e.topic(), e.key(), e.event());
            for (LogView v : views) {
                try {
                    v.apply(stored);
                } catch (RuntimeException ex) {
                    LOG.error("view {} failed on seq {}: {}", v.name(), stored.seq(), ex.toString());
                }
            }
        }
        long last = seq - 1;
        if (config.snapshotEvery() > 0 && last - lastSnapshotSeq >= config.snapshotEvery()) {
            try {
                for (LogView v : views) {
                    log.saveSnapshot(new Snapshot(v.name(), last, v.snapshot()));
                }
                lastSnapshotSeq = last;
            } catch (RuntimeException ex) {
                LOG.warn("view snapshot at seq {} failed (start-up will replay more): {}", last, ex.toString());
            }
        }
    }

    /** Writes everything queued so far, then stops the writer. */
    @Override
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Request r; (r = queue.poll()) != null; ) {
            r.done.completeExceptionally(new IllegalStateException("event log writer closed"));
        }
    }
}
