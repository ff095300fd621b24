package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Theatre;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One situation report stamped an hour ahead, sent over real CoT to a server running the exercise
 * scenario (speed ×10), is refused or placed at its receive time and counted, and raises no storm of
 * sensor-silent and sector-void alerts: the same scenario without the guard (a clock skew of ten years
 * allowed) raises one. Nothing past the tolerance reaches the log, so a restart does not bring the
 * time back. An HTTP post carries no time of its own: one that names one is refused.
 */
class FutureTimeServerTest {
    /** Wall time the scenario runs before the report, and after it: far less than the three exercise minutes before the demo's sensor fails. */
    private static final long BEFORE_MS = 2500;
    private static final long AFTER_MS = 5000;

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = kz.shekara.server.access.TestAccounts.commander();
    private final Theatre theatre = defaultTheatre();

    /** What one run counted: alerts by rule, the CoT refusals and notices of time ahead. */
    private record Run(double sensorSilent, double sectorVoid, double refused, double clamped, Instant latestEventTime,
                       Instant maxLoggedTime) {
    }

    @Test
    void aReportAnHourAheadRaisesNoAlertStormClampedOrRefusedAndTheUnguardedServerShowsWhatItPrevents()
            throws Exception {
        Run baseline = run("baseline", "", false);
        Run clamped = run("clamped", "", true);
        Run refused = run("refused", "  timeAhead: refuse\n", true);
        Run unguarded = run("unguarded", "  maxClockSkew: P3650D\n", true);
        System.out.printf("sensor-silent / sector-void alerts: baseline %s / %s, clamped %s / %s, refused %s / %s,"
                        + " unguarded %s / %s%n", baseline.sensorSilent(), baseline.sectorVoid(), clamped.sensorSilent(),
                clamped.sectorVoid(), refused.sensorSilent(), refused.sectorVoid(), unguarded.sensorSilent(),
                unguarded.sectorVoid());

        assertThat(clamped.clamped()).as("placed at its receive time, counted").isEqualTo(1);
        assertThat(refused.refused()).as("refused, counted").isEqualTo(1);
        assertThat(baseline.sensorSilent()).as("no sensor has failed yet").isZero();
        for (Run guarded : new Run[] {clamped, refused}) {
            assertThat(guarded.sensorSilent()).isEqualTo(baseline.sensorSilent());
            assertThat(guarded.sectorVoid()).as("sector-void").isLessThanOrEqualTo(baseline.sectorVoid() + 2);
            Instant poison = guarded.latestEventTime().plus(Duration.ofMinutes(30));
            assertThat(guarded.maxLoggedTime()).as("nothing ahead is logged").isBefore(poison);
        }
        assertThat(unguarded.sensorSilent()).as("the storm the guard prevents").isGreaterThan(10);
        assertThat(unguarded.sectorVoid()).isGreaterThan(baseline.sectorVoid() + 2);
        assertThat(unguarded.maxLoggedTime()).isAfter(unguarded.latestEventTime().minus(Duration.ofMinutes(1)));
    }

    @Test
    void aRestartAfterAClampedReportDoesNotBringItsTimeBack() throws Exception {
        Run clamped = run("restart", "", true);
        Path data = tmp.resolve("restart");
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(data).validate();
        kz.shekara.server.access.TestAccounts.seed(config, theatre);
        try (ShekaraServer s = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            Instant latest = Instant.parse(get(s, "/api/v1/status").get("latestEventTime").asText());
            assertThat(latest).as("the picture's time after the restart").isBeforeOrEqualTo(clamped.maxLoggedTime())
                    .isBefore(Instant.now().plus(Duration.ofMinutes(30)));
        }
    }

    @Test
    void anHttpPostCarriesNoTimeOfItsOwn() throws Exception {
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(tmp.resolve("http")).validate();
        kz.shekara.server.access.TestAccounts.seed(config, theatre);
        try (ShekaraServer s = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            HttpResponse<String> r = post(s, "/api/v1/messages",
                    "{\"text\":\"hello\",\"time\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo("unknown-field");
            Instant before = Instant.now();
            HttpResponse<String> ok = post(s, "/api/v1/messages", "{\"text\":\"hello\"}");
            assertThat(ok.statusCode()).isBetween(200, 299);
            Instant stamped = Instant.parse(json.readTree(ok.body()).get("time").asText());
            assertThat(stamped).as("the server's receive time").isBetween(before.minusSeconds(1), Instant.now());
        }
    }

    /** Runs the scenario at ×10 with {@code cotKeys} under {@code cot:}, sending one SA an hour ahead when {@code poison}. */
    private Run run(String name, String cotKeys, boolean poison) throws Exception {
        Path data = tmp.resolve(name);
        Path file = Files.writeString(tmp.resolve(name + ".yaml"), (cotKeys.isEmpty() ? "" : "cot:\n" + cotKeys)
                + "simulation:\n  enabled: true\n  seed: 7\n  speed: 10\n");
        ShekaraConfig config = ConfigLoader.load(file).withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(data).validate();
        kz.shekara.server.access.TestAccounts.seed(config, theatre);
        Instant latest;
        MeterRegistry meters;
        try (ShekaraServer s = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            meters = s.meters();
            Thread.sleep(BEFORE_MS);
            if (poison) {
                try (Socket device = new Socket("127.0.0.1", s.ports().cot())) {
                    OutputStream out = device.getOutputStream();
                    out.write(sa(Instant.now().plus(Duration.ofHours(1))).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    await(() -> count(s.meters(), "shekara.adapter.rejections", "reason", "time-ahead")
                            + count(s.meters(), "shekara.cot.notices", "reason", "time-ahead")
                            + count(s.meters(), "shekara.cot.notices", "reason", "clock-skew")
                            + count(s.meters(), "shekara.adapter.events.in", "adapter", "cot") > 0);
                }
            }
            Thread.sleep(AFTER_MS);
            latest = Instant.parse(get(s, "/api/v1/status").get("latestEventTime").asText());
        }
        Instant maxLogged = Instant.MIN;
        try (EventLog log = EventLogs.open(config.db(), data, config.store().log());
             var events = log.readAfter(0)) {
            maxLogged = events.map(StoredEvent::event).map(e -> e.time()).max(Instant::compareTo).orElse(Instant.MIN);
        }
        return new Run(count(meters, "shekara.rules.alerts", "rule", "sensor-silent"),
                count(meters, "shekara.rules.alerts", "rule", "sector-void"),
                count(meters, "shekara.adapter.rejections", "reason", "time-ahead"),
                count(meters, "shekara.cot.notices", "reason", "time-ahead"), latest, maxLogged);
    }

    private static Theatre defaultTheatre() {
        try {
            return TheatreLoader.loadDefault();
        } catch (kz.shekara.server.theatre.TheatreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double count(MeterRegistry meters, String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String sa(Instant t) {
        return "<event version=\"2.0\" uid=\"FAST-1\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t + "\" start=\"" + t
                + "\" stale=\"" + t.plusSeconds(120) + "\"><point lat=\"42.3\" lon=\"69.6\" hae=\"300\" ce=\"10\""
                + " le=\"9999999\"/><detail><contact callsign=\"FAST\"/><__group name=\"Cyan\" role=\"Team Member\"/>"
                + "</detail></event>";
    }

    private JsonNode get(ShekaraServer s, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ports().http()
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return json.readTree(r.body());
    }

    private HttpResponse<String> post(ShekaraServer s, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ports().http() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }
}
