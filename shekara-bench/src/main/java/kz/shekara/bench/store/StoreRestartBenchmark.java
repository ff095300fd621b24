package kz.shekara.bench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.Replayer;
import kz.shekara.server.store.Snapshot;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.response.UnitStateView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restart cost per million logged events: open the store (schema check included) and rebuild the
 * unit-state view from {@code events} logged (default 1,000,000 positions of 1,000 units): with
 * {@code snapshotEvery} 0 by streaming the whole log (the worst case, no snapshot), otherwise from
 * the newest snapshot and the events after it (as a running server leaves the log). Score: seconds
 * per restart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class StoreRestartBenchmark {
    @Param({"sqlite-full", "postgresql"})
    public String store;

    @Param({"1000000"})
    public int events;

    /** 0: no snapshot, the whole log is replayed (worst case); else a unit-state snapshot every so many events. */
    @Param({"0", "100000"})
    public int snapshotEvery;

    private BenchStore bench;

    @Setup(Level.Trial)
    public void fill() {
        bench = new BenchStore(store);
        UnitStateView view = new UnitStateView();
        try (EventLog log = bench.open()) {
            // The last 10,000 events always come after the newest snapshot, as in a running server.
            for (int i = 0; i < events; i += 10_000) {
                List<LogEntry> batch = new ArrayList<>(10_000);
                for (int j = i; j < Math.min(events, i + 10_000); j++) {
                    batch.add(new LogEntry("unit-positions", "S1", BenchStore.position(j, 1_000)));
                }
                long first = log.append(batch);
                for (int k = 0; k < batch.size(); k++) {
                    view.apply(new StoredEvent(first + k, "unit-positions", "S1", batch.get(k).event()));
                }
                long last = first + batch.size() - 1;
                if (snapshotEvery > 0 && last % snapshotEvery == 0 && last < events) {
                    log.saveSnapshot(new Snapshot(view.name(), last, view.snapshot()));
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public int openAndRebuild() {
        try (EventLog log = bench.open()) {
            UnitStateView units = new UnitStateView();
            long last = new Replayer(log).rebuild(List.of(units));
            if (last != events) {
                throw new IllegalStateException("replayed to seq " + last + ", expected " + events);
            }
            return units.units().size();
        }
    }
}
