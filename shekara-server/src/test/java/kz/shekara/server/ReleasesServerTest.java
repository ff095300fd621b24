package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release made over HTTP on a running server is in the event log: it is listed, and after a
 * restart the release book comes back from the log and lists it again.
 */
class ReleasesServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = kz.shekara.server.access.TestAccounts.commander();

    @TempDir
    Path dataDir;

    @Test
    void aReleaseIsLoggedAndComesBackAfterARestart() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withDataDir(dataDir).validate();
        kz.shekara.server.access.TestAccounts.seed(config, theatre);
        try (ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            server.bus().publish(Topic.TRACKS, "s", new TrackUpdate(Instant.parse("2026-03-01T06:00:00Z"), "sy-07",
                    theatre.sectors().get(0).id(), 41.5, 69.2, 1, 1, 100, 0, 100, TrackStatus.CONFIRMED,
                    TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), theatre.defaultMarking(), List.of()));
            HttpResponse<String> track = get(server, "/api/v1/tracks");
            for (int i = 0; i < 200 && !track.body().contains("sy-07"); i++) {
                Thread.sleep(10);
                track = get(server, "/api/v1/tracks");
            }
            HttpResponse<String> made = http.send(HttpRequest.newBuilder(uri(server, "/api/v1/releases"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"kind\":\"track\",\"id\":\"sy-07\",\"agency\":\"uz-bs\",\"reason\":\"joint search\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            assertThat(JSON.readTree(get(server, "/api/v1/releases").body())).hasSize(1);
        }
        try (ShekaraServer again = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            JsonNode releases = JSON.readTree(get(again, "/api/v1/releases").body());
            assertThat(releases).hasSize(1);
            assertThat(releases.at("/0/id").asText()).isEqualTo("sy-07");
            assertThat(releases.at("/0/agency").asText()).isEqualTo("uz-bs");
            assertThat(releases.at("/0/by").asText()).isEqualTo("commander");
            assertThat(releases.at("/0/reason").asText()).isEqualTo("joint search");
        }
    }

    private HttpResponse<String> get(ShekaraServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ShekaraServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.ports().http() + path);
    }
}
