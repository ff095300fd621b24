package kz.shekara.bench;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.shekara.server.bus.Bus;

/**
 * The counts that decide an {@link AlertLatencyBench} run's tail, over its measured window: the
 * tracker's input and output (detections taken, dropped as late, track updates sent, the most in one
 * second), how far each feed published behind its scans' event times, the high-water of every queue
 * the rules and the tracker drain, the commits and events per commit, and the collector's pauses. Cheap
 * counters only: sampled by the run's 50 ms loop. If the pipeline gives the same output for the same
 * input, runs of one command differ in these counts only where their input differed. Not thread-safe:
 * used by the run's main thread.
 */
final class TailCounts {
    private final MeterRegistry meters;
    private final List<RadarFeed> feeds;
    private final Map<String, Bus.Subscription> queues;
    private final CommitCountingLog log;
    private final Map<String, int[]> highWater = new LinkedHashMap<>(); // depth, seconds after warm-up
    private final List<long[]> updateSamples = new ArrayList<>(); // nanos, updates so far
    private long warmEnd;
    private double updatesBefore;
    private double detectionsBefore;
    private double lateBefore;
    private final Map<String, long[]> gcBefore = new LinkedHashMap<>();

    TailCounts(MeterRegistry meters, List<RadarFeed> feeds, Map<String, Bus.Subscription> queues,
               CommitCountingLog log) {
        this.meters = meters;
        this.feeds = feeds;
        this.queues = queues;
        this.log = log;
    }

    /** The end of the warm-up: the counts start from here. */
    void start(long nanos) {
        warmEnd = nanos;
        updatesBefore = count("shekara.tracker.updates");
        detectionsBefore = count("shekara.tracker.detections");
        lateBefore = count("shekara.tracker.late");
        feeds.forEach(RadarFeed::resetLag);
        if (log != null) {
            log.reset();
        }
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcBefore.put(b.getName(), new long[] {b.getCollectionCount(), b.getCollectionTime()});
        }
        sample(nanos);
    }

    /** One sample of the queues and the track updates (after {@link #start}). */
    void sample(long nanos) {
        updateSamples.add(new long[] {nanos, (long) count("shekara.tracker.updates")});
        queues.forEach((name, s) -> {
            int depth = s.queueDepth();
            int[] hw = highWater.computeIfAbsent(name, k -> new int[2]);
            if (depth > hw[0]) {
                hw[0] = depth;
                hw[1] = (int) ((nanos - warmEnd) / 1_000_000_000L);
            }
        });
    }

    String report() {
        StringBuilder sb = new StringBuilder("  what decides the tail (measured window):\n");
        double taken = count("shekara.tracker.detections") - detectionsBefore;
        double late = count("shekara.tracker.late") - lateBefore;
        double updates = count("shekara.tracker.updates") - updatesBefore;
        long[] burst = busiestSecond();
        double seconds = (System.nanoTime() - warmEnd) / 1e9;
        sb.append(String.format(Locale.ROOT, "    tracker: %,.0f detections taken, %,.0f of them dropped as late (%.1f%%),"
                        + " so %,.0f/s tracked; %,.0f track updates sent, most in one second %,d (at t=%d s)%n", taken, late,
                taken == 0 ? 0 : 100 * late / taken, (taken - late) / seconds, updates, burst[0], burst[1]));
        sb.append("    feeds behind their scans' event times, mean / max ms:");
        for (RadarFeed f : feeds) {
            double[] lag = f.lagMs();
            sb.append(String.format(Locale.ROOT, " %.0f / %.0f;", lag[0], lag[1]));
        }
        sb.append("\n    queue high-water (t after warm-up):");
        highWater.forEach((name, hw) -> sb.append(String.format(Locale.ROOT, " %s %,d (t=%d s);", name, hw[0], hw[1])));
        sb.append('\n');
        if (log != null) {
            long[] c = log.commitFigures();
            sb.append(String.format(Locale.ROOT, "    commits: %,d, events per commit mean %.1f, max %,d%n", c[0],
                    c[0] == 0 ? 0 : c[1] / (double) c[0], c[2]));
        }
        sb.append("    collector in the window:");
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            long[] before = gcBefore.getOrDefault(b.getName(), new long[2]);
            sb.append(String.format(Locale.ROOT, " %s %,d in %,d ms;", b.getName(), b.getCollectionCount() - before[0],
                    b.getCollectionTime() - before[1]));
        }
        return sb.append('\n').toString();
    }

    /** The most track updates sent within one second of the window, and when (seconds after warm-up). */
    private long[] busiestSecond() {
        long most = 0;
        long at = 0;
        int from = 0;
        for (int i = 0; i < updateSamples.size(); i++) {
            long[] s = updateSamples.get(i);
            while (s[0] - updateSamples.get(from)[0] > 1_000_000_000L) {
                from++;
            }
            long n = s[1] - updateSamples.get(from)[1];
            if (n > most) {
                most = n;
                at = (s[0] - warmEnd) / 1_000_000_000L;
            }
        }
        return new long[] {most, at};
    }

    private double count(String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }
}
