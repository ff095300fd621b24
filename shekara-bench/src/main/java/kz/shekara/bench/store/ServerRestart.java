package kz.shekara.bench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.sim.TrackingScenario;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.server.theatre.TheatreLoader;

/**
 * The whole server's restart time per million logged events, and its heap with 10,000 live tracks,
 * 1,000 units and 1,000,000 logged events. The driver makes a store (a SQLite file, or a local
 * PostgreSQL cluster with fsync on) and runs each step in a JVM of its own, as a real restart is:
 * <ol>
 *   <li>{@code fill}: starts a server (default theatre, no scenario) and publishes, as a source does in
 *       chunks of 500, the detections of {@link TrackingScenario} with 10,000 boats in the Caspian
 *       sector and the positions of 1,000 units (each every 10 s), until the log holds the events asked
 *       for (the tracker's and the rules' outputs included); waits until everything is handled, prints
 *       the used heap after GC, then halts without closing (so the log is left as a running server
 *       leaves it: the last periodic snapshots and the tail after them);</li>
 *   <li>{@code start}, several times: from the JVM's start to the ports (the {@code shekara:} line) and to
 *       {@code /api/v1/health} answering 200, with the live tracks restored and the heap after GC;
 *       halts without closing, so each restart finds the same log;</li>
 *   <li>then the snapshots are deleted and {@code start} runs again: the whole log replayed.</li>
 * </ol>
 * Run: {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.store.ServerRestart sqlite
 * 1000000 3} (store {@code sqlite} or {@code postgresql}, events, restarts per variant). Steps run with
 * {@code -Xmx1g} but the fill, which also holds the generated scenario ({@code -Xmx2g}).
 */
public final class ServerRestart {
    private static final int CHUNK = 500;
    private static final int UNITS = 1_000;
    /** Events published through the running server after its last snapshot. */
    private static final long TAIL = 50_000;
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", Set.of());

    private ServerRestart() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "fill" -> fill(Path.of(args[1]), args[2], Long.parseLong(args[3]));
            case "start" -> start(Path.of(args[1]), args[2]);
            default -> drive(args.length > 0 ? args[0] : "sqlite", args.length > 1 ? Long.parseLong(args[1]) : 1_000_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 3);
        }
    }

    private static void drive(String store, long events, int restarts) throws Exception {
        Path dir = Files.createTempDirectory("shekara-restart-");
        LocalPostgres pg = store.equals("postgresql") ? LocalPostgres.start(true) : null;
        try {
            String db = pg != null ? pg.createDatabase() : "-";
            child("-Xmx2g", "fill", dir, db, Long.toString(events));
            for (int i = 0; i < restarts; i++) {
                child("-Xmx1g", "start", dir, db, "snapshot + tail");
            }
            deleteSnapshots(pg != null ? db : "jdbc:sqlite:" + dir.resolve("data").resolve(EventLogs.DEFAULT_FILE));
            for (int i = 0; i < restarts; i++) {
                child("-Xmx1g", "start", dir, db, "whole log");
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void child(String heap, String step, Path dir, String db, String label)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, heap, "-cp", System.getProperty("java.class.path"), ServerRestart.class.getName(),
                step, dir.toString(), db, label);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var out = p.inputReader()) {
            out.lines().filter(l -> l.startsWith("restart") || l.startsWith("fill") || l.contains("ERROR"))
                    .forEach(l -> System.out.println(step.equals("start") ? l + " [" + label + "]" : l));
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(step + " exited with " + p.exitValue());
        }
    }

    private static ShekaraConfig config(Path dir, String db) {
        ShekaraConfig c = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve("data"));
        return (db.equals("-") ? c : c.withDb(db)).validate();
    }

    /**
     * Appends most of the events straight to the log, as the server would have logged them (each chunk
     * of detections followed by the live tracker's updates for it, and the units' positions), then
     * starts the server over it and publishes the rest through it: {@link #TAIL} more unit positions
     * than one snapshot interval, so the server's periodic snapshots are taken and a tail follows them.
     */
    private static void fill(Path dir, String db, long events) throws Exception {
        ShekaraConfig config = config(dir, db);
        Theatre theatre = TheatreLoader.loadDefault();
        List<Detection> detections = new TrackingScenario(new double[] {43.9, 50.95}, 60_000, 10_000, 1, 15, 0.3,
                List.of(new TrackingScenario.SensorSpec("radar-a", 20, Duration.ofSeconds(1), 0.9, 100)),
                Duration.ofSeconds(120), Duration.ZERO, 7).generate().detections();
        MultiSectorTracker tracker = new MultiSectorTracker(config.tracker(), theatre.sectors(), new SectorLocator(theatre),
                MultiSectorTracker.Mode.LIVE);
        long t0 = System.nanoTime();
        long direct = events - config.store().log().snapshotEvery() - TAIL;
        Instant last = TrackingScenario.START;
        try (EventLog log = EventLogs.open(config.db(), config.dataDir(), config.store().log())) {
            long nextUnitsS = 0;
            for (int from = 0; from < detections.size() && log.latestSeq() < direct; from += CHUNK) {
                List<LogEntry> entries = new ArrayList<>(3 * CHUNK);
                for (Detection d : detections.subList(from, Math.min(detections.size(), from + CHUNK))) {
                    entries.add(new LogEntry(Topic.OBSERVATIONS.name(), "caspian", d));
                    for (TrackUpdate u : tracker.accept(d)) {
                        entries.add(new LogEntry(Topic.TRACKS.name(), u.sector(), u));
                    }
                    last = d.time();
                }
                if (last.getEpochSecond() >= nextUnitsS) { // a tenth of the units report each second
                    units(last).forEach(p -> entries.add(new LogEntry(Topic.UNIT_POSITIONS.name(), "caspian", p)));
                    nextUnitsS = last.getEpochSecond() + 1;
                }
                log.append(entries);
            }
        }
        detections = null;
        long appended = System.nanoTime();
        ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null);
        long started = System.nanoTime();
        for (long i = 0; server.bus().log().latestSeq() < events; i++) {
            server.bus().publishAll(Topic.UNIT_POSITIONS, "caspian", units(last.plusSeconds(1 + i)));
        }
        server.bus().drain();
        Thread.sleep(3_000); // the checkpointer's rounds catch up
        System.out.printf(Locale.ROOT, "fill: %d events logged: appended in %.1f s, server started over them in %.1f s,"
                        + " the rest published through it in %.1f s; live tracks %.0f; heap after GC %.0f MiB (max %d MiB)%n",
                server.bus().log().latestSeq(), (appended - t0) / 1e9, (started - appended) / 1e9,
                (System.nanoTime() - started) / 1e9, server.meters().get("shekara.tracker.live").gauge().value(),
                usedAfterGc() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.flush();
        Runtime.getRuntime().halt(0); // as a running server leaves the log: no closing snapshot
    }

    /** Positions of a tenth of the units (each reports every 10 s) at {@code time}. */
    private static List<UnitPosition> units(Instant time) {
        List<UnitPosition> positions = new ArrayList<>(UNITS / 10);
        for (int u = (int) (time.getEpochSecond() % 10); u < UNITS; u += 10) {
            positions.add(new UnitPosition(time, "U-" + u, "Unit " + u, "a-f-G-U-C", 43.5 + (u % 40) * 0.02,
                    50.5 + (u / 40) * 0.04, u % 360, 5, UnitStatus.AVAILABLE, MARKING));
        }
        return positions;
    }

    private static void start(Path dir, String db) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.currentTimeMillis();
        ShekaraServer server = ShekaraServer.start(config(dir, db), TheatreLoader.loadDefault(), Clock.systemUTC(), null);
        long ports = System.currentTimeMillis();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + "/api/v1/health"))
                .GET().build();
        while (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            Thread.sleep(10);
        }
        long up = System.currentTimeMillis();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.printf(Locale.ROOT, "restart: log to seq %d; JVM start to ports %.2f s, to health 200 %.2f s"
                        + " (server start %.2f s; process CPU by then %.1f s); live tracks %.0f; heap after GC %.0f MiB"
                        + " (max %d MiB)%n",
                server.bus().log().latestSeq(), (ports - jvmStart) / 1e3, (up - jvmStart) / 1e3, (ports - t0) / 1e3, cpu / 1e9,
                server.meters().get("shekara.tracker.live").gauge().value(), usedAfterGc() / 1048576.0,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.flush();
        Runtime.getRuntime().halt(0); // leaves the log as it found it (no closing snapshot)
    }

    private static void deleteSnapshots(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM view_snapshot");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
