package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import kz.shekara.geo.LocalFrame;
import kz.shekara.planning.Area;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** The what-if intercept endpoint on a real Javalin server on a free port, over real HTTP. */
class PlanApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private String url;

    @BeforeEach
    void start() {
        // The country: 68.5–69.5 E, 42.5–43.0 N; the border runs along 43.0 N.
        Area country = new Area(new GeometryFactory().createPolygon(new Coordinate[] {new Coordinate(68.5, 42.5),
            new Coordinate(69.5, 42.5), new Coordinate(69.5, 43.0), new Coordinate(68.5, 43.0), new Coordinate(68.5, 42.5)}));
        PlanApi api = new PlanApi(new InterceptPlanner(Map.of(UnitKind.HELICOPTER, new AirTravelTime()), 30), country,
                4 * 3600);
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        api.register(app);
        new ApiErrors(registry, new ObjectMapper()).install(app);
        app.start(0);
        url = "http://localhost:" + app.port() + "/api/v1/plan/intercept";
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheHeadOnInterceptOfAHelicopter() throws Exception {
        // Unit 30 km west of the target (in the target's east-north frame), 60 m/s, no launch; target
        // west at 10 m/s: closing at 70 m/s, t = 428.571 s.
        double[] unit = new double[2];
        new LocalFrame(42.8, 69.2).toLatLon(-30_000, 0, unit);
        String body = "{\"unit\": {\"kind\": \"helicopter\", \"lat\": " + unit[0] + ", \"lon\": " + unit[1]
                + ", \"speedMps\": 60, \"launchS\": 0}, \"target\": {\"lat\": 42.8, \"lon\": 69.2, \"vnMps\": 0, \"veMps\": -10}}";
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("feasible").asBoolean()).isTrue();
        assertThat(a.get("timeS").asDouble()).isCloseTo(428.571, within(1e-3));
        assertThat(a.get("lat").asDouble()).isCloseTo(42.8, within(1e-3));
        assertThat(a.get("lon").asDouble()).isLessThan(69.2);
        assertThat(a.size()).isEqualTo(4);
    }

    @Test
    void saysWhyWhenTheTargetCrossesBackFirst() throws Exception {
        // 1.1 km from the border going north at 5 m/s: gone in 222 s; the helicopter needs 600 s to launch.
        HttpResponse<String> r = post("{\"unit\": {\"kind\": \"helicopter\", \"lat\": 42.8, \"lon\": 69.0, \"speedMps\": 60,"
                + " \"launchS\": 600}, \"target\": {\"lat\": 42.99, \"lon\": 69.0, \"vnMps\": 5, \"veMps\": 0}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("feasible").asBoolean()).isFalse();
        assertThat(answer.get("reason").asText()).isEqualTo("target-leaves-area");
        // It leaves at 222 s, 22.1 km from the helicopter: 600 s launch + 369 s flight, 747 s behind.
        assertThat(answer.get("lateS").asDouble()).isCloseTo(747, org.assertj.core.data.Offset.offset(5.0));
    }

    @Test
    void rejectsBadBodiesWithAReasonAndCountsThem() throws Exception {
        String ok = "\"target\": {\"lat\": 42.9, \"lon\": 69.0, \"vnMps\": 0, \"veMps\": 0}";
        assertRejected("{not json", 400, "malformed");
        assertRejected("[]", 400, "missing-field");
        assertRejected("{" + ok + "}", 400, "missing-field");
        assertRejected("{\"unit\": {\"kind\": \"helicopter\", \"lat\": 42.8, \"lon\": 69.0, \"speedMps\": 60, \"fuel\": 3}, "
                + ok + "}", 400, "unknown-field");
        assertRejected("{\"unit\": {\"kind\": \"zeppelin\", \"lat\": 42.8, \"lon\": 69.0, \"speedMps\": 60}, " + ok + "}",
                400, "bad-value");
        assertRejected("{\"unit\": {\"kind\": \"helicopter\", \"lat\": 92.8, \"lon\": 69.0, \"speedMps\": 60}, " + ok + "}",
                400, "out-of-range");
        assertRejected("{\"unit\": {\"kind\": \"helicopter\", \"lat\": 42.8, \"lon\": 69.0, \"speedMps\": 0}, " + ok + "}",
                400, "out-of-range");
        assertRejected("{\"unit\": {\"kind\": \"helicopter\", \"lat\": \"north\", \"lon\": 69.0, \"speedMps\": 5}, " + ok + "}",
                400, "bad-value");
        assertRejected("{\"pad\": \"" + "x".repeat(PlanApi.MAX_BODY_BYTES) + "\"}", 413, "too-large");
        assertThat(registry.counter("shekara.adapter.rejections", "adapter", "api", "reason", "out-of-range").count())
                .isEqualTo(2);
        // The server keeps answering good requests.
        HttpResponse<String> r = post("{\"unit\": {\"kind\": \"boat\", \"lat\": 42.8, \"lon\": 69.0, \"speedMps\": 10}, "
                + ok + "}");
        assertThat(JSON.readTree(r.body()).get("reason").asText()).isEqualTo("unreachable");
    }

    private void assertRejected(String body, int status, String error) throws Exception {
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        JsonNode a = JSON.readTree(r.body());
        assertThat(a.get("error").asText()).as(body).isEqualTo(error);
        assertThat(a.get("detail").asText()).isNotBlank();
    }
}
