package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Set;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles apart on Kafka: a node with {@code ingest,api} and a node with {@code tracker,rules,response} on
 * the test broker work off a published recording and give the alerts and incidents {@code process}
 * gives (compared as {@link KafkaPipelineTest#comparable} does); the api node's desk shows what the rules
 * node raised. Nodes run in this JVM.
 */
class KafkaRolesTest {
    @TempDir
    Path dir;

    @Test
    void ingestApiNodeAndWorkerNodeGiveWhatProcessGives() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        int partitions = 1;
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "3m", "--out", sim.toString());
        String detections = sim.resolve("detections.jsonl").toString();
        KafkaPipelineTest.run("process", "--in", detections, "--out", dir.resolve("process").toString());
        KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions",
                Integer.toString(partitions), "--in", detections);

        Theatre theatre = TheatreLoader.loadDefault();
        KafkaBusConfig bus = KafkaBusConfig.of(kafka).withPartitions(partitions).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        ShekaraConfig apiConfig = nodeConfig("api");
        TestAccounts.seed(apiConfig, theatre);
        try (ShekaraServer api = KafkaNode.start(apiConfig, theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(Set.of("ingest", "api")));
             ShekaraServer worker = KafkaNode.start(nodeConfig("worker"), theatre, Clock.systemUTC(), bus,
                     NodeRoles.parse(List.of("tracker", "rules", "response")))) {
            assertThat(worker.ports().cot()).as("a node without ingest opens no CoT port").isEqualTo(-1);
            worker.bus().drain();
            KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out",
                    dir.resolve("kafka").toString(), "--idle", "5s");
            long alerts = Files.readAllLines(dir.resolve("kafka").resolve(ProcessCommand.ALERTS)).size();
            assertThat(alerts).isPositive();
            // The api node's desk follows the rules node's outputs: it lists every alert raised.
            HttpClient http = TestAccounts.commander();
            URI uri = URI.create("http://127.0.0.1:" + api.ports().http() + "/api/v1/alerts?limit=1000");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int shown = -1;
            while (System.nanoTime() < deadline && shown != alerts) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode list = new ObjectMapper().readTree(r.body());
                shown = list.size();
                if (shown != alerts) {
                    Thread.sleep(100);
                }
            }
            assertThat(shown).as("alerts on the api node").isEqualTo(alerts);
        }
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = KafkaPipelineTest.comparable(dir.resolve("process").resolve(f));
            assertThat(expected).as(f).isNotEmpty();
            assertThat(KafkaPipelineTest.comparable(dir.resolve("kafka").resolve(f))).as(f).isEqualTo(expected);
        }
    }

    @Test
    void refusesUnknownRolesAndResponseWithoutRules() {
        assertThatThrownBy(() -> NodeRoles.parse(List.of("tracker", "radar")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radar");
        assertThatThrownBy(() -> NodeRoles.parse(List.of("response")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules,response");
        assertThat(NodeRoles.parse(List.of("all")).whole()).isTrue();
        assertThat(NodeRoles.parse(List.of("tracker", "rules", "response", "ingest", "api")).whole()).isTrue();
    }

    private ShekaraConfig nodeConfig(String name) {
        return ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve(name)).validate();
    }
}
