package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.CommandOutcome;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Task;
import kz.shekara.model.UnitClaim;
import kz.shekara.rules.PostureChange;
import kz.shekara.theatre.Posture;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator commands from an {@code api} node reach the rules worker that owns the sector: an operator
 * acknowledges an alert through the api node's REST API; the command travels on the commands topic keyed by the
 * alert's sector, the {@code rules,response} node applies it as the operator's and publishes the alert's change,
 * and the api node's view shows the alert acknowledged by that operator. A command the owning desk refuses (the
 * same alert acknowledged again) is counted there, and the worker goes on; an alert the view does not know is
 * refused on the api node (404).
 */
class KafkaCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final HttpClient commander = TestAccounts.commander();

    @Test
    void anAcknowledgementOnTheApiNodeIsAppliedByTheRulesWorkerOfItsSector() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "2m", "--out", sim.toString());
        Theatre theatre = TheatreLoader.loadDefault();
        KafkaBusConfig bus = KafkaBusConfig.of(kafka).withPartitions(1).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        ShekaraConfig apiConfig = nodeConfig("api");
        TestAccounts.seed(apiConfig, theatre);
        ShekaraConfig workerConfig = nodeConfig("worker");
        TestAccounts.seed(workerConfig, theatre); // to read the worker's own postures
        try (ShekaraServer api = KafkaNode.start(apiConfig, theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("api")));
             ShekaraServer worker = KafkaNode.start(workerConfig, theatre, Clock.systemUTC(), bus,
                     NodeRoles.parse(List.of("tracker", "rules", "response")))) {
            KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions", "1",
                    "--in", sim.resolve("detections.jsonl").toString());
            worker.bus().drain();
            String base = "http://127.0.0.1:" + api.ports().http() + "/api/v1/alerts";
            String[] alert = new String[1];
            await("the api node shows a raised alert", () -> {
                for (JsonNode a : get(base + "?limit=1000")) {
                    if (a.path("state").asText().equals("raised") && !a.path("sector").isNull()) {
                        alert[0] = a.path("id").asText();
                        return true;
                    }
                }
                return false;
            });

            HttpResponse<String> ack = post(base + "/" + alert[0] + "/ack");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            // The answer waited for the owning desk's outcome and for the view to show it.
            assertThat(JSON.readTree(ack.body()).path("state").asText()).as(ack.body()).isEqualTo("acknowledged");

            await("the rules worker published the acknowledgement", () -> changes(kafka, prefix).stream()
                    .anyMatch(c -> c.alert().equals(alert[0]) && c.state() == AlertState.ACKNOWLEDGED));
            AlertChange change = changes(kafka, prefix).stream().filter(c -> c.alert().equals(alert[0])).findFirst()
                    .orElseThrow();
            assertThat(change.by()).as("who acknowledged, kept through the relay").isEqualTo("commander");
            await("the api node shows the alert acknowledged",
                    () -> get(base + "/" + alert[0]).path("state").asText().equals("acknowledged"));
            assertThat(get(base + "/" + alert[0]).path("acknowledged_by").asText()).isEqualTo("commander");
            List<OperatorCommand> sent = TopicReader.readAll(kafka, prefix, List.of(Topic.COMMANDS),
                    Duration.ofSeconds(1), b -> { }).stream().map(r -> (OperatorCommand) r.event()).toList();
            assertThat(sent).as("commands on the topic").hasSize(1);
            String sector = sent.getFirst().sector();
            assertThat(sector).as("keyed by the alert's sector").isNotBlank();

            // Bad commands: refused on the api node when its view has no such alert; refused by the owner otherwise,
            // which counts it and whose refusal the operator gets as the owner gave it (409, its reason).
            assertThat(post(base + "/no-such-alert/ack").statusCode()).isEqualTo(404);
            HttpResponse<String> again = post(base + "/" + alert[0] + "/ack");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).path("detail").asText()).as(again.body()).contains(alert[0]);
            assertThat(worker.meters().counter("shekara.commands.refused").count()).isEqualTo(1);
            assertThat(changes(kafka, prefix).stream().filter(c -> c.alert().equals(alert[0]))).hasSize(1);
            List<CommandOutcome> outcomes = TopicReader.readAll(kafka, prefix, List.of(Topic.COMMAND_OUTCOMES),
                    Duration.ofSeconds(1), b -> { }).stream().map(r -> (CommandOutcome) r.event()).toList();
            assertThat(outcomes).extracting(CommandOutcome::refusal).containsExactly(null, "conflict");

            // A sector's posture set on the api node is the owning rules worker's (its alerting follows it).
            String posture = "http://127.0.0.1:" + api.ports().http() + "/api/v1/sectors/" + sector + "/posture";
            String workerPostures = "http://127.0.0.1:" + worker.ports().http() + "/api/v1/sectors/posture";
            Posture before = Posture.fromCode(get(workerPostures).path(sector).asText());
            Posture raised = before == Posture.HIGH ? Posture.ELEVATED : Posture.HIGH;
            HttpResponse<String> set = put(posture, "{\"posture\":\"" + raised.code() + "\",\"reason\":\"drill\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(JSON.readTree(set.body()).path(sector).asText()).as(set.body()).isEqualTo(raised.code());
            assertThat(get(workerPostures).path(sector).asText()).as("the rules worker's posture").isEqualTo(raised.code());
            List<PostureChange> postures = TopicReader.readAll(kafka, prefix, List.of(Topic.POSTURE),
                    Duration.ofSeconds(1), b -> { }).stream().map(r -> (PostureChange) r.event()).toList();
            assertThat(postures).hasSize(1);
            assertThat(postures.getFirst().by()).isEqualTo("commander");
            assertThat(put(posture.replace(sector, "no-such-sector"), "{\"posture\":\"high\",\"reason\":\"drill\"}")
                    .statusCode()).isEqualTo(404);

            // A dispatch relayed to the response worker goes through its claim on the unit: one claim, one task.
            String workerUrl = "http://127.0.0.1:" + worker.ports().http() + "/api/v1/incidents";
            String id = null;
            String unit = null;
            for (JsonNode i : get(workerUrl + "?open=true")) {
                JsonNode ranked = get(workerUrl + "/" + i.path("id").asText() + "/recommendations")
                        .path("recommendations");
                if (id == null && i.path("status").asText().equals("open") && !ranked.isEmpty()) {
                    id = i.path("id").asText();
                    unit = ranked.get(0).path("unit").asText();
                }
            }
            assertThat(id).as("an open incident with units ranked, on the worker").isNotNull();
            String tasked = unit;
            String dispatch = "http://127.0.0.1:" + api.ports().http() + "/api/v1/incidents/" + id + "/dispatch";
            HttpResponse<String> relayed = commander.send(HttpRequest.newBuilder(URI.create(dispatch))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"unit\":\"" + unit + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(relayed.statusCode()).as(relayed.body()).isEqualTo(202);
            await("the worker tasked the unit", () -> TopicReader.readAll(kafka, prefix, List.of(Topic.TASKS),
                    Duration.ofSeconds(1), b -> { }).stream().anyMatch(r -> ((Task) r.event()).unit().equals(tasked)));
            assertThat(TopicReader.readAll(kafka, prefix, List.of(Topic.UNIT_CLAIMS), Duration.ofSeconds(1), b -> { })
                    .stream().map(r -> (UnitClaim) r.event()).toList()).as("claims on the topic")
                    .extracting(UnitClaim::kind, UnitClaim::unit, UnitClaim::incident)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(UnitClaim.Kind.CLAIM, tasked, id));
            assertThat(worker.meters().counter("shekara.response.claims.won").count()).isEqualTo(1);
            // The operator who dispatched from the api node sees the task there (read back from the tasks topic).
            String apiTasks = "http://127.0.0.1:" + api.ports().http() + "/api/v1/tasks";
            await("the api node lists the task", () -> java.util.stream.StreamSupport.stream(get(apiTasks).spliterator(),
                    false).anyMatch(t -> t.path("unit").asText().equals(tasked)));
        }
    }

    private HttpResponse<String> put(String url, String body) throws Exception {
        return commander.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<AlertChange> changes(String kafka, String prefix) {
        return TopicReader.readAll(kafka, prefix, List.of(Topic.ALERT_CHANGES), Duration.ofSeconds(1), b -> { })
                .stream().map(r -> (AlertChange) r.event()).toList();
    }

    private JsonNode get(String url) {
        return new NodeClient(commander).get(url);
    }

    private HttpResponse<String> post(String url) throws Exception {
        return commander.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        NodeClient.await(what, condition, LIMIT);
    }

    private ShekaraConfig nodeConfig(String name) {
        return ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve(name)).validate();
    }
}
