package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.Replayer;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.response.UnitStateView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: a real server process is fed SA reports and GeoChat over a real CoT
 * TCP connection (or replays detection and unit-position JSONL files), killed with SIGKILL while the
 * stream is still flowing, and started again on the same data directory. An event counts as acknowledged once the server serves it on its API: the
 * durable bus stores an event before anything downstream sees it, and one connection's events are
 * stored in the order sent (a replay publishes its lines in file-time order from one thread), so an
 * acknowledged event acknowledges every event sent before it.
 */
class CrashRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-03-14T06:00:00Z");
    private static final Pattern PORTS = Pattern.compile("shekara: http=(\\d+) cot=(\\d+) udp=\\S+ tls=\\S+ web=.*");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Stream length cap: far more than is stored before the kill, so the kill lands mid-stream. */
    private static final int MAX_EVENTS = 400_000;
    private static final int UNITS = 40;
    private static final int CHAT_EVERY = 37;
    /** Every so many events one is a TAK emergency (911) of a unit of its own: an alert and an incident each. */
    private static final int EMERGENCY_EVERY = 53;
    /** Acknowledged events wanted before the kill. */
    private static final int KILL_AFTER = 1500;
    /** JSONL lines written: at 50x and 100 ms apart the replay would take two minutes. */
    private static final int JSONL_LINES = 60_000;
    private static final long JSONL_STEP_MS = 100;

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = TestAccounts.commander();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkillAndTheRebuiltViewEqualsACleanReplay() throws Exception {
        Path data = tmp.resolve("data");

        // Phase 1: stream, see events acknowledged, kill -9 while the stream still flows.
        Server first = start(data, "first");
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> stream(first.cot(), sent));
        int[] acked = {-1};
        await("events acknowledged before the kill", () -> {
            acked[0] = Math.max(acked[0], acknowledged(first));
            return acked[0] >= KILL_AFTER;
        });
        // An operator acknowledges an alert and raises a sector's posture; then the desk as served before the kill.
        JsonNode raised = get(first, "/api/v1/alerts");
        assertThat(raised.size()).as("emergencies raised alerts").isGreaterThanOrEqualTo(2);
        String ackedAlert = raised.get(0).path("id").asText();
        send(first, "POST", "/api/v1/alerts/" + ackedAlert + "/ack", "{\"by\":\"op-1\"}");
        String sector = kz.shekara.server.theatre.TheatreLoader.loadDefault().sectors().get(0).id();
        send(first, "PUT", "/api/v1/sectors/" + sector + "/posture",
                "{\"posture\":\"high\",\"by\":\"cmdr\",\"reason\":\"drill\"}");
        Map<String, String> alertsBeforeKill = alertStates(get(first, "/api/v1/alerts"));
        Map<String, String> incidentsBeforeKill = incidentStates(get(first, "/api/v1/incidents"));
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        Throwable writeEnd = writer.get(60, TimeUnit.SECONDS);
        assertThat(writeEnd).as("the stream was still flowing when the server died").isInstanceOf(IOException.class);
        int ackedUpTo = acked[0];
        assertThat(sent.get()).isGreaterThan(ackedUpTo + 1);

        // Phase 2: restart on the same data dir; it serves the picture and the desk from the log and takes new input.
        Server second = start(data, "second");
        Map<String, String> alertsAfter = alertStates(get(second, "/api/v1/alerts"));
        Map<String, String> incidentsAfter = incidentStates(get(second, "/api/v1/incidents"));
        JsonNode posturesAfter = get(second, "/api/v1/sectors/posture");
        assertThat(alertsAfter).as("alerts survive the kill, with their lifecycle").containsAllEntriesOf(alertsBeforeKill)
                .containsEntry(ackedAlert, "acknowledged");
        // The stream still flows while the kill is on its way: an incident may gain an alert after the
        // last read, never lose one or its status.
        incidentsBeforeKill.forEach((id, before) -> {
            assertThat(incidentsAfter).as("incident %s survives the kill", id).containsKey(id);
            String[] b = before.split("/");
            String[] a = incidentsAfter.get(id).split("/");
            assertThat(a[0]).as("status of incident %s", id).isEqualTo(b[0]);
            assertThat(Integer.parseInt(a[1])).as("alerts of incident %s", id).isGreaterThanOrEqualTo(Integer.parseInt(b[1]));
        });
        assertThat(posturesAfter.path(sector).asText()).isEqualTo("high");
        try (Socket s = new Socket("127.0.0.1", second.cot())) {
            s.getOutputStream().write(sa("CRASH-AFTER", T0.plusSeconds(MAX_EVENTS), 42.2, 69.7)
                    .getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            await("a report after the restart is stored", () -> servedCrashUnits(second).containsKey("CRASH-AFTER"));
        }
        Map<String, Served> served = servedCrashUnits(second);
        assertThat(get(second, "/api/v1/health").at("/components/store/status").asText()).isEqualTo("UP");
        second.process().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (EventLog log = EventLogs.open(null, data, StoreConfig.defaults())) {
            // Every acknowledged event is in the log; what is there of the first run is exactly a
            // prefix of what was sent, in order: nothing lost, nothing duplicated, nothing invented.
            List<Integer> stored = storedIndices(log);
            assertThat(stored.size()).isGreaterThan(ackedUpTo);
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i)).as("stored event #%d", i).isEqualTo(i);
            }
            assertThat(stored.size()).isLessThanOrEqualTo(sent.get());

            UnitStateView clean = new UnitStateView();
            new Replayer(log).replayAll(List.of(clean));
            UnitStateView rebuilt = new UnitStateView();
            new Replayer(log).rebuild(List.of(rebuilt));
            assertThat(rebuilt.units()).isEqualTo(clean.units());

            Map<String, Served> replayed = new TreeMap<>();
            clean.units().forEach((id, p) -> {
                if (id.startsWith("CRASH-")) {
                    replayed.put(id, Served.of(p));
                }
            });
            assertThat(served).as("the restarted server's units equal a clean replay of the log").isEqualTo(replayed);
            // The restarted desk equals a clean fold of what the first run logged.
            kz.shekara.server.config.RulesSettings settings = kz.shekara.server.config.RulesConfigLoader.forTheatre(null);
            kz.shekara.incident.AlertDesk cleanDesk = new kz.shekara.incident.AlertDesk(
                    kz.shekara.server.theatre.TheatreLoader.loadDefault(), settings.rules(), settings.incidents());
            try (Stream<StoredEvent> events = log.readAfter(0)) {
                events.takeWhile(e -> !(e.event() instanceof UnitPosition p && p.unit().equals("CRASH-AFTER")))
                        .forEach(e -> cleanDesk.fold(e.event()));
            }
            Map<String, String> cleanAlerts = new TreeMap<>();
            cleanDesk.alerts().list().forEach(a -> cleanAlerts.put(a.id(), a.state().code()));
            Map<String, String> cleanIncidents = new TreeMap<>();
            cleanDesk.incidents().list().forEach(i -> cleanIncidents.put(i.id(), i.status().code() + "/" + i.alerts().size()));
            assertThat(alertsAfter).as("the restarted alerts equal a clean replay of the log").isEqualTo(cleanAlerts);
            assertThat(incidentsAfter).as("the restarted incidents equal a clean replay of the log").isEqualTo(cleanIncidents);
            // The latest stored SA report (the stream's last event may be a chat or an emergency) is its unit's position.
            int lastSa = stored.get(stored.size() - 1);
            while (!isSa(lastSa)) {
                lastSa--;
            }
            assertThat(clean.unit(uid(lastSa)).orElseThrow().time()).isEqualTo(T0.plusSeconds(lastSa));
        }
    }

    @Test
    void everyAcknowledgedJsonlLineSurvivesSigkillDuringAReplay() throws Exception {
        Path data = tmp.resolve("data");
        Path detections = tmp.resolve("detections.jsonl");
        Path units = tmp.resolve("units.jsonl");
        List<String> detLines = new ArrayList<>();
        List<String> unitLines = new ArrayList<>();
        for (int i = 0; i < JSONL_LINES; i++) {
            String time = T0.plusMillis(JSONL_STEP_MS * i).toString();
            double lat = 42.30 + (i % 1000) * 1e-4;
            double lon = 69.55 + (i % 700) * 1e-4;
            if (i % 5 == 4) {
                unitLines.add(String.format(Locale.ROOT, "{\"time\":\"%s\",\"unit\":\"JSONL-U%d\",\"lat\":%.6f,"
                        + "\"lon\":%.6f}", time, i % 7, lat, lon));
            } else {
                detLines.add(String.format(Locale.ROOT, "{\"time\":\"%s\",\"sensor\":\"jsonl-s%d\",\"lat\":%.6f,"
                        + "\"lon\":%.6f,\"sigma_m\":20}", time, i, lat, lon));
            }
        }
        Files.write(detections, detLines);
        Files.write(units, unitLines);

        // Phase 1: replay paced at 50x (about 500 lines a second), kill -9 once lines are acknowledged.
        Server first = start(data, "replay", "replay", "--in", detections.toString(), "--units", units.toString(),
                "--speed", "50");
        int[] acked = {-1};
        await("lines acknowledged before the kill", () -> {
            acked[0] = Math.max(acked[0], jsonlAcknowledged(first));
            return acked[0] >= 500;
        });
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        int ackedUpTo = acked[0];

        // Phase 2: restart (serving only), then read the log and compare.
        Server second = start(data, "after-replay");
        Map<String, Served> served = servedUnits(second, "JSONL-U");
        second.process().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (EventLog log = EventLogs.open(null, data, StoreConfig.defaults())) {
            List<Integer> stored = new ArrayList<>();
            try (Stream<StoredEvent> events = log.readAfter(0)) {
                events.forEach(e -> {
                    if (e.event() instanceof kz.shekara.model.Detection d && d.sensor().startsWith("jsonl-s")) {
                        stored.add(Integer.parseInt(d.sensor().substring("jsonl-s".length())));
                    } else if (e.event() instanceof UnitPosition p && p.unit().startsWith("JSONL-U")) {
                        stored.add(jsonlIndex(p.time()));
                    }
                });
            }
            assertThat(stored.size()).as("every acknowledged line is stored").isGreaterThan(ackedUpTo);
            assertThat(stored.size()).as("killed mid-replay").isLessThan(JSONL_LINES);
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i)).as("stored line #%d", i).isEqualTo(i);
            }
            UnitStateView clean = new UnitStateView();
            new Replayer(log).replayAll(List.of(clean));
            Map<String, Served> replayed = new TreeMap<>();
            clean.units().forEach((id, p) -> replayed.put(id, Served.of(p)));
            assertThat(served).as("the restarted server's units equal a clean replay of the log").isEqualTo(replayed);
            assertThat(served).isNotEmpty();
        }
    }

    /** Alert id to state code, as the API serves them. */
    private static Map<String, String> alertStates(JsonNode alerts) {
        Map<String, String> out = new TreeMap<>();
        alerts.forEach(a -> out.put(a.path("id").asText(), a.path("state").asText()));
        return out;
    }

    /** Incident id to status code and number of alerts, as the API serves them. */
    private Map<String, String> incidentStates(JsonNode incidents) {
        Map<String, String> out = new TreeMap<>();
        incidents.forEach(i -> out.put(i.path("id").asText(), i.path("status").asText() + "/" + i.path("alerts").size()));
        return out;
    }

    private void send(Server s, String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.http() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    }

    /** The highest JSONL line index the server serves (detections and unit positions), -1 for none. */
    private int jsonlAcknowledged(Server s) {
        int max = -1;
        for (Served u : servedUnits(s, "JSONL-U").values()) {
            max = Math.max(max, jsonlIndex(u.time()));
        }
        for (JsonNode f : get(s, "/api/v1/detections").path("features")) {
            String sensor = f.path("properties").path("sensor").asText();
            if (sensor.startsWith("jsonl-s")) {
                max = Math.max(max, Integer.parseInt(sensor.substring("jsonl-s".length())));
            }
        }
        return max;
    }

    private static int jsonlIndex(Instant t) {
        return (int) (Duration.between(T0, t).toMillis() / JSONL_STEP_MS);
    }

    /** The highest stream index the server serves (unit reports and chat messages), -1 for none. */
    private int acknowledged(Server s) {
        int max = -1;
        for (Served u : servedCrashUnits(s).values()) {
            max = Math.max(max, (int) Duration.between(T0, u.time()).toSeconds());
        }
        for (JsonNode m : get(s, "/api/v1/messages").path("messages")) {
            String id = m.path("id").asText();
            if (id.startsWith("crash-msg-")) {
                max = Math.max(max, Integer.parseInt(id.substring("crash-msg-".length())));
            }
        }
        return max;
    }

    private Map<String, Served> servedCrashUnits(Server s) {
        return servedUnits(s, "CRASH-");
    }

    private Map<String, Served> servedUnits(Server s, String prefix) {
        Map<String, Served> out = new TreeMap<>();
        for (JsonNode f : get(s, "/api/v1/units").path("features")) {
            JsonNode p = f.path("properties");
            if (p.path("id").asText().startsWith(prefix) && p.path("reported").asBoolean()) {
                out.put(p.path("id").asText(), new Served(Instant.parse(p.path("time").asText()),
                        p.path("lat").asDouble(), p.path("lon").asDouble()));
            }
        }
        return out;
    }

    /** Stream indices of the first run's events in the log, in seq order. */
    private static List<Integer> storedIndices(EventLog log) {
        List<Integer> out = new ArrayList<>();
        try (Stream<StoredEvent> events = log.readAfter(0)) {
            events.forEach(e -> {
                if (e.event() instanceof UnitPosition p
                        && (p.unit().startsWith("CRASH-U") || p.unit().startsWith("SOS-"))) {
                    out.add((int) Duration.between(T0, p.time()).toSeconds());
                } else if (e.event() instanceof ChatMessage m && m.id().startsWith("crash-msg-")) {
                    out.add(Integer.parseInt(m.id().substring("crash-msg-".length())));
                }
            });
        }
        return out;
    }

    /** Writes the stream until the connection breaks; returns how it ended. */
    private static Throwable stream(int port, AtomicInteger sent) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < MAX_EVENTS; i++) {
                out.write(event(i).getBytes(StandardCharsets.UTF_8));
                sent.set(i + 1);
            }
            out.flush();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Event {@code i} of the stream: a GeoChat every {@value #CHAT_EVERY}th, otherwise a unit's SA report. */
    private static String event(int i) {
        Instant t = T0.plusSeconds(i);
        double lat = 42.30 + (i % 1000) * 1e-4;
        double lon = 69.55 + (i % 700) * 1e-4;
        if (i % EMERGENCY_EVERY == EMERGENCY_EVERY - 1 && i % CHAT_EVERY != CHAT_EVERY - 1) {
            String unit = "SOS-" + i;
            return String.format(Locale.ROOT, """
                    <event version="2.0" uid="%1$s-9-1-1" type="b-a-o-tbl" how="h-e" time="%2$s" start="%2$s"                     stale="%3$s"><point lat="%4$.6f" lon="%5$.6f" hae="400" ce="10" le="10"/><detail>                    <link uid="%1$s" type="a-f-G-U-C" relation="p-p"/><contact callsign="%1$s"/>                    <emergency type="911 Alert">%1$s</emergency></detail></event>
                    """, unit, t, t.plusSeconds(360), 42.30 + (i % 1000) * 1e-4, 69.55 + (i % 700) * 1e-4);
        }
        if (i % CHAT_EVERY == CHAT_EVERY - 1) {
            String id = "crash-msg-" + i;
            return String.format(Locale.ROOT, """
                    <event version="2.0" uid="GeoChat.CRASH-U00.All Chat Rooms.%1$s" type="b-t-f" how="h-g-i-g-o" \
                    time="%2$s" start="%2$s" stale="%3$s"><point lat="%4$.6f" lon="%5$.6f" hae="0" ce="10" le="10"/>\
                    <detail><__chat parent="RootContactGroup" groupOwner="false" chatroom="All Chat Rooms" \
                    id="All Chat Rooms" senderCallsign="CRASH-U00" messageId="%1$s"><chatgrp uid0="CRASH-U00" \
                    uid1="All Chat Rooms" id="All Chat Rooms"/></__chat><link uid="CRASH-U00" type="a-f-G-U-C" \
                    relation="p-p"/><remarks source="BAO.F.ATAK.CRASH-U00" to="All Chat Rooms" time="%2$s">\
                    message %1$s</remarks></detail></event>
                    """, id, t, t.plusSeconds(3600), lat, lon);
        }
        return sa(uid(i), t, lat, lon);
    }

    /** True when event {@code i} of the stream is a plain SA report of unit {@link #uid}(i). */
    private static boolean isSa(int i) {
        return i % CHAT_EVERY != CHAT_EVERY - 1 && i % EMERGENCY_EVERY != EMERGENCY_EVERY - 1;
    }

    private static String uid(int i) {
        return String.format(Locale.ROOT, "CRASH-U%02d", i % UNITS);
    }

    private static String sa(String uid, Instant t, double lat, double lon) {
        return String.format(Locale.ROOT, """
                <event version="2.0" uid="%1$s" type="a-f-G-U-C" how="m-g" time="%2$s" start="%2$s" stale="%3$s">\
                <point lat="%4$.6f" lon="%5$.6f" hae="400" ce="10" le="10"/><detail><contact callsign="%1$s"/>\
                <__group role="Team Member" name="Cyan"/><track course="90.0" speed="2.0"/></detail></event>
                """, uid, t, t.plusSeconds(360), lat, lon);
    }

    private JsonNode get(Server s, String path) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.http() + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code shekara serve} (or the given command) in a child JVM and waits for the line with its ports. */
    private Server start(Path data, String name, String... command) throws Exception {
        TestAccounts.seed(data, kz.shekara.server.theatre.TheatreLoader.loadDefault());
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> args = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "kz.shekara.server.cli.ShekaraCommand"));
        if (command.length == 0) {
            // The stream's devices stamp the recorded exercise's times (from T0), not the server's clock: the
            // server is told to keep device times however far off, so each event's time still names it.
            Path config = Files.writeString(tmp.resolve("device-times.yaml"), "cot:\n  maxClockSkew: P3650D\n");
            args.addAll(List.of("serve", "--config", config.toString()));
        } else {
            args.addAll(List.of(command));
        }
        args.addAll(List.of("--http-port", "0", "--cot-port", "0", "--data-dir", data.toString(), "--bind", "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(args);
        Path err = tmp.resolve(name + ".stderr");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        children.add(p);
        CompletableFuture<int[]> ports = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = PORTS.matcher(line.trim());
                    if (m.matches()) {
                        ports.complete(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                    }
                }
                ports.completeExceptionally(new IllegalStateException("server exited without its ports line"));
            } catch (IOException e) {
                ports.completeExceptionally(e);
            }
        }, "child-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            int[] hc = ports.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return new Server(p, hc[0], hc[1]);
        } catch (Exception e) {
            throw new AssertionError("server '" + name + "' did not start: " + Files.readString(err), e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    private record Server(Process process, int http, int cot) {
    }

    /** A unit as the API serves it: time, and position rounded as the API rounds. */
    private record Served(Instant time, double lat, double lon) {
        static Served of(UnitPosition p) {
            return new Served(p.time(), round(p.lat()), round(p.lon()));
        }

        private static double round(double deg) {
            return Math.round(deg * 1e6) / 1e6;
        }
    }
}
