package kz.shekara.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.StoredEvent;

/**
 * Soak run: {@code shekara demo} at speed ×10 in a child process, with N TAK devices on plain TCP
 * (a report every 5 s, a chat every 5 min each) and a fuzzing client, for a given time. Samples the
 * server's heap after a full collection, resident set, file descriptors, threads, alerts and CoT
 * rejections every interval; at the end stops the server cleanly and counts each device's reports and
 * chats in the event log: a sent one not there is lost.
 *
 * <p>Usage: {@code java -cp benchmarks.jar kz.shekara.bench.soak.Soak --minutes N [--devices 100]
 * [--fuzzers 2] [--speed 10] [--sample-seconds 60] [--out FILE] [--server-jar shekara.jar] [--heap 2g]}.
 */
public final class Soak {
    /** What to run. */
    record Options(double minutes, int devices, int fuzzers, double speed, int sampleSeconds, Duration saEvery, Duration chatEvery,
                   Path out, Path serverJar, String heap) {
    }

    /** What a run measured. */
    record Result(List<SoakSample> samples, long sent, long stored, long lost, long extra, Map<String, Double> alertsByRule,
                  Map<String, Double> rejectionsByReason, Map<String, Double> noticesByReason,
                  Map<SoakFuzzer.Kind, Long> fuzz, long fuzzStored, long fuzzReconnects, long deviceDisconnects,
                  double wallHours, int exitCode, long pid) {
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Result r = run(o, System.out::println);
        String report = SoakReport.render(o, r);
        System.out.println(report);
        if (o.out() != null) {
            Files.writeString(o.out(), report, StandardCharsets.UTF_8);
        }
        System.exit(r.lost() == 0 ? 0 : 1);
    }

    static Options parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !a.containsKey("minutes")) {
            throw new IllegalArgumentException("usage: Soak --minutes N [--devices 100] [--fuzzers 2] [--speed 10] "
                    + "[--sample-seconds 60] [--out FILE] [--server-jar JAR] [--heap 2g]");
        }
        return new Options(Double.parseDouble(a.get("minutes")), Integer.parseInt(a.getOrDefault("devices", "100")),
                Integer.parseInt(a.getOrDefault("fuzzers", "2")),
                Double.parseDouble(a.getOrDefault("speed", "10")),
                Integer.parseInt(a.getOrDefault("sample-seconds", "60")), Duration.ofSeconds(5),
                Duration.ofMinutes(5), a.containsKey("out") ? Path.of(a.get("out")) : null,
                a.containsKey("server-jar") ? Path.of(a.get("server-jar")) : null, a.getOrDefault("heap", "2g"));
    }

    /** Runs the soak; progress lines go to {@code progress}. */
    static Result run(Options o, java.util.function.Consumer<String> progress) throws Exception {
        Path data = Files.createTempDirectory("shekara-soak");
        Path log = o.out() != null ? Path.of(o.out() + ".server.log") : data.resolveSibling(data.getFileName() + ".log");
        List<SoakSample> samples = new ArrayList<>();
        try (SoakServer server = SoakServer.start(data, o.speed(), o.heap(), o.serverJar(), log)) {
            progress.accept("server pid " + server.pid() + " http " + server.httpPort() + " cot " + server.cotPort()
                    + " data " + data + " log " + log);
            SoakApi api = new SoakApi(server.httpPort());
            api.login("analyst", "demo-analyst");
            ExerciseTime time = new ExerciseTime(o.speed());
            time.observe(api.latestEventTime());
            SoakDevices devices = new SoakDevices(server.cotPort(), o.devices(), o.saEvery(), o.chatEvery(), time);
            SoakFuzzer fuzzer = new SoakFuzzer(server.cotPort(), o.fuzzers(), Duration.ofMillis(100), time, 17);
            long start = System.nanoTime();
            long end = start + (long) (o.minutes() * 60e9);
            devices.start();
            fuzzer.start();
            long next = start;
            while (true) {
                time.observe(api.latestEventTime());
                SoakSample s = sample(server, api, devices, fuzzer, (System.nanoTime() - start) / 1_000_000_000L);
                samples.add(s);
                progress.accept(SoakReport.row(s));
                next += o.sampleSeconds() * 1_000_000_000L;
                if (next > end || !server.alive()) {
                    break;
                }
                Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
                time.observe(api.latestEventTime());
            }
            Thread.sleep(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            devices.close();
            fuzzer.close();
            double wallHours = (System.nanoTime() - start) / 3.6e12;
            Thread.sleep(3000); // the last reports reach the log's group commit
            SoakSample last = sample(server, api, devices, fuzzer, (System.nanoTime() - start) / 1_000_000_000L);
            samples.add(last);
            progress.accept(SoakReport.row(last));
            Map<String, Double> metrics = api.metrics();
            int exit = server.stop();
            progress.accept("server stopped, exit " + exit);
            return count(devices, fuzzer, samples, metrics, data, wallHours, exit, server.pid());
        } finally {
            deleteTree(data);
        }
    }

    private static SoakSample sample(SoakServer server, SoakApi api, SoakDevices devices, SoakFuzzer fuzzer,
                                     long elapsed) throws IOException, InterruptedException {
        SoakServer.ProcStats p = server.proc();
        long heap = server.heapAfterGcKb();
        Map<String, Double> m = api.metrics();
        String loadavg = Files.readString(Path.of("/proc/loadavg"));
        return new SoakSample(elapsed, heap, p.rssKb(), p.fds(), p.threads(), devices.sent(), fuzzer.total(),
                (long) SoakApi.sum(m, "shekara_rules_alerts_total", ""),
                (long) SoakApi.sum(m, "shekara_adapter_rejections_total", "adapter=\"cot\""),
                Double.parseDouble(loadavg.split(" ")[0]));
    }

    private static Result count(SoakDevices devices, SoakFuzzer fuzzer, List<SoakSample> samples,
                                Map<String, Double> metrics, Path data, double wallHours, int exit, long pid) {
        Map<String, long[]> stored = new HashMap<>();
        long fuzzStored = 0;
        ShekaraConfig config = ShekaraConfig.defaults();
        try (EventLog log = EventLogs.open(null, data, config.store().log());
             Stream<StoredEvent> events = log.readAfter(0)) {
            for (StoredEvent e : (Iterable<StoredEvent>) events::iterator) {
                if (e.event() instanceof UnitPosition p) {
                    if (p.unit().startsWith(SoakDevices.UID_PREFIX)) {
                        stored.computeIfAbsent(p.unit(), k -> new long[2])[0]++;
                    } else if (p.unit().startsWith("FUZZ-")) {
                        fuzzStored++;
                    }
                } else if (e.event() instanceof ChatMessage c && c.senderUid().startsWith(SoakDevices.UID_PREFIX)) {
                    stored.computeIfAbsent(c.senderUid(), k -> new long[2])[1]++;
                }
            }
        }
        long sent = 0;
        long inLog = 0;
        long lost = 0;
        long extra = 0;
        for (int i = 0; i < devices.count(); i++) {
            long[] s = stored.getOrDefault(SoakDevices.uid(i), new long[2]);
            long[] d = {devices.saSent(i), devices.chatSent(i)};
            for (int k = 0; k < 2; k++) {
                sent += d[k];
                inLog += s[k];
                lost += Math.max(0, d[k] - s[k]);
                extra += Math.max(0, s[k] - d[k]);
            }
        }
        return new Result(samples, sent, inLog, lost, extra,
                SoakApi.byLabel(metrics, "shekara_rules_alerts_total", "rule"),
                SoakApi.byLabel(Map.copyOf(filter(metrics, "adapter=\"cot\"")), "shekara_adapter_rejections_total", "reason"),
                SoakApi.byLabel(metrics, "shekara_cot_notices_total", "reason"), fuzzer.sent(), fuzzStored,
                fuzzer.reconnects(), devices.disconnects(), wallHours, exit, pid);
    }

    private static Map<String, Double> filter(Map<String, Double> metrics, String labels) {
        Map<String, Double> out = new HashMap<>();
        metrics.forEach((k, v) -> {
            if (k.contains(labels)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
