package kz.shekara.bench;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.Viewer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of keeping the live picture: one detection (20,000 kept, oldest evicted), one track update
 * (1,000 live tracks with 20-point trails), one unit position (1,000 units), and a snapshot of the
 * 1,000 tracks as the REST API takes it. Events are applied directly, as the bus thread would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LiveStateBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Marking M = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-mod")).asExercise();
    private static final TreeSet<String> SENSORS = new TreeSet<>(List.of("radar-1"));
    private static final Viewer HOME = Viewer.home("kz-bs");

    private InMemoryBus bus;
    private LiveState live;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        bus = new InMemoryBus(1, 16);
        live = new LiveState(bus, LiveStateConfig.defaults());
        for (n = 0; n < 20_000; n++) {
            live.accept(detection());
            live.accept(track());
            live.accept(position());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        live.close();
        bus.close();
    }

    private Instant time() {
        return T0.plusMillis(n);
    }

    private Detection detection() {
        return new Detection(time(), "radar-1", SensorKind.RADAR, 41.5 + (n % 1000) * 1e-4, 69.0, 25, M);
    }

    private TrackUpdate track() {
        return new TrackUpdate(time(), "T-" + (n % 1000), "uz-03", 41.5 + (n % 997) * 1e-4, 69.0, 1, 1, 100, 0, 100,
                TrackStatus.CONFIRMED, TargetClass.WALKER, SENSORS, M);
    }

    private UnitPosition position() {
        return new UnitPosition(time(), "U-" + (n % 1000), "Shekara", "a-f-G-U-C", 41.5, 69.0 + (n % 991) * 1e-4, 90, 10,
                UnitStatus.AVAILABLE, M);
    }

    @Benchmark
    public LiveState acceptDetection() {
        n++;
        live.accept(detection());
        return live;
    }

    @Benchmark
    public LiveState acceptTrackUpdate() {
        n++;
        live.accept(track());
        return live;
    }

    @Benchmark
    public LiveState acceptUnitPosition() {
        n++;
        live.accept(position());
        return live;
    }

    @Benchmark
    public int snapshotTracks() {
        return live.tracks(HOME).size();
    }
}
