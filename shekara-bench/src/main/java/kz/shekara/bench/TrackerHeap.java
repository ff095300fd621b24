package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import kz.shekara.model.Detection;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.sim.TrackingScenario;

/**
 * Heap per live track: runs {@link TrackingScenario#standard} for N targets (args, default 1000 and
 * 10000) through the tracker, then measures used heap (MemoryMXBean, after repeated System.gc()) with
 * the tracker alive and again after dropping it; the difference over the live tracks (tentative ones
 * included) is the heap per live track. Run: {@code java -cp shekara-bench/target/benchmarks.jar
 * kz.shekara.bench.TrackerHeap 1000 10000}.
 */
public final class TrackerHeap {
    private TrackerHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int[] sizes = args.length == 0 ? new int[] {1000, 10000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int targets : sizes) {
            List<Detection> detections = TrackingScenario.standard(targets, Duration.ofSeconds(60), 1).generate().detections();
            Sector sector = new Sector("S1", "heap", "south", "UZ", Posture.NORMAL, 43.0, 68.0);
            MultiSectorTracker tracker = new MultiSectorTracker(TrackerConfig.DEFAULTS, List.of(sector),
                    SectorLocator.ofOrigins(List.of(sector)));
            for (Detection d : detections) {
                tracker.accept(d);
            }
            long with = usedAfterGc();
            int live = tracker.liveTracks();
            tracker = null;
            long without = usedAfterGc();
            System.out.printf(Locale.ROOT, "targets %d: live tracks %d, tracker heap %.1f KiB, %.0f bytes per live track%n",
                    targets, live, (with - without) / 1024.0, (double) (with - without) / live);
            detections = null;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
