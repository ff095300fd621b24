package kz.shekara.server.review;

import static kz.shekara.server.review.ReviewFixture.at;
import static kz.shekara.server.review.ReviewFixture.t1Lat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.api.ApiServer;
import kz.shekara.server.api.HttpConfig;
import kz.shekara.server.api.ReviewApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review routes over HTTP on a real server, reading a real SQLite log of known events. */
class ReviewApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Theatre theatre;

    @TempDir
    Path dir;
    private final HttpClient http = TestAccounts.client("analyst");
    private Server a;
    private Server b;

    /** A log of the fixture events and an API server with the review routes on it. */
    static final class Server implements AutoCloseable {
        final EventLog log;
        final InMemoryBus bus = new InMemoryBus(1, 64);
        final LiveState live = new LiveState(bus, LiveStateConfig.defaults());
        final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final ApiServer api;
        final int port;

        Server(Path file) {
            log = new SqliteEventLog(file, StoreConfig.defaults());
            ReviewFixture.writeTo(log);
            api = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, meters, Clock.systemUTC())
                    .access(TestAccounts.service(file.resolveSibling(file.getFileName() + "-access"), theatre, meters));
            api.addRoutes(new ReviewApi(new LogPictures(log), theatre)::register);
            port = api.start();
        }

        double rejections(String reason) {
            var c = meters.find("shekara.adapter.rejections").tag("adapter", "api").tag("reason", reason).counter();
            return c == null ? 0 : c.count();
        }

        @Override
        public void close() {
            api.close();
            bus.close();
            log.close();
        }
    }

    @BeforeAll
    static void loadTheatre() throws Exception {
        theatre = TheatreLoader.loadDefault();
    }

    @BeforeEach
    void start() {
        a = new Server(dir.resolve("a.db"));
        b = new Server(dir.resolve("b.db"));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private HttpResponse<String> get(Server s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(Server s, String path) throws Exception {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void exportJsonHoldsIncidentTimelineAlertLifecycleTrackPathsUnitsAndMarking() throws Exception {
        JsonNode e = json(a, "/api/v1/incidents/INC-1/export.json");
        assertThat(e.get("format").asText()).isEqualTo("shekara-incident-export/1");
        assertThat(e.at("/marking/classification").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(e.at("/incident/id").asText()).isEqualTo("INC-1");
        assertThat(e.at("/incident/status").asText()).isEqualTo("resolved");
        assertThat(e.at("/incident/disposition").asText()).isEqualTo("confirmed");
        assertThat(e.at("/incident/tracks/0").asText()).isEqualTo("T-1");
        assertThat(e.at("/period/from").asText()).isEqualTo("2026-03-01T06:01:00Z");
        assertThat(e.at("/period/to").asText()).isEqualTo("2026-03-01T06:04:10Z");
        assertThat(e.get("timeline")).hasSize(3);
        assertThat(e.at("/timeline/1/unit").asText()).isEqualTo("GP-UZ01");
        assertThat(e.at("/timeline/1/note").asText()).isEqualTo("GP-UZ01 tasked <fast>");
        assertThat(e.at("/alerts/0/id").asText()).isEqualTo("A-1");
        assertThat(e.at("/alerts/0/state").asText()).isEqualTo("closed");
        assertThat(e.at("/alerts/0/changes")).hasSize(2);
        assertThat(e.at("/alerts/0/changes/0/state").asText()).isEqualTo("acknowledged");
        assertThat(e.at("/alerts/0/changes/1/disposition").asText()).isEqualTo("confirmed");
        assertThat(e.at("/tracks/0/id").asText()).isEqualTo("T-1");
        assertThat(e.at("/tracks/0/path")).hasSize(11);
        assertThat(e.at("/tracks/0/path/4/lat").asDouble()).isEqualTo(t1Lat(4));
        assertThat(e.at("/tracks/0/marking/classification").asText()).isEqualTo("RESTRICTED");
        assertThat(e.at("/units/0/id").asText()).isEqualTo("GP-UZ01");
        assertThat(e.at("/units/0/positions")).hasSize(5);
    }

    @Test
    void exportsAreTheSameBytesFromTwoLogsOfTheSameEvents() throws Exception {
        for (String path : new String[] {"/api/v1/incidents/INC-1/export.json", "/api/v1/incidents/INC-1/export.html?lang=ru",
                "/api/v1/picture?at=2026-03-01T06:02:00Z"}) {
            String first = get(a, path).body();
            assertThat(get(a, path).body()).isEqualTo(first);
            assertThat(get(b, path).body()).as(path).isEqualTo(first);
        }
    }

    @Test
    void exportHtmlIsAPrintableSelfContainedPageWithMarkingBannersInTheAskedLanguage() throws Exception {
        HttpResponse<String> r = get(a, "/api/v1/incidents/INC-1/export.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = r.body();
        String banner = "CONFIDENTIAL · kz-bs · REL TO kz-mod";
        assertThat(html).contains("<div class=\"marking top\" data-marking=\"top\">" + banner + "</div>")
                .contains("<div class=\"marking bottom\" data-marking=\"bottom\">" + banner + "</div>")
                .contains("@media print", "<svg", "Incident report", "INC-1", "T-1", "GP-UZ01",
                        "Inbound crossing at crossing point Test Gate at 06:00:58 UTC",
                        "GP-UZ01 tasked &lt;fast&gt;")
                .doesNotContain("<script", "<link", "src=", "url(", "<img", "GP-UZ01 tasked <fast>");
        assertThat(get(a, "/api/v1/incidents/INC-1/export.html?lang=kk").body()).contains("Оқиға туралы есеп", "<html lang=\"kk\">",
                "Шекараны ел ішіне қарай кесіп өту, «Сынақ қақпасы» өткізу пунктінде, уақыты 06:00:58 UTC");
        assertThat(get(a, "/api/v1/incidents/INC-1/export.html?lang=ru").body()).contains("Отчёт об инциденте", "ПЕРЕДАВАТЬ: kz-mod",
                "Пересечение границы внутрь страны у пункта пропуска «Испытательные ворота» в 06:00:58 UTC");
        HttpResponse<String> bad = get(a, "/api/v1/incidents/INC-1/export.html?lang=de");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("bad-parameter");
    }

    @Test
    void pictureApiGivesThePictureAtTheAskedTimeInsideTheBox() throws Exception {
        JsonNode p = json(a, "/api/v1/picture?at=2026-03-01T06:02:00Z");
        assertThat(p.get("at").asText()).isEqualTo(at(120).toString());
        assertThat(p.get("tracks")).hasSize(2);
        assertThat(p.at("/tracks/0/id").asText()).isEqualTo("T-1");
        assertThat(p.at("/tracks/0/lat").asDouble()).isEqualTo(t1Lat(4));
        assertThat(p.at("/tracks/0/trail")).hasSize(5);
        assertThat(p.at("/alerts/0/state").asText()).isEqualTo("acknowledged");
        assertThat(p.at("/incidents/0/status").asText()).isEqualTo("assigned");
        assertThat(p.at("/units/0/id").asText()).isEqualTo("GP-UZ01");
        JsonNode boxed = json(a, "/api/v1/picture?at=2026-03-01T06:02:00Z&bbox=68.95,41.35,69.2,41.6");
        assertThat(boxed.get("tracks")).hasSize(1);
        JsonNode early = json(a, "/api/v1/incidents/INC-1/picture?at=2026-03-01T06:00:45Z");
        assertThat(early.at("/tracks/0/lat").asDouble()).isEqualTo(t1Lat(1));
        assertThat(early.get("alerts")).isEmpty();
    }

    @Test
    void badParametersAndUnknownIncidentsAreRefusedAndCounted() throws Exception {
        assertThat(get(a, "/api/v1/picture?at=yesterday").statusCode()).isEqualTo(400);
        assertThat(get(a, "/api/v1/picture").statusCode()).isEqualTo(400);
        assertThat(get(a, "/api/v1/picture?at=2026-03-01T06:02:00Z&window=P9D").statusCode()).isEqualTo(400);
        assertThat(get(a, "/api/v1/picture?at=2026-03-01T06:02:00Z&bbox=1,2,3").statusCode()).isEqualTo(400);
        assertThat(get(a, "/api/v1/picture?at=2026-03-01T06:02:00Z&colour=red").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = get(a, "/api/v1/incidents/INC-404/export.json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("not-found");
        assertThat(a.rejections("bad-parameter")).isEqualTo(3);
        assertThat(a.rejections("missing-parameter")).isEqualTo(1);
        assertThat(a.rejections("unknown-parameter")).isEqualTo(1);
        assertThat(a.rejections("not-found")).isEqualTo(1);
        // The server goes on answering.
        assertThat(get(a, "/api/v1/picture?at=2026-03-01T06:02:00Z").statusCode()).isEqualTo(200);
    }
}
