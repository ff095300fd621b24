package kz.shekara.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.shekara.model.SensorKind;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.TrackerConfig;

/**
 * Detection in → alert out: wall-clock latency through the live pipeline (bus, tracker, rules) as
 * the server wires it, under a steady paced load of background radar plots, measured on probe
 * detections (fence, ground sensor, radiation alarms) that must each raise a new alert at once.
 * Prints median, p90, p99 and max latency of the probes after warm-up, the offered and achieved
 * plot rates, the deepest bus queues, the busiest threads (where it saturates), the run's GC pauses, the
 * probes' times per stage of their path and the commits each passes ({@link ProbeStages}) and, on
 * the logged bus, the event store's commit and checkpoint durations ({@link StoreTimes}). Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.AlertLatencyBench [rate] [seconds]
 * [memory|logged|both] [warmupSeconds] [probesPerSecond] [feeds] [chunk] [targets|dense] [targets]
 * [scanPeriodS] [window] [scan|publish]} (defaults 50000 45 both 15 20 4 50 targets 1500 1 1 scan; {@code window}: chunks a
 * feed leaves in flight, not waiting for their commit, 1 for a feed that stalls on each commit; the last: a scan's
 * event time is its scheduled time, or the time its first chunk is published, see {@link RadarFeed#stampedAtPublish}).
 * Also prints what decides the tail ({@link TailCounts}), the slowest probes' stages, and on the logged bus
 * whether a fresh tracker fed the log gives the live tracker's output ({@link TrackerReplay}). The load model
 * ({@link RadarLoad}): {@code targets} is DESIGN's tracker scenario on the theatre's radars (that
 * many real movers plus clutter filling the rate, every radar scanning each {@code scanPeriodS}
 * seconds, 0 for the theatre's own periods); {@code dense} is the older stress model where every
 * plot is a real mover. A wall-clock harness, never a test.
 */
public final class AlertLatencyBench {
    private AlertLatencyBench() {
    }

    /** What one run is asked to do. */
    record Params(double rate, int seconds, int warmupSeconds, double probeRate, int feeds, int chunk, String load,
                  int targets, double scanPeriodS, int window, String stamp) {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 45;
        String mode = args.length > 2 ? args[2] : "both";
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        double probeRate = args.length > 4 ? Double.parseDouble(args[4]) : 20;
        int feeds = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        int chunk = args.length > 6 ? Integer.parseInt(args[6]) : 50;
        String load = args.length > 7 ? args[7] : "targets";
        int targets = args.length > 8 ? Integer.parseInt(args[8]) : 1500;
        double scanPeriodS = args.length > 9 ? Double.parseDouble(args[9]) : 1;
        int window = args.length > 10 ? Integer.parseInt(args[10]) : 1;
        String stamp = args.length > 11 ? args[11] : "scan";
        if (!stamp.equals("scan") && !stamp.equals("publish")) {
            throw new IllegalArgumentException("stamp must be scan or publish, not " + stamp);
        }
        if (!load.equals("targets") && !load.equals("dense")) {
            throw new IllegalArgumentException("load model must be targets or dense, not " + load);
        }
        Params p = new Params(rate, seconds, warmup, probeRate, feeds, chunk, load, targets, scanPeriodS, window, stamp);
        Theatre theatre = TheatreLoader.loadDefault();
        if (mode.equals("memory") || mode.equals("both")) {
            run("in-memory bus", theatre, p, null);
        }
        if (mode.equals("logged") || mode.equals("both")) {
            Path dir = Files.createTempDirectory("shekara-latency");
            try {
                run("logged bus (SQLite, synchronous FULL)", theatre, p, dir);
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void run(String label, Theatre theatre, Params p, Path logDir) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StoreTimes.configure(meters);
        InMemoryBus memory = new InMemoryBus();
        ProbeStages stages = new ProbeStages(ProbeRun.probes(p));
        CommitCountingLog log = null;
        Bus bus = memory;
        if (logDir != null) {
            StoreConfig store = StoreConfig.defaults();
            log = new CommitCountingLog(EventLogs.open(null, logDir, store), stages);
            LoggedBus logged = new LoggedBus(memory, log, store, meters, List.of());
            logged.start();
            bus = logged;
        }
        Clock clock = Clock.systemUTC();
        StagedBus staged = new StagedBus(bus, stages);
        var tracker = new kz.shekara.server.track.TrackerService(TrackerConfig.DEFAULTS, staged, theatre, meters);
        tracker.start();
        RulesService rules = new RulesService(RulesConfigLoader.forTheatre(null), staged, theatre, meters, clock);
        rules.start();
        boolean ran = false;
        try {
            new ProbeRun(label, theatre, p, bus, memory, meters, clock, stages)
                    .counting(staged.subscriptions(), log).run();
            ran = true;
        } finally {
            rules.close();
            tracker.close();
            if (ran && log != null) {
                System.out.print(TrackerReplay.report(log, tracker, theatre,
                        meters.counter("shekara.tracker.updates").count(), meters.counter("shekara.tracker.late").count()));
            }
            bus.close();
            if (log != null) {
                log.close();
            }
        }
    }

    /** The theatre's radars under the chosen load model, split round-robin over {@code feeds} feeds. */
    static List<List<RadarLoad>> loadsByFeed(Theatre theatre, Params p) {
        List<Sensor> radars = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).toList();
        if (radars.isEmpty()) {
            throw new IllegalStateException("the theatre has no radar to make background plots");
        }
        List<RadarLoad> loads = p.load().equals("dense") ? RadarLoad.dense(radars, p.rate(), 17)
                : RadarLoad.targets(radars, p.rate(), p.targets(), p.scanPeriodS(), 17);
        int n = Math.min(p.feeds(), loads.size());
        List<List<RadarLoad>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < loads.size(); i++) {
            out.get(i % n).add(loads.get(i));
        }
        return out;
    }

    /** The {@code top} threads by CPU time used between two snapshots (thread id → CPU nanos). */
    static String busiestThreads(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after, double wallS,
                                 int top) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        record Use(String name, long nanos) {
        }
        List<Use> uses = new ArrayList<>();
        after.forEach((id, cpu) -> {
            var info = mx.getThreadInfo(id);
            if (info != null) {
                uses.add(new Use(info.getThreadName(), cpu - before.getOrDefault(id, 0L)));
            }
        });
        uses.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
        StringBuilder sb = new StringBuilder();
        for (Use u : uses.subList(0, Math.min(top, uses.size()))) {
            sb.append(String.format(Locale.ROOT, "    %-40s %5.1f%% of a core%n", u.name(), 100 * u.nanos() / 1e9 / wallS));
        }
        return sb.toString();
    }

    /** CPU nanos used between two snapshots by the threads whose name starts with {@code prefix}. */
    static long cpuOf(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after, String prefix) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var e : after.entrySet()) {
            var info = mx.getThreadInfo(e.getKey());
            if (info != null && info.getThreadName().startsWith(prefix)) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    static java.util.Map<Long, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu >= 0) {
                out.put(id, cpu);
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
