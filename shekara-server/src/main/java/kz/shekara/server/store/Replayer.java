package kz.shekara.server.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds views from the event log at start-up: each view is restored from its newest snapshot
 * (when there is one) and then given every logged event after it, in seq order, so its state equals
 * that of a clean replay of the whole log. Cost: one pass over the events after the oldest snapshot
 * used. Not thread-safe; run before the views go live.
 */
public final class Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private final EventLog log;

    public Replayer(EventLog log) {
        this.log = log;
    }

    /** Restores the views from snapshots and the log after them; returns the last seq applied (0 for an empty log). */
    public long rebuild(List<? extends LogView> views) {
        Map<LogView, Long> from = new HashMap<>();
        for (LogView v : views) {
            Optional<Snapshot> s = log.latestSnapshot(v.name());
            from.put(v, 0L);
            if (s.isPresent()) {
                try {
                    v.restore(s.get().state());
                    from.put(v, s.get().seq());
                } catch (RuntimeException e) {
                    LOG.warn("snapshot of view {} at seq {} is unreadable, replaying the whole log: {}", v.name(),
                            s.get().seq(), e.toString());
                }
            }
        }
        long start = from.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long last = apply(views, from, start);
        LOG.info("rebuilt {} view(s) from the event log up to seq {} (replayed after seq {})", views.size(), last, start);
        return Math.max(last, from.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** Gives the views every logged event from the start, ignoring snapshots; returns the last seq. */
    public long replayAll(List<? extends LogView> views) {
        Map<LogView, Long> from = new HashMap<>();
        views.forEach(v -> from.put(v, 0L));
        return apply(views, from, 0);
    }

    private long apply(List<? extends LogView> views, Map<LogView, Long> from, long afterSeq) {
        long last = afterSeq;
        try (Stream<StoredEvent> events = log.readAfter(afterSeq)) {
            var it = events.iterator();
            while (it.hasNext()) {
                StoredEvent e = it.next();
                for (LogView v : views) {
                    if (e.seq() > from.get(v)) {
                        v.apply(e);
                    }
                }
                last = e.seq();
            }
        }
        return last;
    }
}
