package kz.shekara.server.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/**
 * The durable {@link Bus}: every published event is appended to the {@link EventLog} first and only
 * then handed to the delegate bus, so whatever a subscriber sees (and whatever an adapter
 * acknowledges after {@code publish} returns) is in the log. Concurrent publishers share one
 * transaction (group commit, see {@link GroupCommitter}); {@code publish} returns when its event is
 * durable. When the store fails, {@code publish} throws {@link StoreUnavailableException}, nothing is
 * published onward, the caller must not acknowledge, and {@link #health()} is DOWN until a write
 * succeeds again (each publish and each health check retries the store).
 *
 * <p>{@link #start()} first rebuilds the given views from the log (snapshot + replay), then keeps
 * them current from the writer thread, in seq order. Events of one publisher keep their order on the
 * delegate bus; events of concurrent publishers reach the log and the bus each in some order, not
 * necessarily the same. Thread-safe.
 */
public final class LoggedBus implements Bus {
    private final Bus delegate;
    private final EventLog log;
    private final GroupCommitter committer;
    private final List<LogView> views;
    private volatile boolean started;

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
        committer.commit(List.of(new LogEntry(topic.name(), key, event)));
        delegate.publish(topic, key, event);
    }

    /** Publishes several events of one topic and key, stored in one transaction, in order. */
    @Override
    public <E extends DomainEvent> void publishAll(Topic<E> topic, String key, List<? extends E> events) {
        checkStarted();
        List<LogEntry> entries = new ArrayList<>(events.size());
        for (E e : events) {
            entries.add(new LogEntry(topic.name(), key, e));
        }
        committer.commit(entries);
        for (E e : events) {
            delegate.publish(topic, key, e);
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

    @Override
    public void drain() throws InterruptedException {
        delegate.drain();
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

    /** Stores everything already published, then closes the delegate bus. */
    @Override
    public void close() {
        committer.close();
        delegate.close();
    }
}
