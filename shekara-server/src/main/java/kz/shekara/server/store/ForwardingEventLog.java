package kz.shekara.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An {@link EventLog} that hands every call to another log; a subclass overrides what it watches or
 * holds back (as Guava's forwarding collections do). Binds the other log's meters when it has some,
 * so the store's timers stay registered. Thread-safe as the log under it.
 */
public abstract class ForwardingEventLog implements EventLog, MeterBinder {
    private final EventLog delegate;

    protected ForwardingEventLog(EventLog delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public long append(List<LogEntry> entries) {
        return delegate.append(entries);
    }

    @Override
    public int appendConsumed(String source, List<LogEntry> entries, List<SourceOffset> at, List<SourceOffset> ends) {
        return delegate.appendConsumed(source, entries, at, ends);
    }

    @Override
    public List<SourceOffset> sourcePositions(String source) {
        return delegate.sourcePositions(source);
    }

    @Override
    public Stream<StoredEvent> readAfter(long afterSeq) {
        return delegate.readAfter(afterSeq);
    }

    @Override
    public Stream<StoredEvent> readTimeRange(Instant from, Instant to) {
        return delegate.readTimeRange(from, to);
    }

    @Override
    public Stream<StoredEvent> readTimeRange(Instant from, Instant to, Set<String> topics) {
        return delegate.readTimeRange(from, to, topics);
    }

    @Override
    public Stream<StoredEvent> readEntity(String topic, String entity) {
        return delegate.readEntity(topic, entity);
    }

    @Override
    public long latestSeq() {
        return delegate.latestSeq();
    }

    @Override
    public StoreHealth health() {
        return delegate.health();
    }

    @Override
    public StoreHealth probe() {
        return delegate.probe();
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        delegate.saveSnapshot(snapshot);
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String view) {
        return delegate.latestSnapshot(view);
    }

    @Override
    public long downsample(Set<String> topics, Instant before, Duration bucket) {
        return delegate.downsample(topics, before, bucket);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (delegate instanceof MeterBinder binder) {
            binder.bindTo(registry);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
