package kz.shekara.bench.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.review.LogPictures;
import kz.shekara.server.review.Picture;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
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
 * The after-action review's picture at a time T: read every logged event of the window before T
 * from the store by time range and fold it ({@code events} positions of 1,000 units, all inside the
 * window, the worst case for one slider step). Score: milliseconds per picture.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class PictureAtBenchmark {
    @Param({"sqlite-full", "postgresql"})
    public String store;

    @Param({"100000"})
    public int events;

    private BenchStore bench;
    private EventLog log;
    private LogPictures pictures;

    @Setup(Level.Trial)
    public void fill() {
        bench = new BenchStore(store);
        log = bench.open();
        for (int i = 0; i < events; i += 10_000) {
            List<LogEntry> batch = new ArrayList<>(10_000);
            for (int j = i; j < Math.min(events, i + 10_000); j++) {
                batch.add(new LogEntry("unit-positions", "S1", BenchStore.position(j, 1_000)));
            }
            log.append(batch);
        }
        pictures = new LogPictures(log);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        log.close();
        bench.close();
    }

    @Benchmark
    public int pictureAtEndOfLog() {
        Picture p = pictures.at(BenchStore.T0.plusMillis(events), Duration.ofHours(1));
        if (p.units().size() != 1_000) {
            throw new IllegalStateException("expected 1,000 units, got " + p.units().size());
        }
        return p.units().size();
    }
}
