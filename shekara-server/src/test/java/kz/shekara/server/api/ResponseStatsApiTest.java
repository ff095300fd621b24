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
import java.nio.file.Path;
import java.util.List;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.Replayer;
import kz.shekara.server.store.ResponseLogs;
import kz.shekara.server.alertdesk.ResponseTimesView;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.view.Viewer;
import kz.shekara.sim.FixtureTheatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response-time statistics of a real logged history, over a real HTTP server on port 0. */
class ResponseStatsApiTest {
    @TempDir
    Path dir;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Javalin app;

    @BeforeEach
    void start() {
        ResponseLogs.write(dir, ResponseFixtures.log());
        ResponseTimesView view = new ResponseTimesView(FixtureTheatre.standard());
        try (EventLog log = EventLogs.open(null, dir, StoreConfig.defaults())) {
            new Replayer(log).rebuild(List.of(view));
        }
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new ResponseStatsApi(view::records, ctx -> Viewer.home("kz-bs")).register(app);
        new ApiErrors(registry, new ObjectMapper()).install(app);
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/stats/response"
                + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void distributionsPerSectorAndUnitKind() throws Exception {
        HttpResponse<String> r = get("");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = mapper.readTree(r.body());
        assertThat(n.at("/all/incidents").asInt()).isEqualTo(4);
        JsonNode land = n.at("/sectors/0");
        assertThat(land.get("name").asText()).isEqualTo("land");
        assertThat(land.at("/alertToDispatch/count").asInt()).isEqualTo(2);
        assertThat(land.at("/alertToDispatch/medianS").asDouble()).isEqualTo(90.0);
        assertThat(land.at("/alertToDispatch/p90S").asDouble()).isEqualTo(114.0);
        assertThat(land.at("/dispatchToOnScene/maxS").asDouble()).isEqualTo(600.0);
        assertThat(land.at("/detectionToOnScene/medianS").asDouble()).isEqualTo(760.0);
        assertThat(n.at("/sectors/1/detectionToOnScene/maxS").asDouble()).isEqualTo(1500.0);
        assertThat(n.at("/unitKinds/0/name").asText()).isEqualTo("ground-vehicle");
        assertThat(n.at("/unitKinds/1/name").asText()).isEqualTo("helicopter");
        assertThat(n.at("/unitKinds/1/alertToDispatch/medianS").asDouble()).isEqualTo(300.0);
    }

    @Test
    void periodSelectsIncidentsByAlertTime() throws Exception {
        JsonNode n = mapper.readTree(get("?from=2026-03-02T09:00:00Z&to=2026-03-02T10:30:00Z").body());
        assertThat(n.get("from").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(n.at("/all/incidents").asInt()).isEqualTo(2);
        assertThat(n.at("/sectors/0/alertToDispatch/medianS").asDouble()).isEqualTo(120.0);
        JsonNode none = mapper.readTree(get("?from=2027-01-01T00:00:00Z").body());
        assertThat(none.at("/all/incidents").asInt()).isZero();
        assertThat(none.at("/all/alertToDispatch/medianS").isNull()).isTrue();
    }

    @Test
    void refusesBadParametersWithACountedReason() throws Exception {
        HttpResponse<String> bad = get("?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(bad.body()).get("error").asText()).isEqualTo("bad-parameter");
        assertThat(get("?from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z").statusCode()).isEqualTo(400);
        assertThat(get("?sector=land").statusCode()).isEqualTo(400);
        assertThat(registry.counter("shekara.adapter.rejections", "adapter", "api", "reason", "bad-parameter").count())
                .isEqualTo(2);
        assertThat(registry.counter("shekara.adapter.rejections", "adapter", "api", "reason", "unknown-parameter")
                .count()).isEqualTo(1);
    }
}
