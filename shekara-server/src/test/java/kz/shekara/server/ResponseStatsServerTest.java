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
import java.util.List;
import kz.shekara.incident.ResponseFixtures;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.ResponseLogs;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server: response times come back from the event log at start and follow the alerts
 * and incident events published on the bus afterwards, on {@code GET /api/v1/stats/response}.
 */
class ResponseStatsServerTest {
    @TempDir
    Path dataDir;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = TestAccounts.commander();

    private JsonNode stats(ShekaraServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.ports().http() + "/api/v1/stats/response")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void rebuildsFromTheLogAndFollowsTheBus() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Sector a = theatre.sectors().get(0);
        Sector b = theatre.sectors().get(1);
        String ground = theatre.units().stream().filter(u -> u.kind() == UnitKind.GROUND_VEHICLE).map(Unit::id)
                .findFirst().orElseThrow();
        String heli = theatre.units().stream().filter(u -> u.kind() == UnitKind.HELICOPTER).map(Unit::id)
                .findFirst().orElseThrow();
        List<DomainEvent> log = ResponseFixtures.log(new ResponseFixtures.Cast(a.id(), a.originLat(), a.originLon(),
                b.id(), b.originLat(), b.originLon(), ground, heli));
        // The first incident (tracks, alert, its whole response) is in the log before the server starts.
        ResponseLogs.write(dataDir, log.subList(0, 8));
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withDataDir(dataDir).validate();
        TestAccounts.seed(config, theatre);
        try (ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            JsonNode first = stats(server);
            assertThat(first.at("/all/incidents").asInt()).isEqualTo(1);
            assertThat(first.at("/all/detectionToOnScene/medianS").asDouble()).isEqualTo(720.0);

            // The rest arrives live, as the rules and the dispatch steps publish it.
            for (DomainEvent e : log.subList(8, log.size())) {
                switch (e) {
                    case Alert al -> server.bus().publish(Topic.ALERTS, al.sector(), al);
                    case IncidentEvent i -> server.bus().publish(Topic.INCIDENTS, i.sector(), i);
                    default -> {
                        // track updates would start the live tracker's rules; the log part covers them
                    }
                }
            }
            server.bus().drain();
            // The log writer applies committed events to its views just after the publish returns.
            JsonNode all = stats(server);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (all.at("/all/incidents").asInt() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                all = stats(server);
            }
            assertThat(all.at("/all/incidents").asInt()).isEqualTo(4);
            assertThat(all.at("/sectors/0/name").asText()).isEqualTo(a.id());
            assertThat(all.at("/sectors/0/alertToDispatch/medianS").asDouble()).isEqualTo(90.0);
            assertThat(all.at("/unitKinds/1/name").asText()).isEqualTo("helicopter");
            assertThat(all.at("/unitKinds/1/dispatchToOnScene/maxS").asDouble()).isEqualTo(1200.0);
        }
    }
}
