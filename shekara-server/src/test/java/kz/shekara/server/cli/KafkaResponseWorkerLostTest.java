package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kz.shekara.model.Alert;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response worker lost: two {@code rules,response} workers, each a child JVM, share the sectors (one
 * partition each) behind a tracker node. An operator dispatches a unit to an incident of one worker's sectors
 * through that worker's REST API; the worker is then killed with SIGKILL while the rest of the recording is
 * published. The other takes its sectors over and carries the task on: it lists the task (same id, unit,
 * incident), refuses to send the tasked unit to another incident (the unit is not free twice), publishes no
 * second creation of the task, and the alerts and incidents are those {@code process} gives for the
 * recording but for the operator's dispatch (compared as {@link KafkaRulesWorkerLostTest} compares them).
 */
class KafkaResponseWorkerLostTest {
    private static final int PARTITIONS = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final List<Topic<?>> INPUTS = List.of(Topic.TRACKS, Topic.OBSERVATIONS, Topic.HEARTBEATS);
    private static final Pattern REBUILT_TASKS = Pattern.compile("response: partition \\d+ rebuilt from [1-9]\\d* outputs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);
    private java.time.Instant recordingStart;
    private final HttpClient commander = TestAccounts.commander();

    @Test
    void survivingResponseWorkerCarriesOnTheLostWorkersTask() throws Exception {
        String kafka = TestBroker.bootstrap();
        WorkerNodes.Desks d = nodes.desks(kafka);
        List<String> inputs = WorkerNodes.named(d.prefix(), INPUTS);
        for (String name : List.of("survivor", "lost")) {
            TestAccounts.seed(dir.resolve(name), d.theatre());
        }
        String survivorUrl;
        Dispatched task;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             ShekaraServer tracker = KafkaNode.start(nodes.nodeConfig("tracker"), d.theatre(), Clock.systemUTC(),
                     d.bus(), NodeRoles.parse(List.of("tracker")))) {
            Process survivor = nodes.start("survivor", kafka, d.prefix(), "rules,response");
            Process lost = nodes.start("lost", kafka, d.prefix(), "rules,response");
            survivorUrl = "http://127.0.0.1:" + nodes.httpPort("survivor");
            String lostUrl = "http://127.0.0.1:" + nodes.httpPort("lost");
            for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                nodes.await(group + ": each worker holds one partition",
                        () -> WorkerNodes.holdings(admin, group).equals(List.of(1, 1)));
            }
            // The operator's commands take the wall clock's time: the recording is stamped so that they fall
            // inside it (with the default start, a dispatch would move the rules' time on by months).
            recordingStart = java.time.Instant.now().minusSeconds(60);
            publish(kafka, d.prefix(), d.thirds().get(0));
            tracker.bus().drain();
            nodes.await("the rules handled the first third", () -> WorkerNodes.committedToEnd(admin, d.rulesGroup(),
                    inputs,
                    PARTITIONS));
            task = dispatchOnAnOpenIncident(lostUrl);
            String taskId = task.id();
            nodes.await("the task is on the tasks topic", () -> WorkerNodes.tasks(kafka, d.prefix()).stream()
                    .anyMatch(t -> t.id().equals(taskId)));
            publish(kafka, d.prefix(), d.thirds().get(1));
            lost.destroyForcibly(); // SIGKILL: no leave, no last commit
            lost.waitFor();
            int stepsByTheLost = (int) WorkerNodes.tasks(kafka, d.prefix()).stream()
                    .filter(t -> t.id().equals(taskId)).count();
            for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                nodes.await(group + ": the survivor holds every partition",
                        () -> WorkerNodes.holdings(admin, group).equals(List.of(PARTITIONS)));
            }
            publish(kafka, d.prefix(), d.thirds().get(2));
            tracker.bus().drain();
            nodes.await("the survivor handled the whole recording", () -> WorkerNodes.committedToEnd(admin,
                    d.rulesGroup(),
                    inputs, PARTITIONS));
            // The dispatch desk takes the rules' outputs (incidents, alerts) from the topics after the rules.
            List<String> responseInputs = WorkerNodes.named(d.prefix(), WorkerNodes.RESPONSE_INPUTS);
            nodes.await("the survivor's dispatch desk handled the whole recording", () -> WorkerNodes.committedToEnd(admin,
                    d.responseGroup(), responseInputs, PARTITIONS));
            assertThat(survivor.isAlive()).isTrue();

            // Carried on: the survivor holds the task as the lost worker made it ...
            assertThat(get(survivorUrl + "/api/v1/tasks").findValuesAsText("id")).as("the survivor's tasks")
                    .contains(taskId);
            // ... does not free its unit for another incident ...
            for (JsonNode i : get(survivorUrl + "/api/v1/incidents?open=true")) {
                String other = i.path("id").asText();
                if (!other.equals(task.incident()) && i.path("status").asText().equals("open")) {
                    HttpResponse<String> again = post(survivorUrl + "/api/v1/incidents/" + other + "/dispatch",
                            JSON.createObjectNode().put("unit", task.unit()).toString());
                    assertThat(again.statusCode()).as("dispatching the tasked unit %s again: %s", task.unit(),
                            again.body()).isEqualTo(409);
                    break;
                }
            }
            // ... and ends it when the operator resolves the incident there.
            HttpResponse<String> resolved = send("PUT", survivorUrl + "/api/v1/incidents/" + task.incident()
                    + "/status", "{\"status\":\"resolved\",\"disposition\":\"confirmed\"}");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            nodes.await("the survivor ended the task", () -> WorkerNodes.tasks(kafka, d.prefix()).stream()
                    .anyMatch(t -> t.id().equals(taskId) && t.status() == TaskStatus.ENDED));
            List<Task> steps = WorkerNodes.tasks(kafka, d.prefix()).stream().filter(t -> t.id().equals(taskId))
                    .toList();
            System.out.printf("task %s: %d steps by the lost worker, %d in all%n", taskId, stepsByTheLost,
                    steps.size());
            assertThat(steps).as("steps of " + taskId).doesNotHaveDuplicates();
            assertThat(steps.stream().filter(t -> t.status() == TaskStatus.ENDED)).as("ends of " + taskId).hasSize(1);
        }
        String said = Files.readString(WorkerNodes.log(dir, "survivor"));
        assertThat(REBUILT_TASKS.matcher(said).find())
                .as("the survivor rebuilt the lost worker's tasks; it said:%n%s", said).isTrue();

        Path got = dir.resolve("kafka");
        KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", d.prefix(), "--out", got.toString(),
                "--idle", "5s", "--start", recordingStart.toString());
        List<String> raised = TopicReader.readAll(kafka, d.prefix(), List.of(Topic.ALERTS), Duration.ofSeconds(3),
                        b -> { })
                .stream().map(r -> ((Alert) r.event()).id()).toList();
        assertThat(raised).as("alert ids on the alerts topic").isNotEmpty().doesNotHaveDuplicates();
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = withoutOperator(KafkaPipelineTest.comparable(dir.resolve("process").resolve(f)));
            List<String> lines = withoutOperator(KafkaPipelineTest.comparable(got.resolve(f)));
            assertThat(KafkaRolesTest.withoutPlace(lines)).as(f).isEqualTo(KafkaRolesTest.withoutPlace(expected));
        }
    }

    /** A task an operator made. */
    private record Dispatched(String id, String incident, String unit) {
    }

    /** Dispatches the first ranked unit to the first open incident the node holds; the task made. */
    private Dispatched dispatchOnAnOpenIncident(String url) throws Exception {
        for (JsonNode i : get(url + "/api/v1/incidents?open=true")) {
            String id = i.path("id").asText();
            JsonNode ranked = get(url + "/api/v1/incidents/" + id + "/recommendations").path("recommendations");
            if (ranked.isEmpty()) {
                continue;
            }
            String unit = ranked.get(0).path("unit").asText();
            HttpResponse<String> r = post(url + "/api/v1/incidents/" + id + "/dispatch",
                    JSON.createObjectNode().put("unit", unit).toString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return new Dispatched(JSON.readTree(r.body()).path("id").asText(), id, unit);
        }
        throw new AssertionError("no open incident with a unit to send on the lost worker");
    }

    /**
     * The lines less the incident steps past open (the operator's dispatch and resolution, which {@code process},
     * without operators, has not), on both sides alike.
     */
    private static List<String> withoutOperator(List<String> lines) throws Exception {
        List<String> kept = new ArrayList<>();
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            if (!n.has("change") || n.path("status").asText().equals("open")) {
                kept.add(l);
            }
        }
        return kept;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = commander.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return send("POST", url, body);
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return commander.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void publish(String kafka, String prefix, Path part) {
        nodes.publish(kafka, prefix, part, "--start", recordingStart.toString());
    }

}
