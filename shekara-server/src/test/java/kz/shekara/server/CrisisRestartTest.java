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
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.response.TaskView;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crisis declared on a running server (SQLite event log) is in force again after a restart on the
 * same data directory: listed, its units still under the ministry's command, and it can be ended
 * there, handing them back. Folding the log from the start reproduces the same crises and control.
 */
class CrisisRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = kz.shekara.server.access.TestAccounts.commander();

    @TempDir
    Path dataDir;

    @Test
    void aDeclaredCrisisSurvivesARestartAndEndsThere() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        List<String> zhambyl = theatre.units().stream().filter(u -> "zhambyl".equals(u.command())).map(Unit::id)
                .toList();
        ShekaraConfig config = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withDataDir(dataDir).validate();
        kz.shekara.server.access.TestAccounts.seed(config, theatre);
        String id;
        try (ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            JsonNode c = send(server, "POST", "/api/v1/crisis",
                    "{\"command\":\"zhambyl\",\"to\":\"mod-south\",\"reason\":\"mass crossing at Merke\"}", 201);
            id = c.path("id").asText();
        }

        try (ShekaraServer server = ShekaraServer.start(config, theatre, Clock.systemUTC(), null)) {
            JsonNode inForce = send(server, "GET", "/api/v1/crisis", null, 200);
            assertThat(inForce).hasSize(1);
            assertThat(inForce.get(0).path("id").asText()).isEqualTo(id);
            assertThat(inForce.get(0).path("reason").asText()).isEqualTo("mass crossing at Merke");
            assertThat(inForce.get(0).path("by").asText()).isEqualTo("commander");
            JsonNode control = send(server, "GET", "/api/v1/units/control", null, 200);
            zhambyl.forEach(u -> assertThat(control.path(u).path("command").asText()).isEqualTo("mod-south"));

            JsonNode ended = send(server, "DELETE", "/api/v1/crisis/" + id, null, 200);
            assertThat(ended.path("units")).hasSize(zhambyl.size());
            JsonNode back = send(server, "GET", "/api/v1/units/control", null, 200);
            zhambyl.forEach(u -> assertThat(back.path(u).path("command").asText()).isEqualTo("zhambyl"));
        }

        // Folding the whole log again gives no crisis in force and every unit back under its own command.
        TaskView replayed = new TaskView();
        try (EventLog log = EventLogs.open(null, dataDir, StoreConfig.defaults())) {
            List<StoredEvent> stored;
            try (var all = log.readAfter(0)) {
                stored = all.toList();
            }
            List<DomainEvent> events = stored.stream().map(StoredEvent::event).toList();
            assertThat(events).filteredOn(CrisisEvent.class::isInstance).extracting(e -> ((CrisisEvent) e).status())
                    .containsExactly(CrisisEvent.Status.DECLARED, CrisisEvent.Status.ENDED);
            assertThat(events).filteredOn(ControlChange.class::isInstance).hasSize(2 * zhambyl.size());
            stored.forEach(replayed::apply);
        }
        assertThat(replayed.state().crises()).isEmpty();
        assertThat(replayed.state().controls()).extracting(ControlChange::command).containsOnly("zhambyl");
    }

    private static JsonNode send(ShekaraServer server, String method, String path, String body, int status)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + path));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
