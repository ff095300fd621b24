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
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Marking;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.Role;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/crisis} on a live server of a real (non-exercise) deployment reads under the
 * deployment's sharing rules, as a replay session does: an exercise crisis in the log reaches the home
 * agency but not the defence ministry it names, while a real crisis declared on the server reaches both.
 */
class CrisisSharingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dataDir;

    @Test
    void anExerciseCrisisReachesNoPartnerAgencyOfARealDeployment() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Marking drill = Marking.of(Classification.RESTRICTED, "kz-bs", Set.of("kz-mod")).asExercise();
        try (EventLog log = EventLogs.open(null, dataDir, StoreConfig.defaults())) {
            log.append(List.of(new LogEntry(Topic.CRISES.name(), "CR-DRILL", new CrisisEvent(
                    Instant.parse("2026-03-14T06:00:00Z"), "CR-DRILL", CrisisEvent.Status.DECLARED, "turkistan",
                    "mod-south", "commander", "command post exercise", drill))));
        }
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(dataDir).validate();
        AccessDatabase db = TestAccounts.seed(config, theatre);
        TestAccounts.add(db, "mod-commander", Role.COMMANDER, "kz-mod");
        HttpClient home = TestAccounts.commander();
        HttpClient mod = TestAccounts.client("mod-commander");
        try (ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            assertThat(ids(server, home)).containsExactly("CR-DRILL");
            assertThat(ids(server, mod)).as("exercise data stays home in a real deployment").isEmpty();

            HttpResponse<String> declared = send(server, home, "POST", "/api/v1/crisis",
                    "{\"command\":\"zhambyl\",\"to\":\"mod-south\",\"reason\":\"mass crossing at Merke\"}");
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
            String real = JSON.readTree(declared.body()).path("id").asText();
            assertThat(ids(server, home)).containsExactlyInAnyOrder("CR-DRILL", real);
            assertThat(ids(server, mod)).as("a real crisis reaches the ministry taking control").containsExactly(real);
        }
    }

    private static List<String> ids(ShekaraServer server, HttpClient client) throws Exception {
        HttpResponse<String> r = send(server, client, "GET", "/api/v1/crisis", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).findValuesAsText("id");
    }

    private static HttpResponse<String> send(ShekaraServer server, HttpClient client, String method, String path,
                                             String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + path))
                .header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
