package kz.shekara.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.Checkpointer;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.track.TrackerService;
import kz.shekara.server.track.TrackerView;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;

/**
 * CPU the tracker costs in live operation on the logged bus, with the checkpointer wired as the server
 * wires it: paced radar plots ({@link RadarFeed}, the {@code targets} load model of
 * {@link AlertLatencyBench}) through a {@link LoggedBus} over SQLite to the live {@link TrackerService},
 * and a {@link Checkpointer} keeping the {@code tracker-v1} view. Mode {@code one}: the view follows the
 * live tracker ({@link TrackerView#follow}) and snapshots its state at its own seq. Mode {@code two}: the
 * view runs a second tracker, re-tracking every logged detection in the checkpointer (the earlier
 * design). Prints, over the measured span, the CPU time of the tracker's thread, of the checkpointer's
 * thread and of the whole process, per second and per detection (thread CPU time, so the machine's
 * load moves it less than wall time), and the snapshots saved. Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.CheckpointerCpu one|two [rate]
 * [seconds] [warmupSeconds] [snapshotEvery]} (defaults 10000 60 20 100000). A wall-clock harness, never a test.
 */
public final class CheckpointerCpu {
    private CheckpointerCpu() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "one";
        if (!mode.equals("one") && !mode.equals("two")) {
            throw new IllegalArgumentException("mode must be one or two, not " + mode);
        }
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        long snapshotEvery = args.length > 4 ? Long.parseLong(args[4]) : 100_000;
        AlertLatencyBench.Params p = new AlertLatencyBench.Params(rate, seconds, warmup, 0, 4, 50, "targets", 1500,
                1, 4, "scan");
        Theatre theatre = TheatreLoader.loadDefault();
        Path dir = Files.createTempDirectory("shekara-checkpointer-cpu");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StoreConfig store = StoreConfig.defaults();
        try (EventLog log = EventLogs.open(null, dir, store)) {
            LoggedBus bus = new LoggedBus(new InMemoryBus(), log, store, meters, List.of());
            TrackerView view = new TrackerView(TrackerConfig.DEFAULTS, theatre);
            long seq = bus.start(List.of(view));
            TrackerService tracker = new TrackerService(TrackerConfig.DEFAULTS, bus, theatre, meters);
            tracker.restore(view.state(), seq);
            if (mode.equals("one")) {
                view.follow(tracker);
            }
            Checkpointer checkpointer = new Checkpointer(log, List.of(view), snapshotEvery, Duration.ofSeconds(1),
                    meters);
            checkpointer.start(seq);
            tracker.start();
            try {
                measure(mode, theatre, p, bus, meters);
            } finally {
                tracker.close();
                checkpointer.close();
                bus.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void measure(String mode, Theatre theatre, AlertLatencyBench.Params p, LoggedBus bus,
                                SimpleMeterRegistry meters) throws InterruptedException {
        Instant epoch = Clock.systemUTC().instant();
        long start = System.nanoTime() + 200_000_000L;
        long warmEnd = start + p.warmupSeconds() * 1_000_000_000L;
        long end = warmEnd + p.seconds() * 1_000_000_000L;
        List<List<RadarLoad>> byFeed = AlertLatencyBench.loadsByFeed(theatre, p);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < byFeed.size(); i++) {
            RadarFeed f = new RadarFeed(bus, byFeed.get(i), p.chunk(), epoch, start, end, theatre.defaultMarking(),
                    17 + i, p.window());
            threads.add(Thread.ofPlatform().name("feed-" + i).start(f));
        }
        while (System.nanoTime() < warmEnd) {
            LockSupport.parkNanos(20_000_000L);
        }
        Map<Long, Long> before = AlertLatencyBench.threadCpu();
        long processBefore = processCpu();
        double tracked0 = meters.counter("shekara.tracker.detections").count();
        double snapshots0 = meters.counter("shekara.store.snapshots").count();
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(20_000_000L);
        }
        Map<Long, Long> after = AlertLatencyBench.threadCpu();
        long processAfter = processCpu();
        double wallS = (System.nanoTime() - t0) / 1e9;
        double tracked = meters.counter("shekara.tracker.detections").count() - tracked0;
        double snapshots = meters.counter("shekara.store.snapshots").count() - snapshots0;
        for (Thread t : threads) {
            t.join();
        }
        long trackerNs = AlertLatencyBench.cpuOf(before, after, "log-order-");
        long checkpointerNs = AlertLatencyBench.cpuOf(before, after, "store-checkpointer");
        long processNs = processAfter - processBefore;
        System.out.printf(Locale.ROOT, "%n== mode %s: %.0f plots/s offered, %.0f detections/s tracked over %.0f s, "
                + "%.0f snapshot(s)%n", mode, p.rate(), tracked / wallS, wallS, snapshots);
        System.out.printf(Locale.ROOT, "  live tracker thread  %5.1f%% of a core, %6.1f us CPU per detection%n",
                100 * trackerNs / 1e9 / wallS, trackerNs / 1e3 / tracked);
        System.out.printf(Locale.ROOT, "  checkpointer thread  %5.1f%% of a core, %6.1f us CPU per detection%n",
                100 * checkpointerNs / 1e9 / wallS, checkpointerNs / 1e3 / tracked);
        System.out.printf(Locale.ROOT, "  whole process        %5.1f%% of a core, %6.1f us CPU per detection%n",
                100 * processNs / 1e9 / wallS, processNs / 1e3 / tracked);
        System.out.print(AlertLatencyBench.busiestThreads(before, after, wallS, 6));
    }

    /** CPU time of the whole process so far, in nanoseconds (-1 where the platform does not tell). */
    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
