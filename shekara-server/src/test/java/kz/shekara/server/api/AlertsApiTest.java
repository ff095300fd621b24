package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** The live rules on a real bus and the alert routes on a real HTTP server (port 0). */
class AlertsApiTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());
    private static final GeometryFactory GF = new GeometryFactory();
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = TestAccounts.commander();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<PostureChange> postures = new CopyOnWriteArrayList<>();
    private InMemoryBus bus;
    private RulesService rules;
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        Zone sector = new Zone("sector-south", ZoneKind.SECTOR, "South", "south", 0, GF.createPolygon(new Coordinate[] {
            new Coordinate(69.0, 41.5), new Coordinate(69.6, 41.5), new Coordinate(69.6, 41.9),
            new Coordinate(69.0, 41.9), new Coordinate(69.0, 41.5)}));
        Zone border = new Zone("border-south", ZoneKind.BORDER, "South border", "south", 0,
                GF.createLineString(new Coordinate[] {new Coordinate(69.0, 41.5), new Coordinate(69.6, 41.5)}));
        Theatre theatre = new Theatre("api-test", MARKING, List.of(new Sector("south", "South", "c", "UZ",
                Posture.NORMAL, 41.6, 69.3)), List.of(sector, border), List.of(), List.of(), List.of(), List.of());
        bus = new InMemoryBus(2, 1024);
        bus.subscribe(Topic.ALERTS, "test", alerts::add);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.POSTURE, "test", postures::add);
        Clock clock = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        rules = new RulesService(RulesSettings.defaults(), bus, theatre, new SimpleMeterRegistry(), clock);
        rules.start();
        app = Javalin.create(c -> c.showJavalinBanner = false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AccessGate.install(app, TestAccounts.service(accessDir, theatre, meters), new ObjectMapper(), meters);
        new AlertsApi(rules).register(app);
        new ApiErrors(meters, new ObjectMapper()).install(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
        rules.close();
        bus.close();
    }

    private void walkAcrossTheBorder() throws InterruptedException {
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(41.5, 69.25, k * 15.0 >= 100 ? 0 : 180, Math.abs(k * 15.0 - 100));
            bus.publish(Topic.TRACKS, "south", new TrackUpdate(T0.plusSeconds(10L * k), "T-1", "south", p[0], p[1], 1.5, 0,
                    100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), MARKING));
        }
        bus.drain();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return mapper.readTree(r.body());
    }

    @Test
    void publishesTheCrossingAlertAndItsIncident() throws Exception {
        walkAcrossTheBorder();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).detail()).startsWith("inbound crossing");
        assertThat(incidents).extracting(IncidentEvent::change).containsExactly(IncidentEvent.Change.OPENED);
        JsonNode list = json(call("GET", "/api/v1/alerts", null));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("rule").asText()).isEqualTo("border-crossing");
        assertThat(list.get(0).get("state").asText()).isEqualTo("raised");
        assertThat(json(call("GET", "/api/v1/incidents", null)).get(0).get("timeline")).hasSize(1);
    }

    @Test
    void acknowledgesClosesAndCountsAnAlert() throws Exception {
        walkAcrossTheBorder();
        String id = alerts.get(0).id();
        HttpResponse<String> ack = call("POST", "/api/v1/alerts/" + id + "/ack", "{\"by\":\"op-1\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json(ack).get("state").asText()).isEqualTo("acknowledged");
        assertThat(json(ack).get("acknowledged_at").asText()).isEqualTo("2026-03-01T06:10:00Z");
        assertThat(json(ack).get("acknowledged_by").asText()).as("the caller, not the body's by").isEqualTo("commander");
        HttpResponse<String> again = call("POST", "/api/v1/alerts/" + id + "/ack", "{\"by\":\"op-1\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("conflict");
        HttpResponse<String> bad = call("POST", "/api/v1/alerts/" + id + "/close", "{\"by\":\"op-1\",\"disposition\":\"maybe\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("detail").asText()).contains("disposition");
        HttpResponse<String> close = call("POST", "/api/v1/alerts/" + id + "/close",
                "{\"by\":\"op-2\",\"disposition\":\"false-alarm\",\"note\":\"a fox\"}");
        assertThat(json(close).get("state").asText()).isEqualTo("closed");
        JsonNode stats = json(call("GET", "/api/v1/stats/alerts", null));
        assertThat(stats.get("rules").get(0).get("name").asText()).isEqualTo("border-crossing");
        assertThat(stats.get("rules").get(0).get("false_alarm_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("sensors").get(0).get("name").asText()).isEqualTo("radar-1");
        assertThat(call("POST", "/api/v1/alerts/AL-none/ack", "{\"by\":\"op-1\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/alerts/" + id + "/ack", "{\"by\":\"op-1\",\"mood\":1}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/alerts/" + id + "/ack", "not json").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/alerts?colour=red", null).statusCode()).isEqualTo(400);
    }

    @Test
    void setsASectorPostureWithAReasonAndRefusesBadRequests() throws Exception {
        HttpResponse<String> ok = call("PUT", "/api/v1/sectors/south/posture",
                "{\"posture\":\"high\",\"by\":\"cmdr\",\"reason\":\"threat report\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("south").asText()).isEqualTo("high");
        bus.drain();
        assertThat(postures).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("threat report");
            assertThat(p.by()).as("the caller, not the body's by").isEqualTo("commander");
            assertThat(p.time()).isEqualTo(T0.plusSeconds(600));
        });
        assertThat(call("PUT", "/api/v1/sectors/north/posture",
                "{\"posture\":\"high\",\"by\":\"cmdr\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/sectors/south/posture",
                "{\"posture\":\"panic\",\"by\":\"cmdr\",\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/sectors/south/posture", "{\"posture\":\"high\",\"by\":\"cmdr\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void movesAnIncidentAlongItsLifecycle() throws Exception {
        walkAcrossTheBorder();
        String id = incidents.get(0).incident();
        String path = "/api/v1/incidents/" + id + "/status";
        assertThat(call("PUT", path, "{\"status\":\"assigned\",\"by\":\"op-1\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", path, "{\"status\":\"assigned\",\"by\":\"op-1\",\"unit\":\"PATROL-1\"}").statusCode())
                .isEqualTo(200);
        assertThat(call("PUT", path, "{\"status\":\"open\",\"by\":\"op-1\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> done = call("PUT", path, "{\"status\":\"resolved\",\"by\":\"op-1\",\"disposition\":\"confirmed\"}");
        assertThat(json(done).get("status").asText()).isEqualTo("resolved");
        assertThat(json(done).get("timeline")).hasSize(3);
        JsonNode timeline = json(call("GET", "/api/v1/incidents/" + id + "/timeline", null));
        assertThat(timeline.get("incident").asText()).isEqualTo(id);
        assertThat(timeline.get("status").asText()).isEqualTo("resolved");
        assertThat(timeline.get("timeline")).extracting(n -> n.get("change").asText())
                .containsExactly("opened", "status", "status");
        assertThat(timeline.get("timeline")).extracting(n -> n.get("status").asText())
                .containsExactly("open", "assigned", "resolved");
        assertThat(timeline.at("/timeline/1/unit").asText()).isEqualTo("PATROL-1");
        assertThat(timeline.at("/timeline/1/by").asText()).isEqualTo("commander");
        assertThat(timeline.at("/timeline/2/disposition").asText()).isEqualTo("confirmed");
        assertThat(timeline.at("/timeline/0/lat").asDouble()).isEqualTo(incidents.get(0).lat());
        assertThat(timeline.at("/timeline/0/sector").asText()).isEqualTo(incidents.get(0).sector());
        assertThat(call("GET", "/api/v1/incidents/no-such/timeline", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/incidents/" + id + "/timeline?x=1", null).statusCode()).isEqualTo(400);
        assertThat(json(call("GET", "/api/v1/stats/alerts", null)).get("rules").get(0).get("catch_share").asDouble())
                .isEqualTo(1.0);
    }
}
