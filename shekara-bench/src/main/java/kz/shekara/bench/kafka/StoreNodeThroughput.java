package kz.shekara.bench.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBroker;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.StoreSubscription;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;

/**
 * The {@code store} role's rate: a broker in this JVM, {@code events} unit positions published once on
 * the unit-positions topic (keyed by twelve sectors), then for each run a store subscription of a group of
 * its own into a fresh SQLite file (synchronous FULL, the default) timed from its start until it has
 * stored every event. Prints events/s (wall clock) and the CPU time of the store's consumer thread per
 * 1,000 events (it gathers, decodes and writes the batches: SQLite's work is on that thread too), which the
 * machine's load moves less than the wall clock. A wall-clock harness, never a test:
 *
 * <pre>java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.kafka.StoreNodeThroughput [events=200000]
 * [runs=3] [partitions=6] [maxBatch=4096]</pre>
 */
public final class StoreNodeThroughput {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", Set.of("MVD"));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StoreNodeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int maxBatch = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        Path dir = Files.createTempDirectory("shekara-store-bench");
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), "localhost", 0, partitions)) {
            KafkaBusConfig config = KafkaBusConfig.of(broker.bootstrap()).withPartitions(partitions).withTopicPrefix("sb.");
            try (KafkaBus bus = new KafkaBus(config.withMember("publisher").withGroupPrefix("sb.pub."))) {
                for (int i = 0; i < events; i++) {
                    bus.publish(Topic.UNIT_POSITIONS, "S-" + (i % 12), position(i));
                }
                bus.drain();
            }
            System.out.printf(Locale.ROOT, "%,d unit positions on %d partitions; load average %s%n", events, partitions,
                    loadAverage());
            List<Double> rates = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                rates.add(run(config.withMember("store").withGroupPrefix("sb.run" + r + "."), dir.resolve("run" + r),
                        events, maxBatch));
            }
            rates.sort(null);
            System.out.printf(Locale.ROOT, "median %,.0f events/s; load average %s%n", rates.get(rates.size() / 2),
                    loadAverage());
        }
    }

    private static double run(KafkaBusConfig config, Path dir, int events, int maxBatch) throws Exception {
        Files.createDirectories(dir);
        try (SqliteEventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             KafkaBus bus = new KafkaBus(config)) {
            long t0 = System.nanoTime();
            StoreSubscription sub = bus.subscribeStore(log, maxBatch);
            long deadline = t0 + 600_000_000_000L;
            while (sub.stored() < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("stored " + sub.stored() + " of " + events + " in 10 minutes");
                }
                LockSupport.parkNanos(10_000_000L);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpuS = storeThreadCpuNanos() / 1e9;
            sub.close();
            System.out.printf(Locale.ROOT, "  %,d stored in %.2f s: %,.0f events/s; store thread CPU %.2f s, %.1f ms per"
                    + " 1,000 events; load average %s%n", events, s, events / s, cpuS, cpuS * 1e6 / events, loadAverage());
            return events / s;
        }
    }

    private static long storeThreadCpuNanos() {
        for (ThreadInfo t : THREADS.dumpAllThreads(false, false)) {
            if (t.getThreadName().equals("kafka-store")) {
                return THREADS.getThreadCpuTime(t.getThreadId());
            }
        }
        throw new IllegalStateException("no kafka-store thread");
    }

    private static UnitPosition position(long i) {
        int u = (int) (i % 500);
        return new UnitPosition(T0.plusMillis(i), "U-" + u, "Unit " + u, "a-f-G-U-C", 42.0 + u * 1e-3,
                69.0 + (i % 1000) * 1e-5, i % 360, 12.5, UnitStatus.AVAILABLE, MARKING);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
