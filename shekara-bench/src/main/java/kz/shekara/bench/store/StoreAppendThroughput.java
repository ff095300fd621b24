package kz.shekara.bench.store;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LoggedBus;

/**
 * Append rate through the {@link LoggedBus} (group commit, durable before {@code publish} returns)
 * as the server's sources use it: {@code single} (each of N publishers publishes one event and waits
 * for its commit), {@code batch} (each publishes chunks of 500 events with {@code publishAll}).
 * Prints events/s (wall clock) and the CPU spent per 1,000 events by this process (split into the
 * publishers' threads, which encode the events, the log's writer, and the rest: JIT, GC) and, on
 * PostgreSQL, by the database server's processes (a figure the machine's load moves far less).
 * Run: {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.store.StoreAppendThroughput
 * postgresql single 8 10} (store, mode, publishers, seconds, optionally warm-up seconds, 2 by default;
 * store one of sqlite-full, sqlite-normal, postgresql).
 */
public final class StoreAppendThroughput {
    private static final int CHUNK = 500;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StoreAppendThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "postgresql";
        String mode = args.length > 1 ? args[1] : "single";
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        if (!mode.equals("single") && !mode.equals("batch")) {
            throw new IllegalArgumentException("mode: single or batch, got " + mode);
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BenchStore bench = new BenchStore(store); EventLog log = bench.open();
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, bench.config(), registry, List.of())) {
            bus.start();
            run(bus, mode, publishers, warmUp, null, store); // warm-up: the JIT compiles the path, its CPU not counted
            DistributionSummary batches = registry.get("shekara.store.batch.size").summary();
            long commits0 = batches.count();
            double events0 = batches.totalAmount();
            run(bus, mode, publishers, seconds, bench.jdbcUrl(), store);
            System.out.printf(Locale.ROOT, "  %d commits, %.0f events per commit%n", batches.count() - commits0,
                    (batches.totalAmount() - events0) / (batches.count() - commits0));
        }
    }

    private static void run(LoggedBus bus, String mode, int publishers, int seconds, String pgUrl, String store)
            throws Exception {
        AtomicLong published = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(publishers);
        long[] pgCpu0 = pgUrl == null ? new long[2] : serverCpuNanos(pgUrl);
        AtomicLong publisherCpu = new AtomicLong();
        long writer0 = writerCpuNanos();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            Thread.ofPlatform().name("publisher-" + p).start(() -> {
                long own0 = THREADS.getCurrentThreadCpuTime();
                try {
                    while (System.nanoTime() < end) {
                        if (mode.equals("single")) {
                            bus.publish(Topic.UNIT_POSITIONS, "S1", BenchStore.position(next.getAndIncrement(), 1_000));
                            published.incrementAndGet();
                        } else {
                            long first = next.getAndAdd(CHUNK);
                            List<UnitPosition> chunk = new ArrayList<>(CHUNK);
                            for (int i = 0; i < CHUNK; i++) {
                                chunk.add(BenchStore.position(first + i, 1_000));
                            }
                            bus.publishAll(Topic.UNIT_POSITIONS, "S1", chunk);
                            published.addAndGet(CHUNK);
                        }
                    }
                } finally {
                    publisherCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - own0);
                    done.countDown();
                }
            });
        }
        done.await();
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        long writer = writerCpuNanos() - writer0;
        long[] pgCpu1 = pgUrl == null ? new long[2] : serverCpuNanos(pgUrl);
        long pgCpu = pgCpu1[0] - pgCpu0[0];
        long pgBackends = pgCpu1[1] - pgCpu0[1];
        if (pgUrl == null) {
            return;
        }
        double events = published.get();
        double perK = 1e6 * events / 1000;
        System.out.printf(Locale.ROOT, "%s %s x%d: %.0f events/s over %.1f s; CPU per 1,000 events: process %.1f ms"
                        + " (publishers %.1f, writer %.1f, other threads %.1f)%s%n",
                store, mode, publishers, events / (wall / 1e9), wall / 1e9, cpu / perK, publisherCpu.get() / perK,
                writer / perK, (cpu - publisherCpu.get() - writer) / perK,
                store.equals("postgresql") ? String.format(Locale.ROOT, ", PostgreSQL %.1f ms (client backends %.1f)",
                        pgCpu / perK, pgBackends / perK) : "");
    }

    /** CPU time of the log's writer thread (group commit, rows, driver). */
    private static long writerCpuNanos() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("store-writer"))
                .mapToLong(t -> THREADS.getThreadCpuTime(t.threadId())).sum();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL server's processes (the postmaster and its children) and, second, of
     * those serving client connections (the writer's {@code COPY} among them); zeros for SQLite.
     */
    private static long[] serverCpuNanos(String url) throws SQLException, IOException {
        if (!url.startsWith("jdbc:postgresql:")) {
            return new long[2];
        }
        long backend;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        long postmaster = Long.parseLong(stat(backend)[3]);
        long ticks = 0;
        long clientTicks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String[] f = stat(pid);
                    if (pid == postmaster || Long.parseLong(f[3]) == postmaster) {
                        long t = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        ticks += t;
                        // A client backend's title names its client ("127.0.0.1(port)"); background processes' do not.
                        if (Files.readString(p.resolve("cmdline")).contains("(")) {
                            clientTicks += t;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        }
        return new long[] {ticks * 10_000_000L, clientTicks * 10_000_000L}; // USER_HZ 100
    }

    /** Fields of /proc/pid/stat after the command name, numbered as in proc(5) minus one. */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
        String[] f = new String[rest.length + 2];
        System.arraycopy(rest, 0, f, 2, rest.length);
        return f;
    }
}
