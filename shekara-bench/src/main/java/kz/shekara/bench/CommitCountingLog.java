package kz.shekara.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.ForwardingEventLog;
import kz.shekara.server.store.LogEntry;

/**
 * An event log that numbers its appends (one append is one commit of the group-commit writer) and
 * notes in {@link ProbeStages} which commit stored each probe's alarm and alert; everything else goes
 * straight to the log under it (its store timers too). Thread-safe as the log under it.
 */
final class CommitCountingLog extends ForwardingEventLog {
    private final ProbeStages stages;
    /** Events appended, and the most in one commit, since {@link #reset()}. */
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong most = new AtomicLong();

    CommitCountingLog(EventLog log, ProbeStages stages) {
        super(log);
        this.stages = stages;
    }

    @Override
    public long append(List<LogEntry> entries) {
        long began = System.nanoTime();
        long seq = super.append(entries);
        long commit = stages.commitsFinished.incrementAndGet();
        events.addAndGet(entries.size());
        commits.incrementAndGet();
        most.accumulateAndGet(entries.size(), Math::max);
        long tracks = 0;
        for (LogEntry e : entries) {
            tracks += e.event() instanceof TrackUpdate ? 1 : 0;
        }
        long shape = ProbeStages.commitShape(entries.size(), tracks, System.nanoTime() - began);
        for (LogEntry e : entries) {
            if (e.event() instanceof Detection d) {
                int n = ProbeStages.probe(d.sensor());
                ProbeStages.stamp(stages.alarmCommit, n, commit);
                ProbeStages.stamp(stages.alarmCommitBegan, n, began);
            } else if (e.event() instanceof Alert a) {
                int n = ProbeStages.probe(a.sensor());
                ProbeStages.stamp(stages.alertCommit, n, commit);
                ProbeStages.stamp(stages.alertStored, n, System.nanoTime());
                ProbeStages.stamp(stages.alertCommitShape, n, shape);
            }
        }
        return seq;
    }

    /** Starts the commit figures afresh (at the end of the warm-up). */
    void reset() {
        events.set(0);
        commits.set(0);
        most.set(0);
    }

    /** Commits since {@link #reset()}, the events they stored, and the most in one. */
    long[] commitFigures() {
        return new long[] {commits.get(), events.get(), most.get()};
    }
}
