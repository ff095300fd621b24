package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: publishers hand their entries to one writer thread, which appends whatever has
 * queued up meanwhile (up to {@code maxBatch} events) in one transaction and then releases every
 * publisher of the batch. So a fast feed costs one sync per batch, not per event, and a slow one no
 * added latency. After each commit the writer applies the new events to the live views, in seq
 * order, and snapshots them every {@code snapshotEvery} events.
 *
 * <p>An asynchronous request ({@link #commitAsync}) does not block its publisher: its entries join
 * the same queue, in order, and the writer runs its {@code onStored} action after the commit, in
 * commit order. Subscriptions in log order ({@link LogOrderSubscription}) are handed each committed
 * event, in seq order, before the batch's publishers are released. When the store fails, synchronous requests of the batch fail at once, while
 * asynchronous ones fail their future but stay queued ahead of everything newer and are retried
 * (on the next request or every {@link #RETRY_NANOS}) until stored: nothing handed over is lost.
 * Thread-safe.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Request STOP = new Request(List.of(), null);
    /** Wait between retries of asynchronous entries while the store is down, nanoseconds. */
    static final long RETRY_NANOS = 200_000_000L;

    private final EventLog log;
    private final StoreConfig config;
    private final List<LogView> views;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<LogOrderSubscription<?>> subscriptions = new CopyOnWriteArrayList<>();
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

    /** Entries to append; {@code onStored} is null for a synchronous request. */
    private record Request(List<LogEntry> entries, CompletableFuture<Long> done, Runnable onStored) {
        Request(List<LogEntry> entries, Runnable onStored) {
            this(entries, new CompletableFuture<>(), onStored);
        }

        boolean async() {
            return onStored != null;
        }
    }

    /** Asynchronous requests whose append failed, oldest first; only the writer thread touches it. */
    private final List<Request> retry = new ArrayList<>();

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
        Request r = new Request(entries, null);
        enqueue(r);
        try {
            return r.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /**
     * Queues the entries behind everything queued before and returns at once. The writer runs
     * {@code onStored} (briefly: it holds up the writer) once they are durable, after the actions of
     * all earlier asynchronous requests. The future completes with the seq of the first entry, or
     * fails with {@link StoreUnavailableException} when the first attempt to store them fails (they
     * stay queued and are retried until stored).
     */
    CompletableFuture<Long> commitAsync(List<LogEntry> entries, Runnable onStored) {
        Request r = new Request(entries, java.util.Objects.requireNonNull(onStored, "onStored"));
        enqueue(r);
        return r.done;
    }

    private void enqueue(Request r) {
        synchronized (queue) { // nothing is queued behind STOP
            if (closed) {
                throw new IllegalStateException("event log writer is closed");
            }
            queue.add(r);
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        List<LogEntry> entries = new ArrayList<>();
        while (true) {
            Request first;
            try {
                first = carry != null ? carry
                        : retry.isEmpty() ? queue.take() : queue.poll(RETRY_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            carry = null;
            for (Request r : retry) { // handed over earlier: they go first
                batch.add(r);
                entries.addAll(r.entries);
            }
            retry.clear();
            if (first == STOP) {
                writeOnce(batch, entries);
                return;
            }
            if (first == null) { // a retry round with nothing new
                writeOnce(batch, entries);
                continue;
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
            writeOnce(batch, entries);
        }
    }

    /** Writes the batch (if any) and clears it; never throws, so no publisher waits on a dead writer. */
    private void writeOnce(List<Request> batch, List<LogEntry> entries) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch, entries);
        } catch (Throwable t) {
            LOG.error("event log writer failed: {}", t.toString());
            fail(batch, new StoreUnavailableException("event log writer failed: " + t, t));
        }
        batch.clear();
        entries.clear();
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
            fail(batch, e);
            return;
        }
        appended.increment(entries.size());
        batchSize.record(entries.size());
        handOver(entries, firstSeq); // before releasing the publishers, so a drain after publish sees them queued
        long seq = firstSeq;
        for (Request r : batch) {
            r.done.complete(seq);
            seq += r.entries.size();
            if (r.async()) {
                try {
                    r.onStored.run();
                } catch (RuntimeException e) { // stored already: must not fail (and be stored again)
                    LOG.error("after-commit action failed at seq {}: {}", seq, e.toString());
                }
            }
        }
        applyToViews(entries, firstSeq);
    }

    private void handOver(List<LogEntry> entries, long firstSeq) {
        if (subscriptions.isEmpty()) {
            return;
        }
        long seq = firstSeq;
        for (LogEntry e : entries) {
            StoredEvent stored = new StoredEvent(seq++, e.topic(), e.key(), e.event());
            for (LogOrderSubscription<?> s : subscriptions) {
                s.committed(stored);
            }
        }
    }

    /** Adds a subscription that the writer hands every committed event to, in seq order. */
    void add(LogOrderSubscription<?> subscription) {
        subscriptions.add(subscription);
    }

    void remove(LogOrderSubscription<?> subscription) {
        subscriptions.remove(subscription);
    }

    private void save(Snapshot s) {
        if (s != null) {
            log.saveSnapshot(s);
        }
    }

    /** Fails every request of the batch; asynchronous ones are kept, in order, for the next attempt. */
    private void fail(List<Request> batch, RuntimeException e) {
        for (Request r : batch) {
            r.done.completeExceptionally(e);
            if (r.async()) {
                retry.add(r);
            }
        }
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
                    save(v.snapshotAt(last));
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
        int unstored = retry.stream().mapToInt(r -> r.entries.size()).sum();
        if (unstored > 0) {
            LOG.error("event log writer closed with {} handed-over events the store refused", unstored);
        }
        for (Request r; (r = queue.poll()) != null; ) {
            r.done.completeExceptionally(new IllegalStateException("event log writer closed"));
        }
    }
}
