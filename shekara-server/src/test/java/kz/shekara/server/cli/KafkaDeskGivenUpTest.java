package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebalance moves sectors away from a {@code rules,response} node: node A works the seed-7 recording alone (two
 * partitions), with a task dispatched on an open incident of each partition; the last third is published 45
 * minutes of event time later, so that the incidents' events lie outside the dispatch desk's window (30 min) when
 * node B joins and takes one partition. A, the giver, then lists none of that partition's alerts, incidents and
 * tasks and publishes nothing more for its sectors; B, the taker, follows the incident opened longer ago than the
 * window (it ranks units for it), lists its task, and ends the task when the operator resolves the incident on it,
 * the end keyed by the incident's sector.
 */
class KafkaDeskGivenUpTest {
    private static final int PARTITIONS = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Topic<?>> INPUTS = List.of(Topic.TRACKS, Topic.OBSERVATIONS);

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);

    private final OperatorClient operator = new OperatorClient();

    @Test
    void theGiverDropsTheSectorsAndTheTakerFollowsAnIncidentOlderThanTheWindow() throws Exception {
        String kafka = TestBroker.bootstrap();
        WorkerNodes.Desks d = nodes.desks(kafka);
        List<String> inputs = WorkerNodes.named(d.prefix(), INPUTS);
        List<String> responseInputs = WorkerNodes.named(d.prefix(), WorkerNodes.RESPONSE_INPUTS);
        Map<Integer, Dispatched> dispatched = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             ShekaraServer tracker = nodes.node("tracker", d.theatre(), d.bus(), "tracker");
             ShekaraServer a = nodes.node("a", d.theatre(), d.bus(), "rules", "response")) {
            String aUrl = WorkerNodes.url(a);
            for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                nodes.await(group + ": A holds both partitions", () -> WorkerNodes.holdings(admin, group)
                        .equals(List.of(PARTITIONS)));
            }
            // Stamped so that the operator's dispatches (at the wall clock's time) fall inside the first two thirds.
            Instant start = Instant.now().minusSeconds(60);
            nodes.publish(kafka, d.prefix(), d.thirds().get(0), "--start", start.toString());
            nodes.publish(kafka, d.prefix(), d.thirds().get(1), "--start", start.toString());
            tracker.bus().drain();
            nodes.await("A's rules handled two thirds", () -> WorkerNodes.committedToEnd(admin, d.rulesGroup(), inputs,
                    PARTITIONS));
            nodes.await("A's dispatch desk handled two thirds", () -> WorkerNodes.committedToEnd(admin,
                    d.responseGroup(),
                    responseInputs, PARTITIONS));
            assertThat(partitionsOf(get(aUrl + "/api/v1/alerts?limit=1000"), d.theatre()))
                    .as("partitions of the alerts A lists").containsExactlyInAnyOrder(0, 1);
            // A task on an open incident of each partition, by an operator (at the wall clock's time).
            for (JsonNode i : get(aUrl + "/api/v1/incidents?open=true")) {
                int p = SectorPartitions.of(i.path("sector").asText(), PARTITIONS);
                String id = i.path("id").asText();
                JsonNode ranked = get(aUrl + "/api/v1/incidents/" + id + "/recommendations").path("recommendations");
                if (!dispatched.containsKey(p) && i.path("status").asText().equals("open") && !ranked.isEmpty()) {
                    HttpResponse<String> r = send("POST", aUrl + "/api/v1/incidents/" + id + "/dispatch",
                            JSON.createObjectNode().put("unit", ranked.get(0).path("unit").asText()).toString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    dispatched.put(p, new Dispatched(JSON.readTree(r.body()).path("id").asText(), id));
                }
            }
            assertThat(dispatched.keySet()).as("partitions with a task dispatched").containsExactlyInAnyOrder(0, 1);
            // 45 minutes later in event time: the incidents' last events fall outside the dispatch desk's window.
            nodes.publish(kafka, d.prefix(), d.thirds().get(2), "--start",
                    start.plus(Duration.ofMinutes(45)).toString());
            tracker.bus().drain();
            nodes.await("A's rules handled the last third", () -> WorkerNodes.committedToEnd(admin, d.rulesGroup(),
                    inputs,
                    PARTITIONS));
            nodes.await("A's dispatch desk handled the last third", () -> WorkerNodes.committedToEnd(admin,
                    d.responseGroup(), responseInputs, PARTITIONS));
            long before = a.bus().log().latestSeq();

            try (ShekaraServer b = nodes.node("b", d.theatre(), d.bus(), "rules", "response")) {
                String bUrl = WorkerNodes.url(b);
                for (String group : List.of(d.rulesGroup(), d.responseGroup())) {
                    nodes.await(group + ": each node holds one partition", () -> WorkerNodes.holdings(admin, group)
                            .equals(List.of(1, 1)));
                }
                nodes.await("A measured its one partition", () -> held(a, d.rulesGroup(), d.prefix()).size() == 1);
                int kept = held(a, d.rulesGroup(), d.prefix()).iterator().next();
                int given = 1 - kept;
                nodes.await("B measured the partition taken",
                        () -> held(b, d.rulesGroup(), d.prefix()).equals(Set.of(given)));
                nodes.await("B's dispatch desk holds its partition", () -> held(b, d.responseGroup(), d.prefix())
                        .equals(Set.of(given)));
                Thread.sleep(3_000); // the wall-clock ticks of both nodes move event time on meanwhile

                // The giver: nothing of the sectors given up is listed ...
                assertThat(partitionsOf(get(aUrl + "/api/v1/alerts?limit=1000"), d.theatre()))
                        .as("partitions of the alerts A lists after giving %d up", given).containsExactly(kept);
                assertThat(partitionsOf(get(aUrl + "/api/v1/incidents"), d.theatre()))
                        .as("partitions of the incidents A lists after giving %d up", given).containsExactly(kept);
                assertThat(get(aUrl + "/api/v1/tasks").findValuesAsText("id")).as("A's tasks")
                        .contains(dispatched.get(kept).id()).doesNotContain(dispatched.get(given).id());
                // ... and nothing more is published for them by it.
                Set<String> givenSectors = sectorsOf(d.theatre(), given);
                Set<String> givenAlerts = TopicReader.readAll(kafka, d.prefix(), List.of(Topic.ALERTS),
                        Duration.ofSeconds(2), s -> { }).stream().map(r -> (Alert) r.event())
                        .filter(x -> givenSectors.contains(x.sector())).map(Alert::id).collect(Collectors.toSet());
                List<StoredEvent> since = a.bus().log().readAfter(before).filter(e -> switch (e.event()) {
                    case Alert x -> givenSectors.contains(x.sector());
                    case IncidentEvent x -> givenSectors.contains(x.sector());
                    case AlertChange x -> givenAlerts.contains(x.alert());
                    case Task x -> givenSectors.contains(e.key());
                    default -> false;
                }).toList();
                assertThat(since).as("what A published for the sectors it gave up").isEmpty();

                // The taker follows the old incident and ends its task when it is resolved.
                Dispatched task = dispatched.get(given);
                assertThat(get(bUrl + "/api/v1/tasks").findValuesAsText("id")).as("B's tasks").contains(task.id());
                HttpResponse<String> ranked = send("GET", bUrl + "/api/v1/incidents/" + task.incident()
                        + "/recommendations", null);
                assertThat(ranked.statusCode()).as("B ranks units for %s: %s", task.incident(), ranked.body())
                        .isEqualTo(200);
                HttpResponse<String> resolved = send("PUT", bUrl + "/api/v1/incidents/" + task.incident()
                        + "/status", "{\"status\":\"resolved\",\"disposition\":\"confirmed\"}");
                assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
                nodes.await("B ended the task", () -> tasks(kafka, d.prefix()).stream()
                        .anyMatch(r -> ((Task) r.event()).id().equals(task.id())
                                && ((Task) r.event()).status() == TaskStatus.ENDED));
                List<TopicReader.Read> ends = tasks(kafka, d.prefix()).stream()
                        .filter(r -> ((Task) r.event()).id().equals(task.id())
                                && ((Task) r.event()).status() == TaskStatus.ENDED).toList();
                assertThat(ends).as("ends of %s", task.id()).hasSize(1);
                assertThat(ends.getFirst().partition()).as("partition of the end of %s (its incident's sector's)",
                        task.id()).isEqualTo(given);
                assertThat(get(bUrl + "/api/v1/tasks").findValuesAsText("id")).as("B's tasks after the end")
                        .doesNotContain(task.id());
            }
        }
    }

    /** A task an operator made, on an incident. */
    private record Dispatched(String id, String incident) {
    }

    /** The partitions of the sectors of the items listed (alerts or incidents). */
    private static Set<Integer> partitionsOf(JsonNode items, Theatre theatre) {
        Set<Integer> ps = new HashSet<>();
        for (JsonNode n : items) {
            String sector = n.path("sector").asText(null);
            if (sector != null && theatre.sectors().stream().anyMatch(s -> s.id().equals(sector))) {
                ps.add(SectorPartitions.of(sector, PARTITIONS));
            }
        }
        return ps;
    }

    private static Set<String> sectorsOf(Theatre theatre, int partition) {
        return new HashSet<>(SectorPartitions.in(partition, theatre.sectors().stream().map(Sector::id).toList(),
                PARTITIONS));
    }

    /** The partitions of the tracks topic a node's consumer of {@code group} holds, as its lag meters show them. */
    private static Set<Integer> held(ShekaraServer node, String group, String prefix) {
        return node.meters().find("shekara.kafka.consumer.lag").tag("group", group)
                .tag("topic", prefix + Topic.TRACKS.name()).gauges().stream()
                .map(g -> Integer.parseInt(((Gauge) g).getId().getTag("partition"))).collect(Collectors.toSet());
    }

    private static List<TopicReader.Read> tasks(String kafka, String prefix) {
        return TopicReader.readAll(kafka, prefix, List.of(Topic.TASKS), Duration.ofSeconds(1), b -> { });
    }

    private JsonNode get(String url) throws Exception {
        return operator.get(url);
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return operator.send(method, url, body);
    }
}
