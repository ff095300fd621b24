package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.track.Plot;
import kz.shekara.track.ReorderBuffer;
import kz.shekara.track.Scan;
import kz.shekara.track.SectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerParts;
import kz.shekara.sim.TrackingScenario;

/**
 * Detections per second of the sector tracker loop measured in thread CPU time rather than wall time
 * (ThreadMXBean), for a build machine shared with other jobs, where a wall-clock JMH score measures
 * the share of a core the scheduler gave rather than the code. Same work as
 * {@code TrackerBenchmark.scanLoop}: {@link TrackingScenario#standard} for 3 minutes, run
 * {@code rounds} times after warm-up; prints each round, the median rate and the median bytes allocated per
 * detection (a figure the machine's load does not move). A third argument {@code single} runs the
 * previous single-model configuration ({@link TrackerConfig#SINGLE_MODEL}) instead of the defaults. Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.TrackerThroughput 1000 7 [single]}.
 */
public final class TrackerThroughput {
    private TrackerThroughput() {
    }

    public static void main(String[] args) {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        TrackerConfig config = args.length > 2 && args[2].equals("single") ? TrackerConfig.SINGLE_MODEL
                : TrackerConfig.DEFAULTS;
        List<Detection> arrivals = TrackingScenario.standard(targets, Duration.ofMinutes(3), 1).generate().detections();
        ReorderBuffer buffer = new ReorderBuffer(TrackerConfig.DEFAULTS.reorderWindow());
        List<Scan> scans = new ArrayList<>();
        for (Detection d : arrivals) {
            scans.addAll(buffer.add(d));
        }
        scans.addAll(buffer.flush());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 3; w++) {
            run(scans, config);
        }
        double[] rates = new double[rounds];
        double[] bytes = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long a0 = allocated();
            long t0 = mx.getCurrentThreadCpuTime();
            long n = run(scans, config);
            rates[r] = n / ((mx.getCurrentThreadCpuTime() - t0) / 1e9);
            bytes[r] = (allocated() - a0) / (double) n;
            System.out.printf(Locale.ROOT, "targets %d round %d: %.0f detections/s (CPU time), %.0f bytes allocated per detection%n",
                    targets, r + 1, rates[r], bytes[r]);
        }
        Arrays.sort(bytes);
        System.out.printf(Locale.ROOT, "targets %d median allocation: %.0f bytes per detection%n", targets, bytes[rounds / 2]);
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "targets %d median: %.0f detections/s of one core's CPU time%n", targets,
                rates[rounds / 2]);
    }

    /** Bytes this thread has allocated so far (HotSpot's ThreadMXBean extension; -1 where absent). */
    private static long allocated() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hs
                ? hs.getCurrentThreadAllocatedBytes() : -1;
    }

    private static long run(List<Scan> scans, TrackerConfig config) {
        SectorTracker tracker = new SectorTracker("S1", new LocalFrame(43.0, 68.0), TrackerParts.from(config));
        long n = 0;
        for (Scan scan : scans) {
            List<Plot> plots = new ArrayList<>(scan.detections().size());
            for (Detection d : scan.detections()) {
                plots.add(tracker.plot(d));
            }
            tracker.step(scan.time(), scan.sensor(), plots);
            n += plots.size();
        }
        return n;
    }
}
