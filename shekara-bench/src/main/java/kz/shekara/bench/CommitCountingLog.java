package kz.shekara.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.Snapshot;
import kz.shekara.server.store.SourceOffset;
import kz.shekara.server.store.StoreHealth;
import kz.shekara.server.store.StoredEvent;

/**
 * An {@link EventLog} that numbers its appends (one append is one commit of the group-commit writer)
 * and notes in {@link ProbeStages} which commit stored each probe's alarm and alert. Everything else
 * goes straight to the log under it (its store timers too). Thread-safe as the log under it.
 */
final class CommitCountingLog implements EventLog, MeterBinder {
    private final EventLog log;
    private final ProbeStages stages;

    CommitCountingLog(EventLog log, ProbeStages stages) {
        this.log = log;
        this.stages = stages;
    }

    @Override
    public long append(List<LogEntry> entries) {
        long began = System.nanoTime();
        long seq = log.append(entries);
        long commit = stages.commitsFinished.incrementAndGet();
        for (LogEntry e : entries) {
            if (e.event() instanceof Detection d) {
                int n = ProbeStages.probe(d.sensor());
                ProbeStages.stamp(stages.alarmCommit, n, commit);
                ProbeStages.stamp(stages.alarmCommitBegan, n, began);
            } else if (e.event() instanceof Alert a) {
                int n = ProbeStages.probe(a.sensor());
                ProbeStages.stamp(stages.alertCommit, n, commit);
                ProbeStages.stamp(stages.alertStored, n, System.nanoTime());
            }
        }
        return seq;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (log instanceof MeterBinder binder) {
            binder.bindTo(registry);
        }
    }

    @Override
    public Stream<StoredEvent> readAfter(long afterSeq) {
        return log.readAfter(afterSeq);
    }

    @Override
    public Stream<StoredEvent> readTimeRange(Instant from, Instant to) {
        return log.readTimeRange(from, to);
    }

    @Override
    public Stream<StoredEvent> readTimeRange(Instant from, Instant to, Set<String> topics) {
        return log.readTimeRange(from, to, topics);
    }

    @Override
    public Stream<StoredEvent> readEntity(String topic, String entity) {
        return log.readEntity(topic, entity);
    }

    @Override
    public long latestSeq() {
        return log.latestSeq();
    }

    @Override
    public StoreHealth health() {
        return log.health();
    }

    @Override
    public StoreHealth probe() {
        return log.probe();
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        log.saveSnapshot(snapshot);
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String view) {
        return log.latestSnapshot(view);
    }

    @Override
    public long downsample(Set<String> topics, Instant before, Duration bucket) {
        return log.downsample(topics, before, bucket);
    }

    @Override
    public List<SourceOffset> sourcePositions(String source) {
        return log.sourcePositions(source);
    }

    @Override
    public void close() {
        log.close();
    }
}
