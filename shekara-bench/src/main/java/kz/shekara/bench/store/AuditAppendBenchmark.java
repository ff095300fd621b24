package kz.shekara.bench.store;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.AuditTrail;
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
 * Audit trail append rate: one operation is one durable, hash-chained entry (a transaction that locks
 * the head, inserts the entry and moves the head), as every state-changing request of the API makes.
 * {@code append} from one thread; {@code appendFourWriters} from four threads on two trails (as the
 * server and the command line on one database), so the score is entries/s in total.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AuditAppendBenchmark {
    @Param({"sqlite-full", "postgresql"})
    public String store;

    private BenchStore bench;
    private AuditTrail trail;
    private AuditTrail other;
    private final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        bench = new BenchStore(store);
        trail = new AuditTrail(bench.database(), Clock.systemUTC());
        other = new AuditTrail(bench.database(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trail.close();
        other.close();
        bench.close();
    }

    @Benchmark
    public AuditEntry append() {
        return trail.append("operator", "POST", "/api/v1/incidents/I-" + next.getAndIncrement() + "/dispatch", "202",
                "10.20.30.40");
    }

    @Benchmark
    @Threads(4)
    public AuditEntry appendFourWriters() {
        long n = next.getAndIncrement();
        return (n % 2 == 0 ? trail : other).append("operator", "POST", "/api/v1/incidents/I-" + n + "/dispatch", "202",
                "10.20.30.40");
    }
}
