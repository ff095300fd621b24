package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Two lanes. The front lane ({@link #commit}, {@link #commitAsync}) holds whatever someone waits
 * for or what must not wait: acknowledged events, alarms, the rules' alerts. The bulk lane
 * ({@link #commitBulk}) holds chunks of a feed that acknowledges nothing and leaves several in flight
 * (radar plots). Each lane is stored in the order it was handed over; each batch takes the whole front
 * lane first, then fills up from the bulk lane only if the front lane is empty, and stores the front
 * requests ahead of the bulk ones. So a front request is stored in the next commit, no later than any
 * bulk request handed over after it, and may be stored before bulk requests handed over before it: an
 * alarm and its alert do not queue behind the plot chunks in flight.
 * Thread-safe.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** Wait between retries of asynchronous entries while the store is down, nanoseconds. */
    static final long RETRY_NANOS = 200_000_000L;

    private final EventLog log;
    private final StoreConfig config;
    private final List<LogView> views;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<CommitRequest> front = new ArrayDeque<>(); // guarded by lock
    private final ArrayDeque<CommitRequest> bulk = new ArrayDeque<>(); // guarded by lock
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
    /**
     * How long a batch holding an urgent event (an alarm, delivered while it is stored) waits for the
     * next asynchronous front request (synchronous ones, such as the tracker's track updates, are
     * taken in meanwhile): the alert the rules raise from it then shares its commit instead of waiting
     * for a commit of its own. An alarm that raises nothing is stored this much later.
     */
    static final long URGENT_ANSWER_NS = 1_000_000;
    private boolean closed; // guarded by lock
    private int lastRequests;
    private long lastSnapshotSeq;

    /** Asynchronous requests whose append failed, oldest first; only the writer thread touches it. */
    private final List<CommitRequest> retry = new ArrayList<>();

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
        if (log instanceof MeterBinder store) {
            store.bindTo(registry); // commit and checkpoint durations
        }
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
        CommitRequest r = new CommitRequest(entries, null, false, false);
        enqueue(r);
        try {
            return r.done().join();
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
        CommitRequest r = new CommitRequest(entries, java.util.Objects.requireNonNull(onStored, "onStored"), false, false);
        enqueue(r);
        return r.done();
    }

    /**
     * Like {@link #commitAsync} with nothing to run once stored, for urgent events already delivered:
     * their commit waits up to {@link #URGENT_ANSWER_NS} for the next asynchronous front request (what a
     * subscriber publishes in answer) to share it.
     */
    CompletableFuture<Long> commitUrgent(List<LogEntry> entries) {
        CommitRequest r = new CommitRequest(entries, () -> {
        }, false, true);
        enqueue(r);
        return r.done();
    }

    /**
     * Like {@link #commitAsync}, in the bulk lane: stored in order with the other bulk requests, after
     * the front requests handed over before it, and possibly after front requests handed over later.
     * Its {@code onStored} runs after those of the front requests of the same commit.
     */
    CompletableFuture<Long> commitBulk(List<LogEntry> entries, Runnable onStored) {
        CommitRequest r = new CommitRequest(entries, java.util.Objects.requireNonNull(onStored, "onStored"), true, false);
        enqueue(r);
        return r.done();
    }

    private void enqueue(CommitRequest r) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("event log writer is closed");
            }
            (r.bulk() ? bulk : front).addLast(r);
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        CommitBatch batch = new CommitBatch();
        while (true) {
            boolean last;
            try {
                last = take(batch);
            } catch (InterruptedException e) {
                return;
            }
            if (!last) {
                awaitCompany(batch);
                lastRequests = batch.requests();
            }
            writeOnce(batch);
            if (last) {
                return;
            }
        }
    }

    /**
     * Fills the batch: the retried requests first, then the front lane, then (only once the front lane
     * is empty) the bulk lane, up to {@code maxBatch} events (a first request larger than that alone).
     * Waits while there is nothing to write (up to {@link #RETRY_NANOS} when something is to be
     * retried). Returns true when the writer is closed and this is the last batch.
     */
    private boolean take(CommitBatch batch) throws InterruptedException {
        lock.lock();
        try {
            if (retry.isEmpty()) {
                while (front.isEmpty() && bulk.isEmpty() && !closed) {
                    arrived.await();
                }
            } else if (front.isEmpty() && bulk.isEmpty() && !closed) {
                arrived.awaitNanos(RETRY_NANOS);
            }
            for (CommitRequest r : retry) { // handed over earlier: they go first
                batch.add(r);
            }
            retry.clear();
            batch.fill(front, bulk, Integer.MAX_VALUE, config.maxBatch());
            return closed && front.isEmpty() && bulk.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Writes the batch (if any) and clears it; never throws, so no publisher waits on a dead writer. */
    private void writeOnce(CommitBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<CommitRequest> requests = batch.ordered();
        batch.clear();
        List<LogEntry> entries = new ArrayList<>();
        for (CommitRequest r : requests) {
            entries.addAll(r.entries());
        }
        try {
            write(requests, entries);
        } catch (Throwable t) {
            LOG.error("event log writer failed: {}", t.toString());
            fail(requests, new StoreUnavailableException("event log writer failed: " + t, t));
        }
    }

    /**
     * Waits up to {@link #COMPANY_WAIT_NS} for as many publishers as the last commit served, and up to
     * {@link #URGENT_ANSWER_NS} for an asynchronous front request after an urgent one, while they fit the batch.
     */
    private void awaitCompany(CommitBatch batch) {
        long now = System.nanoTime();
        long companyDeadline = now + COMPANY_WAIT_NS;
        long answerDeadline = now + URGENT_ANSWER_NS;
        lock.lock();
        try {
            while (batch.size() < config.maxBatch()) {
                boolean answer = batch.awaitsAnswer();
                boolean company = lastRequests > 1 && batch.requests() < lastRequests;
                if (!answer && !company) {
                    return;
                }
                if (batch.fill(front, bulk, answer ? Integer.MAX_VALUE : lastRequests - batch.requests(),
                        config.maxBatch()) > 0) {
                    continue;
                }
                if (!front.isEmpty() || closed || (!answer && !bulk.isEmpty())) {
                    return; // what is queued and does not fit starts the next batch at once
                }
                long left = Math.max(answer ? answerDeadline : 0, company ? companyDeadline : 0) - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // write this batch; the next wait ends the writer
        } finally {
            lock.unlock();
        }
    }

    private void write(List<CommitRequest> batch, List<LogEntry> entries) {
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
        for (CommitRequest r : batch) {
            r.done().complete(seq);
            seq += r.entries().size();
            if (r.async()) {
                try {
                    r.onStored().run();
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
    private void fail(List<CommitRequest> batch, RuntimeException e) {
        for (CommitRequest r : batch) {
            r.done().completeExceptionally(e);
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
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int unstored = retry.stream().mapToInt(r -> r.entries().size()).sum();
        if (unstored > 0) {
            LOG.error("event log writer closed with {} handed-over events the store refused", unstored);
        }
        lock.lock();
        try {
            for (ArrayDeque<CommitRequest> lane : List.of(front, bulk)) {
                for (CommitRequest r; (r = lane.poll()) != null; ) {
                    r.done().completeExceptionally(new IllegalStateException("event log writer closed"));
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
