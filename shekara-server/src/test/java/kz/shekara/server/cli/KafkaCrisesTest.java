package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crises are the same on every node of a cluster: a crisis declared through an {@code api} node's REST API is
 * listed by a {@code rules,response} worker, whose units' control shows it, and ended there, after which the api
 * node lists it no more and shows its units back under their own command; ending it again on either node is
 * refused (409). A second declaration for the same command recorded on the crises topic after the first (as a
 * node that had not seen the first would record it) takes effect nowhere: the topic's order decides.
 */
class KafkaCrisesTest {
    private static final ObjectMapper JSON = NodeClient.JSON;
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String COMMAND = "zhambyl";
    private static final String TO = "mod-south";

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, 2, LIMIT);

    private final NodeClient commander = new NodeClient(TestAccounts.commander());

    @Test
    void aCrisisDeclaredOnOneNodeIsListedAndEndedOnAnother() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Theatre theatre = TheatreLoader.loadDefault();
        List<String> units = theatre.units().stream().filter(u -> u.command().equals(COMMAND)).map(Unit::id).toList();
        assertThat(units).isNotEmpty();
        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, 2);
        try (ShekaraServer a = nodes.node("api", theatre, bus, "api");
             ShekaraServer b = nodes.node("worker", theatre, bus, "rules", "response")) {
            String onA = "http://127.0.0.1:" + a.ports().http() + "/api/v1";
            String onB = "http://127.0.0.1:" + b.ports().http() + "/api/v1";

            HttpResponse<String> declared = send("POST", onA + "/crisis",
                    "{\"command\":\"" + COMMAND + "\",\"to\":\"" + TO + "\",\"reason\":\"drill\"}");
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
            JsonNode crisis = JSON.readTree(declared.body());
            String id = crisis.path("id").asText();
            assertThat(texts(crisis.path("units"))).containsExactlyInAnyOrderElementsOf(units);
            assertThat(ids(get(onA + "/crisis"))).containsExactly(id);

            // The worker lists it, and its units are under the crisis's command there too.
            await("the worker lists the crisis declared on the api node", () -> ids(get(onB + "/crisis")).contains(id));
            JsonNode controlB = get(onB + "/units/control");
            for (String u : units) {
                assertThat(controlB.path(u).path("command").asText()).as(u).isEqualTo(TO);
            }
            // Declared again on the worker: refused there (409), as on one node.
            HttpResponse<String> twice = send("POST", onB + "/crisis",
                    "{\"command\":\"" + COMMAND + "\",\"to\":\"" + TO + "\",\"reason\":\"again\"}");
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);

            // A rival declaration for the same command, recorded after the first by a node that had not seen it.
            CrisisEvent rival = new CrisisEvent(Instant.now(), COMMAND + "-rival", CrisisEvent.Status.DECLARED, COMMAND,
                    TO, "rival-commander", "rival", theatre.defaultMarking());
            try (KafkaBus third = new KafkaBus(bus.withMember("third"))) {
                third.publish(Topic.CRISES, COMMAND, rival);
                third.drain();
            }

            // Ended on the worker: gone on the api node, whose units are back under their own command.
            HttpResponse<String> ended = send("DELETE", onB + "/crisis/" + id, null);
            assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
            assertThat(JSON.readTree(ended.body()).path("status").asText()).isEqualTo("ended");
            assertThat(texts(JSON.readTree(ended.body()).path("units"))).containsExactlyInAnyOrderElementsOf(units);
            assertThat(get(onB + "/crisis")).as("the rival declaration took effect nowhere").isEmpty();
            await("the api node lists the crisis no more", () -> get(onA + "/crisis").isEmpty());
            await("the api node shows the units back under " + COMMAND, () -> {
                JsonNode control = get(onA + "/units/control");
                return units.stream().allMatch(u -> control.path(u).path("command").asText().equals(COMMAND));
            });

            // Ended twice: refused on either node.
            for (String node : List.of(onA, onB)) {
                HttpResponse<String> again = send("DELETE", node + "/crisis/" + id, null);
                assertThat(again.statusCode()).as(node + ": " + again.body()).isEqualTo(409);
                assertThat(JSON.readTree(again.body()).path("detail").asText()).contains(id, "ended");
            }

            List<CrisisEvent> recorded = TopicReader.readAll(kafka, prefix, List.of(Topic.CRISES),
                    Duration.ofSeconds(1), x -> { }).stream().map(r -> (CrisisEvent) r.event()).toList();
            assertThat(recorded).extracting(CrisisEvent::crisis, CrisisEvent::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(id, CrisisEvent.Status.DECLARED),
                    org.assertj.core.groups.Tuple.tuple(rival.crisis(), CrisisEvent.Status.DECLARED),
                    org.assertj.core.groups.Tuple.tuple(id, CrisisEvent.Status.ENDED));
            List<ControlChange> changes = TopicReader.readAll(kafka, prefix, List.of(Topic.UNIT_CONTROL),
                    Duration.ofSeconds(1), x -> { }).stream().map(r -> (ControlChange) r.event()).toList();
            assertThat(changes).as("each unit handed over once and back once, by the node that made the change")
                    .hasSize(2 * units.size()).allMatch(c -> c.crisis().equals(id));

            // A node that joins now reads both topics from their start, in no common order: no crisis in force
            // (ending it there is 409 once it has read the declaration: ended already, or its end not taken, and
            // by then it has read the end), and the units under their own command, whichever topic it read first
            // (a declaration read after the changes that followed it hands over none of its units).
            try (ShekaraServer c = nodes.node("late", theatre, bus, "api")) {
                String onC = "http://127.0.0.1:" + c.ports().http() + "/api/v1";
                await("the node that joined knows the crisis ended", () -> {
                    return send("DELETE", onC + "/crisis/" + id, null).statusCode() == 409;
                });
                assertThat(get(onC + "/crisis")).isEmpty();
                await("the node that joined shows the units under " + COMMAND, () -> {
                    JsonNode control = get(onC + "/units/control");
                    return units.stream().allMatch(u -> control.path(u).path("command").asText().equals(COMMAND)
                            && control.path(u).path("crisis").asText().equals(id));
                });
            }
        }
    }

    private static List<String> ids(JsonNode crises) {
        List<String> out = new ArrayList<>();
        crises.forEach(c -> out.add(c.path("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private HttpResponse<String> send(String method, String url, String body) {
        return commander.send(method, url, body);
    }

    private JsonNode get(String url) {
        return commander.get(url);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        NodeClient.await(what, condition, LIMIT);
    }
}
