package kz.shekara.server.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/**
 * The durable {@link Bus}: every published event is appended to the {@link EventLog} first and only
 * then handed to the delegate bus (an urgent alarm excepted, see below), so whatever a subscriber sees
 * (and whatever an adapter acknowledges after {@code publish} returns) is in the log. Concurrent publishers share one
 * transaction (group commit, see {@link GroupCommitter}); {@code publish} returns when its event is
 * durable. When the store fails, {@code publish} throws {@link StoreUnavailableException}, nothing is
 * published onward, the caller must not acknowledge, and {@link #health()} is DOWN until a write
 * succeeds again (each publish and each health check retries the store).
 *
 * <p>{@link #start()} first rebuilds the given views from the log (snapshot + replay), then keeps
 * them current from the writer thread, in seq order. Events of one publisher keep their order on the
 * delegate bus; events of concurrent publishers reach the log and the bus each in some order, not
 * necessarily the same. A subscription {@linkplain #subscribeInLogOrder in log order} (the tracker)
 * is instead fed by the writer with each committed event in seq order, so its consumer's state at a
 * seq is a replay's, and can be snapshotted as such.
 *
 * <p>{@link #publishAsync} (the rules' outputs) and {@link #publishAllAsync} (a plot feed, which
 * acknowledges nothing and so need not stall on each commit) return without waiting: the event joins the group
 * commit queue in order and, once committed, a forwarder thread hands it on to the delegate bus in
 * commit order, so the invariant holds (nothing is delivered before it is in the log) while the
 * publisher goes on working. If the store refuses it, its future fails (health DOWN) and it stays
 * queued and is retried until stored. The ordinary events of {@link #publishAllAsync} go in the
 * writer's bulk lane (see {@link GroupCommitter}) and have their own forwarder thread: everything
 * else published after them (a synchronous publish, an alarm, an alert) is stored in the next commit
 * and may be stored and delivered ahead of them; so neither an alert's commit nor its delivery waits
 * behind the plot chunks a feed has in flight. In the log, a publisher's events keep the order it
 * published them in, except that its {@link #publishAllAsync} chunks may fall behind what it
 * publishes later by the other methods; on delivery, its {@link #publishAsync} events keep their
 * order among themselves, and so do its {@link #publishAllAsync} chunks (a later synchronous publish
 * may reach subscribers before either).
 *
 * <p>An {@linkplain Topic#urgent urgent} event (an alarm detection) is the one exception to "stored,
 * then delivered": it is handed to the writer and at once to the delegate bus, so the rules raise its
 * alert while it is being stored; {@code publish} still returns only once it is durable (the adapter
 * acknowledges only what is in the log). What it causes cannot overtake it in the log: the rules'
 * outputs are published asynchronously, so they queue for the writer behind it and are delivered only
 * once stored — an alert is never seen, and never in the log, without the detection that caused it.
 * Since it has been delivered, an urgent event the store refuses is kept and retried like an
 * asynchronous one (its publisher still gets {@link StoreUnavailableException} and must not acknowledge;
 * a resend is stored again). Within a {@link #publishAll}, its urgent events are stored ahead of the
 * others, in the order they are delivered. Thread-safe.
 */
public final class LoggedBus implements Bus {
    private final Bus delegate;
    private final EventLog log;
    private final GroupCommitter committer;
    private final List<LogView> views;
    private final ExecutorService forwarder = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("store-forwarder").daemon().unstarted(r));
    /** Hands on the bulk lane's chunks, so that a subscriber slow to take plots holds up no alert. */
    private final ExecutorService bulkForwarder = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("store-forwarder-bulk").daemon().unstarted(r));
    /** Asynchronous events not yet handed on. */
    private final HandOns handOns = new HandOns();
    private volatile boolean started;
    /** Queued events of a subscription in log order before publishers of its topic wait. */
    static final int LOG_ORDER_CAPACITY = 65_536;
    private final List<LogOrderSubscription<?>> inLogOrder = new CopyOnWriteArrayList<>();

    /**
     * @param delegate the bus that delivers to subscribers (closed with this one)
     * @param log the event log (not closed by this bus: its opener closes it)
     * @param views views rebuilt at {@link #start()} and kept current after each commit
     */
    public LoggedBus(Bus delegate, EventLog log, StoreConfig config, MeterRegistry registry, List<? extends LogView> views) {
        this.delegate = delegate;
        this.log = log;
        this.views = List.copyOf(views);
        this.committer = new GroupCommitter(log, config, this.views, registry);
        Gauge.builder("shekara.store.up", log, l -> l.health().up() ? 1 : 0)
                .description("1 when the event store accepts writes, 0 when it is down").register(registry);
    }

    /** Rebuilds the views from the log, then starts accepting publishes; returns the last seq restored. */
    public long start() {
        return start(List.of());
    }

    /**
     * Like {@link #start()}, and rebuilds {@code alsoRestore} (views kept current elsewhere, e.g. by
     * a {@link Checkpointer}) in the same pass over the log; returns the last seq restored.
     */
    public long start(List<? extends LogView> alsoRestore) {
        List<LogView> all = new ArrayList<>(views);
        all.addAll(alsoRestore);
        long restored = new Replayer(log).rebuild(all);
        committer.start(restored);
        started = true;
        return restored;
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        checkStarted();
        if (topic.urgent(event)) {
            publishUrgent(topic, key, List.of(event));
            return;
        }
        committer.commit(List.of(new LogEntry(topic.name(), key, event)));
        delegate.publish(topic, key, event);
        awaitRoom(topic);
    }

    /**
     * Publishes several events of one topic and key, stored in one transaction, in order; urgent ones
     * (see the class comment) are delivered at once and stored ahead of the others.
     */
    @Override
    public <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        checkStarted();
        List<E> urgent = new ArrayList<>(0);
        List<E> ordinary = new ArrayList<>(events.size());
        for (E e : events) {
            (topic.urgent(e) ? urgent : ordinary).add(e);
        }
        if (!urgent.isEmpty()) {
            publishUrgent(topic, key, urgent); // queued before the others, so stored before or with them
        }
        if (ordinary.isEmpty()) {
            return;
        }
        committer.commit(entries(topic, key, ordinary));
        for (E e : ordinary) {
            delegate.publish(topic, key, e);
        }
        awaitRoom(topic);
    }

    /** Back pressure from the subscriptions in log order: waits while one fed by this topic is full. */
    private void awaitRoom(Topic<?> topic) {
        for (LogOrderSubscription<?> s : inLogOrder) {
            if (s.feeds(topic)) {
                s.awaitRoom();
            }
        }
    }

    /**
     * Queues urgent events for the writer (kept and retried until stored), delivers them, then waits
     * until they are durable; the queueing comes first, so whatever a subscriber publishes in answer
     * queues behind them.
     */
    private <E extends DomainEvent> void publishUrgent(Topic<E> topic, String key, List<E> events) {
        CompletableFuture<Long> stored = committer.commitUrgent(entries(topic, key, events));
        for (E e : events) {
            delegate.publish(topic, key, e);
        }
        try {
            stored.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static List<LogEntry> entries(Topic<?> topic, String key, List<? extends DomainEvent> events) {
        List<LogEntry> entries = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            entries.add(new LogEntry(topic.name(), key, e));
        }
        return entries;
    }

    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        checkStarted();
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        handOns.given();
        CompletableFuture<Long> stored;
        try {
            stored = committer.commitAsync(List.of(new LogEntry(topic.name(), key, event)),
                    () -> forwarder.execute(() -> forward(topic, key, event, delivered)));
        } catch (RuntimeException e) {
            handOns.handedOn();
            throw e;
        }
        stored.whenComplete((seq, failure) -> {
            if (failure != null) {
                delivered.completeExceptionally(failure);
            }
        });
        return delivered;
    }

    /**
     * Queues the events for the writer and returns: urgent ones are delivered at once (stored in the
     * next commit, ahead of the others), the others go in the writer's bulk lane and are handed on by
     * the bulk forwarder once stored, in commit order. Publishers of a topic fed
     * {@linkplain #subscribeInLogOrder in log order} wait while its queue is full.
     */
    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAllAsync(Topic<E> topic, String key,
                                                                         List<? extends E> events) {
        checkStarted();
        List<E> urgent = new ArrayList<>(0);
        List<E> ordinary = new ArrayList<>(events.size());
        for (E e : events) {
            (topic.urgent(e) ? urgent : ordinary).add(e);
        }
        CompletableFuture<Long> urgentStored = CompletableFuture.completedFuture(0L);
        if (!urgent.isEmpty()) {
            urgentStored = committer.commitUrgent(entries(topic, key, urgent));
            for (E e : urgent) {
                delegate.publish(topic, key, e);
            }
        }
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        if (ordinary.isEmpty()) {
            urgentStored.whenComplete((seq, failure) -> complete(delivered, failure));
            return delivered;
        }
        handOns.given();
        CompletableFuture<Long> stored;
        try {
            stored = committer.commitBulk(entries(topic, key, ordinary),
                    () -> bulkForwarder.execute(() -> forwardAll(topic, key, ordinary, delivered)));
        } catch (RuntimeException e) {
            handOns.handedOn();
            throw e;
        }
        urgentStored.thenCombine(stored, (a, b) -> b).whenComplete((seq, failure) -> {
            if (failure != null) {
                delivered.completeExceptionally(failure);
            }
        });
        awaitRoom(topic);
        return delivered;
    }

    private static void complete(CompletableFuture<Void> f, Throwable failure) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(null);
        }
    }

    private <E extends DomainEvent> void forwardAll(Topic<E> topic, String key, List<E> events,
                                                    CompletableFuture<Void> delivered) {
        try {
            for (E e : events) {
                delegate.publish(topic, key, e);
            }
            delivered.complete(null);
        } catch (RuntimeException e) {
            delivered.completeExceptionally(e);
        } finally {
            handOns.handedOn();
        }
    }

    private <E extends DomainEvent> void forward(Topic<E> topic, String key, E event, CompletableFuture<Void> delivered) {
        try {
            delegate.publish(topic, key, event);
            delivered.complete(null);
        } catch (RuntimeException e) {
            delivered.completeExceptionally(e);
        } finally {
            handOns.handedOn();
        }
    }

    private void checkStarted() {
        if (!started) {
            throw new IllegalStateException("LoggedBus.start() was not called");
        }
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return delegate.subscribe(topic, group, handler);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return delegate.subscribeInOrder(topic, group, handler);
    }

    /**
     * Delivered by its own thread: the writer hands it each committed event of the topic, in seq order
     * (an urgent event too, once stored, in its place in the log), with its seq as the position.
     * Publishers of the topic wait while {@code capacity} events are queued for it. Only events
     * committed after this call are delivered. Over a bus that other processes publish to as well
     * ({@link Bus#local()} false), this log does not see their events: the subscription is the shared
     * bus's own, positions its count.
     */
    @Override
    public <E extends DomainEvent> Subscription subscribeInLogOrder(Topic<E> topic, String group,
                                                                   Positioned<? super E> handler) {
        if (!delegate.local()) {
            return delegate.subscribeInLogOrder(topic, group, handler);
        }
        LogOrderSubscription<E> sub = new LogOrderSubscription<>(topic, group, handler, LOG_ORDER_CAPACITY,
                this::unsubscribe);
        inLogOrder.add(sub);
        committer.add(sub);
        sub.start();
        return sub;
    }

    private void unsubscribe(LogOrderSubscription<?> sub) {
        committer.remove(sub);
        inLogOrder.remove(sub);
    }

    /**
     * Blocks until every event published so far (also asynchronously, and what the handlers published
     * meanwhile) is stored and handled; while the store refuses asynchronous events this waits for it.
     */
    @Override
    public void drain() throws InterruptedException {
        long seen;
        do {
            // What the handlers publish while the delivery bus drains is logged, then handed on: go round
            // again until a whole round logs nothing new.
            seen = log.latestSeq();
            handOns.awaitNone();
            for (LogOrderSubscription<?> s : inLogOrder) {
                s.awaitIdle();
            }
            delegate.drain();
        } while (pendingCount() > 0 || !inLogOrder.stream().allMatch(LogOrderSubscription::idle)
                || log.latestSeq() != seen);
    }

    /** Events given to this bus to be handed on later (asynchronously) and not handed on yet. */
    public long pendingCount() {
        return handOns.pending();
    }

    /**
     * Waits until every event given to this bus to be handed on later has been handed on ({@link #pendingCount()}
     * 0), at most {@code timeout}; whether it was. Woken by each hand-on, not polling.
     */
    public boolean awaitHandedOn(java.time.Duration timeout) throws InterruptedException {
        return handOns.awaitNone(timeout);
    }

    /** The store's health; when it is DOWN this checks the store again first. */
    public StoreHealth health() {
        StoreHealth h = log.health();
        return h.up() ? h : log.probe();
    }

    /** The log this bus writes to (for reads: replay, timelines, exports). */
    public EventLog log() {
        return log;
    }

    /** Stores everything already published, hands on what was stored, then closes the delegate bus. */
    @Override
    public void close() {
        committer.close();
        forwarder.shutdown();
        bulkForwarder.shutdown();
        try {
            forwarder.awaitTermination(10, TimeUnit.SECONDS);
            bulkForwarder.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inLogOrder.forEach(LogOrderSubscription::close);
        delegate.close();
    }
}
