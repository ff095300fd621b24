package kz.shekara.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.Plot;
import kz.shekara.track.ReorderBuffer;
import kz.shekara.track.Scan;
import kz.shekara.track.SectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerParts;
import kz.shekara.sim.TrackingScenario;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread tracker throughput on {@link TrackingScenario#standard} (two radars, Pd 0.9, clutter
 * of targets/5 per scan of the 1 s radar: 200 false alarms at 1,000 targets, reports up to 1.5 s
 * late). Each benchmark call processes one scan; the {@code detections} counter gives detections per
 * second. {@code scanLoop}: the sector tracker loop (WGS84 → local frame, predict, gate, associate,
 * update, delete, initiate). {@code pipeline}: everything the live service does per detection —
 * reorder buffer, routing and the confirmed-track reports of every scan time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TrackerBenchmark {
    @Param({"10", "100", "1000"})
    public int targets;

    private List<Scan> scans;
    private List<Detection> arrivals;
    private SectorTracker tracker;
    private MultiSectorTracker pipeline;
    private Sector sector;
    private int next;
    private int nextArrival;

    /** Detections processed, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long detections;
    }

    @Setup(Level.Trial)
    public void generate() {
        TrackingScenario.Data data = TrackingScenario.standard(targets, Duration.ofMinutes(3), 1).generate();
        arrivals = data.detections();
        ReorderBuffer buffer = new ReorderBuffer(TrackerConfig.DEFAULTS.reorderWindow());
        scans = new ArrayList<>();
        for (Detection d : arrivals) {
            scans.addAll(buffer.add(d));
        }
        scans.addAll(buffer.flush());
        sector = new Sector("S1", "bench", "south", "UZ", Posture.NORMAL, 43.0, 68.0);
        restart();
    }

    private void restart() {
        tracker = new SectorTracker("S1", new LocalFrame(43.0, 68.0), TrackerParts.from(TrackerConfig.DEFAULTS));
        pipeline = new MultiSectorTracker(TrackerConfig.DEFAULTS, List.of(sector),
                SectorLocator.ofOrigins(List.of(sector)));
        next = 0;
        nextArrival = 0;
    }

    @Benchmark
    public int scanLoop(Counters counters) {
        if (next == scans.size()) {
            restart();
        }
        Scan scan = scans.get(next++);
        List<Plot> plots = new ArrayList<>(scan.detections().size());
        for (Detection d : scan.detections()) {
            plots.add(tracker.plot(d));
        }
        tracker.step(scan.time(), scan.sensor(), plots);
        counters.detections += plots.size();
        return tracker.liveTracks();
    }

    @Benchmark
    public void pipeline(Counters counters, Blackhole bh) {
        if (nextArrival == arrivals.size()) {
            restart();
        }
        // One scan's worth of arrivals per call keeps calls comparable with scanLoop.
        int n = Math.max(1, arrivals.size() / scans.size());
        for (int i = 0; i < n && nextArrival < arrivals.size(); i++) {
            bh.consume(pipeline.accept(arrivals.get(nextArrival++)));
            counters.detections++;
        }
    }
}
