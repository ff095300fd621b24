package kz.shekara.bench.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import kz.shekara.bench.RadarRecording;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBroker;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.source.JsonlReplaySource;
import kz.shekara.server.source.ReplayConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;

/**
 * The pipeline on Kafka with 1, 2 and 4 tracker workers: end-to-end detections a second and detection →
 * alert latency. Starts a broker in this JVM (the code of {@code shekara broker}); for each worker count
 * and run, a rules node ({@code serve --roles rules,response}) and {@code N} tracker workers
 * ({@code serve --roles tracker}) as child JVMs on topics of the run's own prefix; waits until the groups
 * have dealt out every partition; then
 * <ol>
 * <li><b>throughput</b>: publishes a radar recording ({@link RadarRecording}: DESIGN's tracker scenario on
 * the theatre's radars, movers plus clutter) as fast as the cluster takes it, as {@code shekara publish}
 * does, and times until the tracker group has committed every detection (a tracker worker commits a
 * record once the track updates it caused are on the cluster), then until the rules have committed
 * every detection and every track update; CPU time of each child JVM and of this one (broker and
 * publisher) over that time, per detection;</li>
 * <li><b>latency</b>: a second recording replayed at its own pace (a live feed) with alarm probes
 * ({@link AlarmProbes}), each timed from its publish to its alert on the alerts topic.</li>
 * </ol>
 * Child JVMs rather than nodes in this JVM: each worker then has its own heap, GC and threads as a
 * deployment's would, and its CPU time is measured apart. Prints each run and the medians. A wall-clock
 * harness, never a test:
 *
 * <pre>java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.kafka.KafkaWorkersBench [workers=1,2,4]
 * [runs=3] [rate=5000] [seconds=60] [liveRate=1000] [liveSeconds=30] [partitions=12] [targets=1500]
 * [probesPerSecond=10] [clutter=even|area]</pre>
 *
 * ({@code rate} and {@code liveRate}, plots a second, are the movers' plots ({@code targets} × Pd a second)
 * filled up with clutter, never fewer than the movers give; {@code even}: every radar the same clutter
 * rate; {@code area}: in proportion to its disc, which puts most of the load on the sector of the
 * theatre's two 40 km coastal radars, one partition.) The defaults are a guide; the figures in
 * docs/benchmarks.md give the arguments they were taken with.
 */
public final class KafkaWorkersBench {
    private static final Instant RECORDING_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long WAIT_NANOS = 600_000_000_000L;

    private KafkaWorkersBench() {
    }

    /** The arguments. */
    record Params(int[] workers, int runs, double rate, double seconds, double liveRate, double liveSeconds,
                  int partitions, int targets, double probeRate, boolean clutterByArea) {
    }

    /** CPU seconds (this JVM, rules node, tracker workers) and group commits at a moment of the throughput phase. */
    record Snapshot(double seconds, long trackerCommitted, long rulesCommitted, double[] cpu) {
        Snapshot(long nanos, long trackerCommitted, long rulesCommitted, double[] cpu) {
            this(nanos / 1e9, trackerCommitted, rulesCommitted, cpu);
        }

        double trackersCpu() {
            return Arrays.stream(cpu, 2, cpu.length).sum();
        }
    }

    /** One run's figures. */
    record Result(int workers, long detections, double trackedS, double ruledS, double warmRate, double trackerCpuS,
                  double warmTrackerUs, double warmRulesUs, double benchCpuS, double latencyMedianMs,
                  double latencyP99Ms, int probesLost) {
        double trackedRate() {
            return detections / trackedS;
        }

        double endToEndRate() {
            return detections / ruledS;
        }
    }

    public static void main(String[] args) throws Exception {
        Params p = new Params(
                Arrays.stream((args.length > 0 ? args[0] : "1,2,4").split(",")).mapToInt(Integer::parseInt).toArray(),
                args.length > 1 ? Integer.parseInt(args[1]) : 3, args.length > 2 ? Double.parseDouble(args[2]) : 5000,
                args.length > 3 ? Double.parseDouble(args[3]) : 60, args.length > 4 ? Double.parseDouble(args[4]) : 1000,
                args.length > 5 ? Double.parseDouble(args[5]) : 30, args.length > 6 ? Integer.parseInt(args[6]) : 12,
                args.length > 7 ? Integer.parseInt(args[7]) : 1500, args.length > 8 ? Double.parseDouble(args[8]) : 10,
                args.length > 9 && args[9].equals("area"));
        Theatre theatre = TheatreLoader.loadDefault();
        Path dir = Files.createTempDirectory("shekara-kafka-bench");
        Path recording = dir.resolve("detections.jsonl");
        Path live = dir.resolve("live.jsonl");
        RadarRecording.Written w = RadarRecording.write(theatre, recording, p.rate(), p.targets(), 1, p.seconds(), 17,
                p.clutterByArea());
        RadarRecording.Written lw = RadarRecording.write(theatre, live, p.liveRate(), p.targets(), 1, p.liveSeconds(), 23,
                p.clutterByArea());
        System.out.printf(Locale.ROOT, "recording: %,d plots over %.0f s from %d radars (%d real movers, the rest"
                + " clutter); live feed: %,d plots over %.0f s; %d partitions; %s%n", w.plots(), p.seconds(), w.radars(),
                w.movers(), lw.plots(), p.liveSeconds(), p.partitions(), dir);
        Map<Integer, List<Result>> results = new LinkedHashMap<>();
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), "localhost", 0, p.partitions())) {
            for (int r = 1; r <= p.runs(); r++) {
                // Worker counts interleaved run after run, so a change in the machine's load hits them all.
                for (int n : p.workers()) {
                    String prefix = "kb" + n + "w" + r + ".";
                    Result res = run(theatre, broker.bootstrap(), prefix, n, p, recording, w.plots(), live,
                            dir.resolve(prefix));
                    results.computeIfAbsent(n, k -> new ArrayList<>()).add(res);
                }
                summarise(results);
            }
        }
    }

    private static Result run(Theatre theatre, String bootstrap, String prefix, int n, Params p, Path recording,
                              long detections, Path live, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %d tracker worker(s), topics %s*, load average %s%n", n, prefix, loadAverage());
        String trackerGroup = "shekara." + prefix + "tracker.observations";
        // The rules take every input on one consumer, in one group (RulesSectors).
        String rulesGroup = "shekara." + prefix + "rules.sectors";
        String observations = prefix + Topic.OBSERVATIONS.name();
        String tracks = prefix + Topic.TRACKS.name();
        List<ServeChild> trackers = new ArrayList<>();
        KafkaBusConfig config = KafkaBusConfig.of(bootstrap).withPartitions(p.partitions()).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        try (ServeChild rules = ServeChild.start(bootstrap, prefix, p.partitions(), "rules,response", dir.resolve("rules"), "1g");
             GroupOffsets groups = new GroupOffsets(bootstrap, p.partitions());
             KafkaBus bus = new KafkaBus(config.withMember("bench"))) {
            for (int i = 0; i < n; i++) {
                trackers.add(ServeChild.start(bootstrap, prefix, p.partitions(), "tracker", dir.resolve("tracker" + i), "512m"));
            }
            await("the groups have dealt out every partition", rules, trackers, () -> groups.stable(trackerGroup, n)
                    && groups.stable(rulesGroup, 1));
            double[] cpu0 = cpu(rules, trackers);
            long t0 = System.nanoTime();
            double[] publishS = {Double.NaN};
            Thread publisher = Thread.ofPlatform().name("publisher").start(() -> {
                replay(theatre, bus, ReplayConfig.of(recording).withEpoch(RECORDING_START)
                        .withSpeed(Double.POSITIVE_INFINITY));
                publishS[0] = (System.nanoTime() - t0) / 1e9;
            });
            // Snapshots when the tracker group has committed half the detections (the JVMs are warm by
            // then: the second half gives the marginal cost), all of them, and when the rules have too;
            // the rules (ahead of the trackers on the observations) from when they have committed half.
            Snapshot half = null;
            Snapshot rulesHalf = null;
            Snapshot tracked = null;
            Snapshot ruled = null;
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (ruled == null) {
                long t = groups.committed(trackerGroup, observations);
                long r = groups.committed(rulesGroup, observations);
                if (rulesHalf == null && r >= detections / 2) {
                    rulesHalf = new Snapshot(System.nanoTime() - t0, t, r, cpu(rules, trackers));
                }
                if (half == null && t >= detections / 2) {
                    half = new Snapshot(System.nanoTime() - t0, t, r, cpu(rules, trackers));
                }
                if (tracked == null && t >= detections) {
                    tracked = new Snapshot(System.nanoTime() - t0, t, r, cpu(rules, trackers));
                }
                if (tracked != null && r >= detections && groups.lag(rulesGroup, tracks) == 0) {
                    ruled = new Snapshot(System.nanoTime() - t0, t, r, cpu(rules, trackers));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out waiting for the groups to commit every detection");
                }
                LockSupport.parkNanos(100_000_000L);
            }
            publisher.join();
            long[] ends = groups.ends(observations);
            if (Arrays.stream(ends).sum() != detections) {
                throw new IllegalStateException("the observations topic holds " + Arrays.stream(ends).sum()
                        + " records, not the recording's " + detections);
            }
            double trackerCpu = tracked.trackersCpu() - Arrays.stream(cpu0, 2, cpu0.length).sum();
            double warmTrackerCpu = tracked.trackersCpu() - half.trackersCpu();
            long warmTracked = detections - half.trackerCommitted();
            double warmRulesCpu = ruled.cpu()[1] - rulesHalf.cpu()[1];
            long warmRuled = detections - rulesHalf.rulesCommitted();
            double rulesCpu = ruled.cpu()[1] - cpu0[1];
            double benchCpu = ruled.cpu()[0] - cpu0[0];
            System.out.printf(Locale.ROOT, "  observations per partition: %s (largest %.0f%% of all; the busiest of %d"
                    + " workers, dealt partitions by range, has %.0f%%)%n", Arrays.toString(ends),
                    100.0 * Arrays.stream(ends).max().orElse(0) / Math.max(1, detections), n,
                    100.0 * busiestWorker(ends, n) / Math.max(1, detections));
            System.out.printf(Locale.ROOT, "  throughput: %,d detections published in %.1f s; tracker workers done at"
                            + " %.1f s (%,.0f detections/s; second half %,.0f/s), rules done at %.1f s (%,.0f detections/s"
                            + " end to end)%n", detections, publishS[0], tracked.seconds(), detections / tracked.seconds(),
                    warmTracked / (tracked.seconds() - half.seconds()), ruled.seconds(), detections / ruled.seconds());
            System.out.printf(Locale.ROOT, "  CPU: tracker workers %.1f s (%.1f us a detection; second half %.1f us),"
                            + " rules node %.1f s (%.1f us; second half %.1f us), broker + publisher (this JVM) %.1f s"
                            + " (%.1f us); load average %s%n", trackerCpu, 1e6 * trackerCpu / detections,
                    1e6 * warmTrackerCpu / warmTracked, rulesCpu, 1e6 * rulesCpu / detections,
                    1e6 * warmRulesCpu / warmRuled, benchCpu, 1e6 * benchCpu / detections, loadAverage());
            double[] latency = latency(theatre, bus, prefix, p, live);
            return new Result(n, detections, tracked.seconds(), ruled.seconds(),
                    warmTracked / (tracked.seconds() - half.seconds()), trackerCpu, 1e6 * warmTrackerCpu / warmTracked,
                    1e6 * warmRulesCpu / warmRuled, benchCpu, latency[0], latency[1], (int) latency[2]);
        } finally {
            trackers.forEach(ServeChild::close);
        }
    }

    /** The live phase: the second recording at its own pace with alarm probes; median, p99 (ms) and probes lost. */
    private static double[] latency(Theatre theatre, Bus bus, String prefix, Params p, Path live) throws Exception {
        AlarmProbes probes = new AlarmProbes(theatre, bus, p.probeRate(), p.liveSeconds());
        Bus.Subscription alerts = probes.listen("latency-bench");
        try {
            Instant epoch = Clock.systemUTC().instant();
            long start = System.nanoTime();
            Thread feed = Thread.ofPlatform().name("live-feed").start(() ->
                    replay(theatre, bus, ReplayConfig.of(live).withEpoch(epoch).withSpeed(1)));
            probes.publish(epoch, start, start + (long) (p.liveSeconds() * 1e9));
            feed.join();
            probes.awaitAnswers(10_000);
            // The first fifth of the probes is the warm-up (JIT in the nodes, the group's first fetches).
            double[] ms = probes.latenciesMs(probes.issued() / 5);
            int lost = probes.issued() - probes.answered();
            System.out.printf(Locale.ROOT, "  latency (live feed %,.0f plots/s, %.0f probes/s): publish -> alert %s;"
                    + " %d probes without an alert 10 s after; load average %s%n", liveRate(live, p), p.probeRate(),
                    AlarmProbes.describe(ms), lost, loadAverage());
            return new double[] {AlarmProbes.quantile(ms, 0.5), AlarmProbes.quantile(ms, 0.99), lost};
        } finally {
            alerts.close();
        }
    }

    /** Plots a second the live feed offers (no fewer than its movers give, whatever rate was asked for). */
    private static double liveRate(Path live, Params p) throws IOException {
        try (var lines = Files.lines(live)) {
            return lines.count() / p.liveSeconds();
        }
    }

    /** A recording into the topics through the replay source, as {@code shekara publish} does; waits for the cluster. */
    private static void replay(Theatre theatre, Bus bus, ReplayConfig config) {
        try (JsonlReplaySource source = new JsonlReplaySource(config, theatre, bus, new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            source.start();
            JsonlReplaySource.Summary s = source.completion().get();
            if (s.rejected() > 0) {
                throw new IllegalStateException(s.rejected() + " lines of " + config.detections() + " rejected");
            }
            bus.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("replay of " + config.detections() + " failed", e);
        }
    }

    /** Records of the busiest of {@code n} workers when the group deals the partitions out by range. */
    static long busiestWorker(long[] ends, int n) {
        long most = 0;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int count = ends.length / n + (i < ends.length % n ? 1 : 0);
            most = Math.max(most, Arrays.stream(ends, from, from + count).sum());
            from += count;
        }
        return most;
    }

    /** CPU seconds so far: this JVM, the rules node, then each tracker worker. */
    private static double[] cpu(ServeChild rules, List<ServeChild> trackers) {
        double[] out = new double[2 + trackers.size()];
        out[0] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        out[1] = rules.cpuSeconds();
        for (int i = 0; i < trackers.size(); i++) {
            out[2 + i] = trackers.get(i).cpuSeconds();
        }
        return out;
    }

    private static void await(String what, ServeChild rules, List<ServeChild> trackers, BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!done.getAsBoolean()) {
            rules.checkAlive();
            trackers.forEach(ServeChild::checkAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private static void summarise(Map<Integer, List<Result>> results) {
        System.out.printf(Locale.ROOT, "%n== medians (load average now %s)%n", loadAverage());
        System.out.println("| tracker workers | runs | detections/s, trackers done | second half | detections/s,"
                + " end to end | tracker CPU per detection, whole run | second half | rules CPU per detection,"
                + " second half | broker + publisher CPU per detection, whole run | alarm → alert median | p99"
                + " | probes lost |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        results.forEach((n, rs) -> System.out.printf(Locale.ROOT, "| %d | %d | %,.0f | %,.0f | %,.0f | %.0f µs | %.0f µs"
                        + " | %.0f µs | %.0f µs | %.0f ms | %.0f ms | %d |%n", n, rs.size(), med(rs, Result::trackedRate),
                med(rs, Result::warmRate), med(rs, Result::endToEndRate),
                med(rs, r -> 1e6 * r.trackerCpuS() / r.detections()), med(rs, Result::warmTrackerUs),
                med(rs, Result::warmRulesUs), med(rs, r -> 1e6 * r.benchCpuS() / r.detections()),
                med(rs, Result::latencyMedianMs), med(rs, Result::latencyP99Ms),
                rs.stream().mapToInt(Result::probesLost).sum()));
    }

    private static double med(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        return AlarmProbes.median(rs.stream().mapToDouble(f).toArray());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
