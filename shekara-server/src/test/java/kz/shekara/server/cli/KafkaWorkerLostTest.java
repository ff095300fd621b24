package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import kz.shekara.model.Alert;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracker worker lost: two tracker workers share the observations partitions, one of them a child
 * JVM ({@code serve --kafka --roles tracker}) killed with SIGKILL while the second third of a recording
 * is being published; the other takes its partitions, rebuilds them from the topic and goes on. The
 * tracks, alerts and incidents are those of one worker that ran the whole recording undisturbed: every
 * track update the same (no track id made twice, none lost), no alert id raised twice on the alerts
 * topic, the same incidents (none split).
 */
class KafkaWorkerLostTest {
    private static final int PARTITIONS = 4;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);

    @Test
    void survivingWorkerTakesOverTheLostWorkersSectors() throws Exception {
        String kafka = TestBroker.bootstrap();
        Theatre theatre = TheatreLoader.loadDefault();
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "3m", "--out", sim.toString());
        List<Path> thirds = WorkerNodes.thirds(dir, sim.resolve("detections.jsonl"));

        // Undisturbed: one tracker worker (with the rules) works the whole recording.
        String quiet = TestBroker.prefix();
        for (Path part : thirds) {
            nodes.publish(kafka, quiet, part);
        }
        try (ShekaraServer one = KafkaNode.start(nodes.nodeConfig("quiet"), theatre, Clock.systemUTC(), nodes.bus(kafka, quiet),
                NodeRoles.parse(List.of("tracker", "rules", "response")))) {
            one.bus().drain();
        }
        Path expected = collect(kafka, quiet, "quiet-out");

        // Disturbed: the rules on a node of their own, two tracker workers, one killed mid-stream.
        String lost = TestBroker.prefix();
        String group = "shekara." + lost + "tracker.observations";
        String observations = lost + Topic.OBSERVATIONS.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             ShekaraServer rules = KafkaNode.start(nodes.nodeConfig("rules"), theatre, Clock.systemUTC(), nodes.bus(kafka, lost),
                     NodeRoles.parse(List.of("rules", "response")))) {
            nodes.publish(kafka, lost, thirds.get(0));
            Process child = nodes.start("child", kafka, lost, "tracker");
            nodes.await("the child worker handled the first third", () -> WorkerNodes.committedToEnd(admin, group, List.of(observations), PARTITIONS));
            try (ShekaraServer survivor = KafkaNode.start(nodes.nodeConfig("survivor"), theatre, Clock.systemUTC(),
                    nodes.bus(kafka, lost), NodeRoles.parse(List.of("tracker")))) {
                nodes.await("the partitions are shared", () -> held(survivor) == PARTITIONS / 2);
                nodes.publish(kafka, lost, thirds.get(1));
                long killed = System.nanoTime();
                child.destroyForcibly(); // SIGKILL: no leave, no last commit
                child.waitFor();
                nodes.await("the survivor holds every partition", () -> held(survivor) == PARTITIONS);
                // A figure for the record (the group's session timeout and the rebuild), never asserted.
                System.out.printf("take-over: every partition held by the survivor %d ms after the kill, %.0f records "
                        + "replayed in all%n", (System.nanoTime() - killed) / 1_000_000,
                        survivor.meters().counter("shekara.tracker.replayed").count());
                nodes.publish(kafka, lost, thirds.get(2));
                survivor.bus().drain();
                assertThat(survivor.meters().counter("shekara.tracker.replayed").count())
                        .as("records replayed to rebuild the partitions taken over").isPositive();
                rules.bus().drain();
            }
        }
        Path got = collect(kafka, lost, "lost-out");

        List<String> tracks = sorted(got.resolve(ProcessCommand.TRACKS));
        assertThat(tracks).isNotEmpty().isEqualTo(sorted(expected.resolve(ProcessCommand.TRACKS)));
        assertThat(trackIds(got)).isEqualTo(trackIds(expected));
        List<String> raised = TopicReader.readAll(kafka, lost, List.of(Topic.ALERTS), Duration.ofSeconds(3), b -> { })
                .stream().map(r -> ((Alert) r.event()).id()).toList();
        assertThat(raised).as("alert ids on the alerts topic").isNotEmpty().doesNotHaveDuplicates();
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            assertThat(KafkaPipelineTest.comparable(got.resolve(f))).as(f)
                    .isEqualTo(KafkaPipelineTest.comparable(expected.resolve(f)));
        }
    }

    private Path collect(String kafka, String prefix, String name) {
        Path out = dir.resolve(name);
        KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out", out.toString(),
                "--idle", "5s");
        return out;
    }

    private static int held(ShekaraServer worker) {
        return (int) worker.meters().get("shekara.tracker.partitions").gauge().value();
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    private static Set<String> trackIds(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(out.resolve(ProcessCommand.TRACKS))) {
            ids.add(json.readTree(line).path("track").asText());
        }
        return ids;
    }
}
