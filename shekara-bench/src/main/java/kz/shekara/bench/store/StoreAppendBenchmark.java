package kz.shekara.bench.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.LoggedBus;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event-log append throughput. Scores are operations per second: for {@code appendBatch} one
 * operation is one batch of {@code batch} unit positions (events/s = score x batch), encoding
 * included; for {@code publishGroupCommit} one operation is one durable {@code publish} of a single
 * event by each of 8 threads through {@link LoggedBus} (group commit), so the score is events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class StoreAppendBenchmark {
    @Param({"sqlite-full", "sqlite-normal", "postgresql"})
    public String store;

    @Param({"1000"})
    public int batch;

    private BenchStore bench;
    private EventLog log;
    private LoggedBus bus;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        bench = new BenchStore(store);
        log = bench.open();
        bus = new LoggedBus(new InMemoryBus(), log, bench.config(), new SimpleMeterRegistry(), List.of());
        bus.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bus.close();
        log.close();
        bench.close();
    }

    @Benchmark
    public long appendBatch() {
        long first = next.getAndAdd(batch);
        List<LogEntry> entries = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            entries.add(new LogEntry("unit-positions", "S1", BenchStore.position(first + i, 1_000)));
        }
        return log.append(entries);
    }

    @Benchmark
    @Threads(8)
    public void publishGroupCommit() {
        bus.publish(Topic.UNIT_POSITIONS, "S1", BenchStore.position(next.getAndIncrement(), 1_000));
    }
}
