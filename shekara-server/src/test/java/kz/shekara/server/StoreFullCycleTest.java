package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, freed and filled again, on a running server: the exercise scenario (×10) fills a
 * SQLite store capped at {@code store.sqliteMaxBytes}; while it is full the scenario pauses, a
 * device's report over real CoT is refused and counted (not relayed unstored), a chat posted over
 * HTTP is answered 503 with the reason; space freed outside the server brings health back by the
 * periodic probe, the scenario resumes where it stopped, reports and chats are stored again, and
 * the next fill pauses it again.
 */
class StoreFullCycleTest {
    private static final long WAIT_S = 120;

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = kz.shekara.server.access.TestAccounts.commander();

    @Test
    void theScenarioPausesAndResumesReportsAreRefusedAndCountedAndHealthComesBackByItself() throws Exception {
        Path data = tmp.resolve("data");
        Path file = Files.writeString(tmp.resolve("small-disk.yaml"),
                "simulation:\n  enabled: true\n  seed: 3\n  speed: 10\nstore:\n  sqliteMaxBytes: 1048576\n");
        ShekaraConfig config = ConfigLoader.load(file).withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(data).validate();
        kz.shekara.server.access.TestAccounts.seed(config, TheatreLoader.loadDefault());
        try (ShekaraServer s = ShekaraServer.start(config, TheatreLoader.loadDefault(), Clock.systemUTC(), null)) {
            MeterRegistry m = s.meters();
            // Logged in while the store still takes the login's audit entry.
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ports().http() + "/api/v1/units"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            await("the store fills", () -> health(s) == 503);
            await("the scenario pauses", () -> gauge(m, "shekara.source.paused") == 1);
            assertThat(count(m, "shekara.source.pauses", "source", "simulation")).isEqualTo(1);

            // A store at its cap still takes the odd small row that fits a page it has: inputs are sent until
            // one is refused, and none is ever answered otherwise than stored or refused with the reason.
            reportUntil(s, "FULL-", 100, "a report is refused and counted",
                    () -> rejected(m, "store-unavailable") + rejected(m, "unstored") >= 1);
            HttpResponse<String> chat = postChat(s);
            for (int i = 0; i < 300 && chat.statusCode() == 202; i++) {
                Thread.sleep(100);
                chat = postChat(s);
            }
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(503);
            assertThat(json.readTree(chat.body()).get("error").asText()).isEqualTo("store-unavailable");
            var statusLine = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + s.ports().http() + "/api/v1/status")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(statusLine.get("unstored").asLong()).as("the report and the chat").isGreaterThanOrEqualTo(2);
            double scenarioEvents = count(m, "shekara.source.events", "source", "simulation");

            // A device keeps reporting from before space is freed, as a device in the field does, every
            // 20 ms: the resumed scenario (speed 10) catches up on the scenario time its pause lasted in one
            // burst, which can fill the freed space again within a fraction of a second (442 plots freed
            // were refilled within 90 ms in one run on a loaded machine), and a report refused then is right;
            // so the device must be reporting from the first moment there is room, and the space freed is
            // most of the store, not only the plots.
            double storedBefore = count(m, "shekara.adapter.events.in", "adapter", "cot");
            java.util.concurrent.CompletableFuture<Void> device = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    reportUntil(s, "AGAIN-", 20, "a report is taken again",
                            () -> count(m, "shekara.adapter.events.in", "adapter", "cot") > storedBefore);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // Space is freed outside the server, as an operator deleting files would.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(EventLogs.DEFAULT_FILE));
                 Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("DELETE FROM event_log WHERE topic IN ('observations', 'sensor-heartbeats', "
                        + "'tracks', 'unit-positions')")).isPositive();
            }
            await("health comes back", () -> health(s) == 200);
            await("the scenario resumes", () -> count(m, "shekara.source.events", "source", "simulation")
                    > scenarioEvents);
            try {
                device.get(WAIT_S, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
            }

            await("the store fills again and the scenario pauses again",
                    () -> count(m, "shekara.source.pauses", "source", "simulation") >= 2);
            await("health shows it", () -> health(s) == 503);
        }
    }

    /** A device reports a new uid every {@code everyMs} over its own CoT connection until {@code done} holds. */
    private static void reportUntil(ShekaraServer s, String uidPrefix, long everyMs, String what, BooleanSupplier done)
            throws Exception {
        try (Socket device = new Socket("127.0.0.1", s.ports().cot())) {
            int[] n = {0};
            await(what, () -> {
                try {
                    send(device, sa(uidPrefix + n[0]++, Instant.now()));
                    Thread.sleep(everyMs);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return done.getAsBoolean();
            });
        }
    }

    private int health(ShekaraServer s) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ports().http()
                    + "/api/v1/health")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postChat(ShekaraServer s) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.ports().http() + "/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"still there?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void send(Socket device, String xml) throws Exception {
        OutputStream out = device.getOutputStream();
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static double rejected(MeterRegistry m, String reason) {
        return m.find("shekara.adapter.rejections").tag("adapter", "cot").tag("reason", reason).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double count(MeterRegistry m, String name, String tag, String value) {
        return m.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static double gauge(MeterRegistry m, String name) {
        Gauge g = m.find(name).tag("source", "simulation").gauge();
        return g == null ? -1 : g.value();
    }

    private static String sa(String uid, Instant t) {
        return "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t + "\" start=\""
                + t + "\" stale=\"" + t.plusSeconds(120) + "\"><point lat=\"42.3\" lon=\"69.6\" hae=\"300\" ce=\"10\""
                + " le=\"9999999\"/><detail><contact callsign=\"" + uid + "\"/></detail></event>";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
