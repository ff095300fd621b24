package kz.shekara.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live server serves the review routes from its own log, and has no replay control. */
class LiveServerReviewTest {
    @TempDir
    Path dir;

    @Test
    void liveServerAnswersThePictureAtATimeFromWhatItLogged() throws Exception {
        ShekaraConfig cfg = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withDataDir(dir)
                .validate();
        try (ShekaraServer s = ShekaraServer.start(cfg, TheatreLoader.loadDefault(), Clock.systemUTC(), null)) {
            TrackUpdate t = ReviewFixture.track("T-9", 30, 41.41, 69.01);
            s.bus().publish(Topic.TRACKS, "uz-01", t);
            s.bus().drain();
            TestAccounts.seed(cfg, TheatreLoader.loadDefault());
            HttpClient http = TestAccounts.commander();
            String base = "http://127.0.0.1:" + s.ports().http();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/picture?at=2026-03-01T06:01:00Z")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode p = new ObjectMapper().readTree(r.body());
            assertThat(p.at("/tracks/0/id").asText()).isEqualTo("T-9");
            assertThat(p.at("/tracks/0/lat").asDouble()).isEqualTo(41.41);
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/replay")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).isEqualTo(404);
        }
    }
}
