package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.BooleanSupplier;
import kz.shekara.model.ControlChange;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
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
 * Single-unit transfers are decided in the order of the unit-control topic: an operator on an {@code api} node and
 * one on a {@code rules,response} worker, both logged in over HTTP as the commander, transfer the same unit at the
 * same moment (released from one gate on two threads) to two different commands. One answer is 200 and the other
 * 409, and every node shows the unit under the winner's command — the one whose transfer is first on the topic —
 * including a node started afterwards, which reads the topic from its start. A round in which one transfer was made
 * after the other had been read (from its command: no race) is passed by, and the next unit of the command tried.
 */
class KafkaControlTest {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final String OWN = "zhambyl";
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, 2, LIMIT);

    private final NodeClient commander = new NodeClient(TestAccounts.commander());

    @Test
    void ofTwoTransfersOfOneUnitMadeAtOnceOnTwoNodesTheFirstRecordedStandsOnEveryNode() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Theatre theatre = TheatreLoader.loadDefault();
        List<String> units = theatre.units().stream().filter(u -> u.command().equals(OWN)).map(Unit::id).toList();
        assertThat(units).hasSizeGreaterThanOrEqualTo(ROUNDS);
        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, 2);
        try (ShekaraServer a = nodes.node("api", theatre, bus, "api");
             ShekaraServer b = nodes.node("worker", theatre, bus, "rules", "response")) {
            List<String> urls = List.of(api(a), api(b));
            List<String> to = List.of("turkistan", "caspian");
            String unit = null;
            String winner = null;
            for (int round = 0; round < ROUNDS && winner == null; round++) {
                unit = units.get(round);
                List<HttpResponse<String>> answers = atOnce(unit, urls, to);
                List<ControlChange> recorded = recorded(kafka, prefix, unit, 2);
                ControlChange first = recorded.get(0);
                ControlChange second = recorded.get(1);
                assertThat(first.from()).as("the first transfer recorded of %s", unit).isEqualTo(OWN);
                if (answers.get(0).statusCode() == 200 && answers.get(1).statusCode() == 200) {
                    // Both stand only when one was made after the other was read: from its command, not a race.
                    assertThat(second.from()).as("both transfers of %s answered 200 (%s, %s)", unit,
                            answers.get(0).body(), answers.get(1).body()).isEqualTo(first.command());
                    System.out.println("KafkaControlTest: round " + round + " did not race (" + unit + " transferred"
                            + " from " + second.from() + " after it was read): next unit");
                    continue;
                }
                assertThat(answers).extracting(HttpResponse::statusCode).as("one success, one refusal")
                        .containsExactlyInAnyOrder(200, 409);
                int won = answers.get(0).statusCode() == 200 ? 0 : 1;
                winner = to.get(won);
                assertThat(first.command()).as("the transfer first on the topic won").isEqualTo(winner);
                assertThat(second.from()).isEqualTo(OWN);
                assertThat(NodeClient.JSON.readTree(answers.get(won).body()).path("command").asText()).isEqualTo(winner);
                assertThat(NodeClient.JSON.readTree(answers.get(1 - won).body()).path("detail").asText())
                        .contains(unit, "changed hands meanwhile", "now under " + winner, "not transferred");
                System.out.println("KafkaControlTest: round " + round + ": " + unit + " to " + winner + " on node "
                        + (won == 0 ? "api" : "worker") + ", the other refused (409)");
            }
            assertThat(winner).as("a round in which the two transfers raced").isNotNull();
            String raced = unit;
            String held = winner;
            for (String node : urls) {
                await(node + " shows " + raced + " under " + held, () -> holder(node, raced).equals(held));
            }

            // A node that joins now reads unit-control from its start and folds it by the same rule.
            try (ShekaraServer c = nodes.node("late", theatre, bus, "api")) {
                String onC = api(c);
                await("the node that joined shows " + raced + " under " + held, () -> holder(onC, raced).equals(held));
                for (String node : urls) {
                    assertThat(holder(node, raced)).as(node).isEqualTo(held);
                }
            }
        }
    }

    /** Transfers {@code unit} on each node to its command of {@code to}, the requests released from one gate. */
    private List<HttpResponse<String>> atOnce(String unit, List<String> nodes, List<String> to) {
        CyclicBarrier gate = new CyclicBarrier(nodes.size());
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String url = nodes.get(i) + "/units/" + unit + "/control";
            String body = "{\"command\":\"" + to.get(i) + "\",\"reason\":\"reinforces " + to.get(i) + "\"}";
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    gate.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return commander.send("PUT", url, body);
            }));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    /** The first {@code n} changes of {@code unit} on the unit-control topic, in its order (waited for). */
    private static List<ControlChange> recorded(String kafka, String prefix, String unit, int n)
            throws InterruptedException {
        List<ControlChange> found = new ArrayList<>();
        NodeClient.await(n + " changes of " + unit + " on unit-control", () -> {
            found.clear();
            TopicReader.readAll(kafka, prefix, List.of(Topic.UNIT_CONTROL), Duration.ofSeconds(1), x -> { }).stream()
                    .map(r -> (ControlChange) r.event()).filter(c -> c.unit().equals(unit)).forEach(found::add);
            return found.size() >= n;
        }, LIMIT);
        assertThat(found).as("changes of %s on unit-control", unit).hasSize(n);
        return found;
    }

    private String holder(String node, String unit) {
        JsonNode control = commander.get(node + "/units/control");
        return control.path(unit).path("command").asText();
    }

    private static String api(ShekaraServer node) {
        return "http://127.0.0.1:" + node.ports().http() + "/api/v1";
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        NodeClient.await(what, condition, LIMIT);
    }
}
