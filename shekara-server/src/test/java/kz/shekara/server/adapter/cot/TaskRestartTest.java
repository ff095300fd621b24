package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.testing.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server on a real SQLite file and a real PostgreSQL database: a TAK emergency opens an incident, the operator dispatches
 * the best unit, the server stops and a new one starts on the same log. The task is back with its
 * step, a second dispatch of the incident is refused, the unit's device connecting again gets its
 * waypoint and order, and its acknowledgement and an SA report at the intercept point put the
 * incident on scene. Synchronisation is by TAK ping/pong and bus drain.
 */
class TaskRestartTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final String UNIT = "GP-UZ01";

    @TempDir
    Path dataDir;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = TestAccounts.commander();

    @Test
    void aDispatchedTaskComesBackAfterARestartOnSqlite() throws Exception {
        restartsWithTheTask(ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withDataDir(dataDir).validate());
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void aDispatchedTaskComesBackAfterARestartOnPostgres(LocalPostgres pg) throws Exception {
        restartsWithTheTask(ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withDataDir(dataDir).withDb(pg.createDatabase()).validate());
    }

    private void restartsWithTheTask(ShekaraConfig config) throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        TestAccounts.seed(config, theatre);
        // The devices' clocks and the server's agree (a device clock that is off is placed at receive time).
        SettableClock clock = new SettableClock(T0.plusSeconds(60));
        var base = theatre.base(theatre.unit(UNIT).orElseThrow().base()).orElseThrow();
        double lat = base.lat() + 0.02;
        double lon = base.lon() + 0.02;
        String incident;
        JsonNode task;
        try (ShekaraServer server = ShekaraServer.start(config, theatre, clock, null)) {
            try (TakTestClient sos = new TakTestClient(server.ports().cot())) {
                sos.send(emergency("SOS-1", T0, lat, lon));
                untilPong(sos, "SOS-1");
            }
            server.bus().drain();
            server.bus().drain();
            JsonNode incidents = get(server, "/api/v1/incidents?open=true");
            assertThat(incidents.size()).as("incidents %s", incidents).isEqualTo(1);
            incident = incidents.get(0).get("id").asText();
            String unit = UNIT;
            HttpResponse<String> d = call(server, "POST", "/api/v1/incidents/" + incident + "/dispatch",
                    "{\"unit\": \"" + unit + "\", \"by\": \"duty-officer\"}");
            assertThat(d.statusCode()).as(d.body()).isEqualTo(201);
            task = json.readTree(d.body());
            server.bus().drain();
        }
        try (ShekaraServer server = ShekaraServer.start(config, theatre, clock, null)) {
            String unit = task.get("unit").asText();
            JsonNode tasks = get(server, "/api/v1/tasks");
            assertThat(tasks.size()).as("tasks %s", tasks).isEqualTo(1);
            assertThat(tasks.get(0).get("id").asText()).isEqualTo(task.get("id").asText());
            assertThat(tasks.get(0).get("status").asText()).isEqualTo("dispatched");
            // The unit is still tasked after the restart, whatever its last report said.
            assertThat(get(server, "/api/v1/units/" + unit).at("/properties/status").asText()).isEqualTo("tasked");
            assertThat(tasks.get(0).get("lat").asDouble()).isEqualTo(task.get("lat").asDouble());
            String other = theatre.units().stream().map(u -> u.id()).filter(u -> !u.equals(unit)).findFirst()
                    .orElseThrow();
            HttpResponse<String> again = call(server, "POST", "/api/v1/incidents/" + incident + "/dispatch",
                    "{\"unit\": \"" + other + "\", \"by\": \"duty-officer\"}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

            try (TakTestClient device = new TakTestClient(server.ports().cot())) {
                // Connecting again under the unit's uid, far from the point: the restored task is re-delivered.
                clock.set(T0.plusSeconds(100));
                device.send(TakXml.sa(unit, "Crew", lat + 0.5, lon + 0.5, T0.plusSeconds(100)));
                List<CotEvent> got = untilPong(device, unit);
                assertThat(got).anySatisfy(e -> {
                    assertThat(e.type()).isEqualTo(TaskCot.WAYPOINT_TYPE);
                    assertThat(e.uid()).isEqualTo("shekara-task-" + task.get("id").asText());
                });
                assertThat(got).anySatisfy(e -> assertThat(e.type()).isEqualTo(CotMapping.CHAT_TYPE));

                clock.set(T0.plusSeconds(110));
                device.send(TakXml.chat(unit, "Crew", "m-1", "қабылдадым",
                        ResponseConfig.defaults().centreCallsign(), T0.plusSeconds(110)));
                untilPong(device, unit);
                server.bus().drain();
                JsonNode now = get(server, "/api/v1/tasks");
                assertThat(now.get(0).get("status").asText()).isEqualTo("acknowledged");

                JsonNode point = now.get(0);
                clock.set(T0.plusSeconds(900));
                device.send(TakXml.sa(unit, "Crew", point.get("lat").asDouble(), point.get("lon").asDouble(),
                        T0.plusSeconds(900)));
                untilPong(device, unit);
                server.bus().drain();
                server.bus().drain();
            }
            assertThat(get(server, "/api/v1/tasks").get(0).get("status").asText()).isEqualTo("on-scene");
            assertThat(get(server, "/api/v1/incidents/" + incident).get("status").asText()).isEqualTo("on-scene");
        }
    }

    private static String emergency(String uid, Instant t, double lat, double lon) {
        return String.format(Locale.ROOT, "<event version=\"2.0\" uid=\"%1$s-9-1-1\" type=\"b-a-o-tbl\" how=\"h-e\""
                + " time=\"%2$s\" start=\"%2$s\" stale=\"%3$s\"><point lat=\"%4$.6f\" lon=\"%5$.6f\" hae=\"400\""
                + " ce=\"10\" le=\"10\"/><detail><link uid=\"%1$s\" type=\"a-f-G-U-C\" relation=\"p-p\"/>"
                + "<contact callsign=\"%1$s\"/><emergency type=\"911 Alert\">%1$s</emergency></detail></event>",
                uid, t, t.plusSeconds(360), lat, lon);
    }

    private static List<CotEvent> untilPong(TakTestClient c, String uid) throws Exception {
        c.send(TakXml.ping(uid));
        List<CotEvent> before = new ArrayList<>();
        while (true) {
            CotEvent e = c.next();
            if (e.type().equals("t-x-c-t-r")) {
                return before;
            }
            before.add(e);
        }
    }

    private JsonNode get(ShekaraServer server, String path) throws Exception {
        HttpResponse<String> r = call(server, "GET", path, null);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private HttpResponse<String> call(ShekaraServer server, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
