package kz.shekara.bench;

import java.util.List;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
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

    CommitCountingLog(EventLog log, ProbeStages stages) {
        super(log);
        this.stages = stages;
    }

    @Override
    public long append(List<LogEntry> entries) {
        long began = System.nanoTime();
        long seq = super.append(entries);
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
}
