package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitClaim;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two response desks must not task the same free unit: two {@code rules,response} nodes in the test's JVM, one
 * partition each behind a tracker node, work two thirds of the seed-7 recording; then, in each round (up to three), an
 * operator
 * on each node dispatches the same free unit, at the same moment, to an open incident of that node's own sectors.
 * Exactly one dispatch is made (201) and the other is refused (409, the unit claimed by another desk), every round;
 * the tasks topic holds one dispatch of the unit. The winner is then stopped: the loser takes its partition over,
 * lists the task and keeps the unit claimed; when the operator resolves the winner's incident there, the task's end
 * releases the unit, and the loser's dispatch of it to its own incident is made. A node started then holds every
 * claim in force (read from the topic's start), and the partition it takes frees none of them.
 */
class KafkaUnitClaimTest {
    private static final int PARTITIONS = 2;
    private static final int ROUNDS = 3;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);

    private final OperatorClient operator = new OperatorClient();

    @Test
    void twoDesksDispatchingTheSameFreeUnitAtOnceMakeOneTask() throws Exception {
        String kafka = TestBroker.bootstrap();
        WorkerNodes.Desks d = nodes.desks(kafka);
        List<Race> races = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             ShekaraServer tracker = nodes.node("tracker", d.theatre(), d.bus(), "tracker");
             ShekaraServer a = nodes.node("a", d.theatre(), d.bus(), "rules", "response");
             ShekaraServer b = nodes.node("b", d.theatre(), d.bus(), "rules", "response")) {
            List<String> urls = List.of(WorkerNodes.url(a), WorkerNodes.url(b));
            for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                nodes.await(group + ": each node holds one partition", () -> WorkerNodes.holdings(admin, group)
                        .equals(List.of(1, 1)));
            }
            // Stamped so that the operators' dispatches (at the wall clock's time) fall inside the recording.
            Instant start = Instant.now().minusSeconds(60);
            nodes.publish(kafka, d.prefix(), d.thirds().get(0), "--start", start.toString());
            nodes.publish(kafka, d.prefix(), d.thirds().get(1), "--start", start.toString());
            tracker.bus().drain();
            nodes.await("the rules handled two thirds", () -> WorkerNodes.committedToEnd(admin, d.rulesGroup(),
                    WorkerNodes.named(d.prefix(), List.of(Topic.TRACKS)), PARTITIONS));
            nodes.await("the dispatch desks handled two thirds", () -> WorkerNodes.committedToEnd(admin,
                    d.responseGroup(),
                    WorkerNodes.named(d.prefix(), WorkerNodes.RESPONSE_INPUTS), PARTITIONS));

            // Each round takes the oldest open incident without a task on each node: the loser's is raced for again.
            List<List<String>> open = List.of(openIncidents(urls.get(0)), openIncidents(urls.get(1)));
            System.out.printf("open incidents on A and B: %s%n", open);
            Set<String> used = new LinkedHashSet<>();
            while (races.size() < ROUNDS && !open.get(0).isEmpty() && !open.get(1).isEmpty()) {
                int round = races.size();
                String incidentA = open.get(0).getFirst();
                String incidentB = open.get(1).getFirst();
                String unit = freeOnBoth(urls, incidentA, incidentB, used);
                used.add(unit);
                List<HttpResponse<String>> answers = atOnce(urls.get(0), incidentA, urls.get(1), incidentB, unit);
                List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
                assertThat(statuses).as("round %d, %s to %s on A and to %s on B: %s", round, unit, incidentA, incidentB,
                        answers.stream().map(HttpResponse::body).toList()).containsExactlyInAnyOrder(201, 409);
                int winner = statuses.indexOf(201);
                // Refused on its claim, or (the other's task read already) as tasked elsewhere: the same sentence.
                assertThat(answers.get(1 - winner).body()).as("the refusal")
                        .contains("unit " + unit + " is tasked already");
                races.add(new Race(unit, winner, open.get(winner).removeFirst(), open.get(1 - winner).getFirst()));
            }
            assertThat(races).as("rounds raced, open incidents on each node: %s", open).isNotEmpty();
            System.out.printf("races: %s%n", races);
            nodes.await("every dispatch step is on the tasks topic", () -> WorkerNodes.tasks(kafka, d.prefix()).stream()
                    .filter(t -> t.status() == TaskStatus.DISPATCHED).count() >= races.size());
            for (Race r : races) {
                List<Task> made = WorkerNodes.tasks(kafka, d.prefix()).stream()
                        .filter(t -> t.unit().equals(r.unit()) && t.status() == TaskStatus.DISPATCHED).toList();
                assertThat(made).as("dispatches of %s", r.unit()).hasSize(1);
                assertThat(made.getFirst().incident()).isEqualTo(r.won());
                List<UnitClaim> claims = TopicReader.readAll(kafka, d.prefix(), List.of(Topic.UNIT_CLAIMS),
                        Duration.ofSeconds(1), x -> { }).stream().map(x -> (UnitClaim) x.event())
                        .filter(c -> c.unit().equals(r.unit())).toList();
                // Two claims, or one when the loser had read the winner's task already (refused before claiming).
                assertThat(claims).as("claims of %s", r.unit()).hasSizeBetween(1, 2)
                        .allMatch(c -> c.kind() == UnitClaim.Kind.CLAIM);
                assertThat(claims.getFirst().incident()).as("the first claim of %s wins", r.unit()).isEqualTo(r.won());
            }
            assertThat(a.meters().counter("shekara.response.claims.won").count()
                    + b.meters().counter("shekara.response.claims.won").count()).as("claims won")
                    .isEqualTo(races.size());
            assertThat(a.meters().counter("shekara.response.claims.lost").count()
                    + b.meters().counter("shekara.response.claims.lost").count()).as("claims lost")
                    .isBetween(0.0, (double) races.size());

            // The winner of the last round stops: the loser takes its partition over and keeps the unit claimed ...
            Race first = races.getLast(); // its loser's incident has no task
            ShekaraServer loser = first.winner() == 0 ? b : a;
            String loserUrl = urls.get(1 - first.winner());
            (first.winner() == 0 ? a : b).close();
            for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                nodes.await(group + ": the loser holds both partitions", () -> WorkerNodes.holdings(admin, group)
                        .equals(List.of(PARTITIONS)));
            }
            nodes.await("the loser lists the winner's incident", () -> ids(loserUrl + "/api/v1/incidents?open=true")
                    .contains(first.won()));
            nodes.await("the loser lists the winner's task", () -> taskIds(loserUrl).contains(first.won() + "."
                    + first.unit()));
            Thread.sleep(1_000);
            assertThat(held(loser)).as("units claimed, on the loser after the take-over").isEqualTo(races.size());
            HttpResponse<String> again = dispatch(loserUrl, first.lost(), first.unit());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
            // ... until the task ends: the operator resolves its incident there, and the unit is free for any desk.
            HttpResponse<String> resolved = send("PUT", loserUrl + "/api/v1/incidents/" + first.won() + "/status",
                    "{\"status\":\"resolved\",\"disposition\":\"confirmed\"}");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            nodes.await("the end released the unit", () -> held(loser) == races.size() - 1);
            HttpResponse<String> made = dispatch(loserUrl, first.lost(), first.unit());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            nodes.await("the new claim is read", () -> held(loser) == races.size());

            // A node started now reads every claim from the topic's start, and taking a partition frees none in force.
            try (ShekaraServer c = nodes.node("c", d.theatre(), d.bus(), "rules", "response")) {
                nodes.await(d.responseGroup() + ": the new node holds a partition", () -> WorkerNodes.holdings(admin,
                        d.responseGroup()).equals(List.of(1, 1)));
                nodes.await("the new node holds every claim in force", () -> held(c) == races.size());
                Thread.sleep(1_000);
                assertThat(List.of(held(loser), held(c))).as("units claimed on the old and the new node")
                        .containsOnly((double) races.size());
            }
        }
    }

    /** A round: the unit raced for, the index of the node that won (0: A), the incidents it was won and lost for. */
    private record Race(String unit, int winner, String won, String lost) {
    }

    /** The open incidents a node lists (its own sectors'), oldest first. */
    private List<String> openIncidents(String url) throws Exception {
        List<String> ids = new ArrayList<>(); // mutable: the test takes incidents off as they are tasked
        for (JsonNode i : get(url + "/api/v1/incidents?open=true")) {
            if (i.path("status").asText().equals("open")) {
                ids.add(i.path("id").asText());
            }
        }
        return ids;
    }

    /** A unit ranked for both incidents (else the first ranked for A's), not raced for before. */
    private String freeOnBoth(List<String> urls, String incidentA, String incidentB, Set<String> used)
            throws Exception {
        List<String> onA = ranked(urls.get(0), incidentA);
        List<String> onB = ranked(urls.get(1), incidentB);
        return onA.stream().filter(u -> !used.contains(u) && onB.contains(u)).findFirst()
                .orElseGet(() -> onA.stream().filter(u -> !used.contains(u)).findFirst().orElseThrow());
    }

    private List<String> ranked(String url, String incident) throws Exception {
        return get(url + "/api/v1/incidents/" + incident + "/recommendations").path("recommendations")
                .findValuesAsText("unit");
    }

    /** Both dispatches sent at the same moment, each from a thread of its own; their answers, A's first. */
    private List<HttpResponse<String>> atOnce(String urlA, String incidentA, String urlB, String incidentB,
                                              String unit) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> dispatchOn(go, urlA,
                incidentA, unit));
        CompletableFuture<HttpResponse<String>> onB = CompletableFuture.supplyAsync(() -> dispatchOn(go, urlB,
                incidentB, unit));
        Thread.sleep(100); // both threads waiting at the gate
        go.countDown();
        return List.of(onA.get(), onB.get());
    }

    private HttpResponse<String> dispatchOn(CountDownLatch go, String url, String incident, String unit) {
        try {
            go.await();
            return dispatch(url, incident, unit);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> dispatch(String url, String incident, String unit) throws Exception {
        return send("POST", url + "/api/v1/incidents/" + incident + "/dispatch",
                JSON.createObjectNode().put("unit", unit).toString());
    }

    private List<String> taskIds(String url) {
        return ids(url + "/api/v1/tasks");
    }

    private List<String> ids(String url) {
        try {
            return get(url).findValuesAsText("id");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double held(ShekaraServer node) {
        return node.meters().get("shekara.response.claims.held").gauge().value();
    }

    private JsonNode get(String url) throws Exception {
        return operator.get(url);
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return operator.send(method, url, body);
    }
}
