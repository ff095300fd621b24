package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker told another partition count than its cluster's topics have (as {@code serve --kafka} with the
 * default {@code --partitions 12} on a broker started with {@code --partitions 3}) deals sectors over the
 * topics' own count, which the producers key by: it tracks every detection and raises the alerts and
 * incidents {@code process} gives.
 */
class KafkaPartitionCountTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerToldTwelvePartitionsOnTopicsOfThreeWorksEverySector() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        String detections = WorkerNodes.recording(dir, "3m").toString();
        // The topics are made with 3 partitions by the publisher, before any worker starts.
        KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions", "3",
                "--in", detections);

        Theatre theatre = TheatreLoader.loadDefault();
        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, 12);
        try (ShekaraServer worker = KafkaNode.start(WorkerNodes.nodeConfig(dir, "worker"), theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("tracker", "rules", "response")))) {
            worker.bus().drain();
            assertThat(worker.meters().get("shekara.tracker.partitions").gauge().value())
                    .as("partitions held").isEqualTo(3);
            assertThat(worker.meters().counter("shekara.tracker.updates").count()).as("track updates").isPositive();
            KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out",
                    dir.resolve("kafka").toString(), "--idle", "5s");
        }
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = KafkaPipelineTest.comparable(dir.resolve("process").resolve(f));
            assertThat(expected).as(f).isNotEmpty();
            List<String> got = KafkaPipelineTest.comparable(dir.resolve("kafka").resolve(f));
            KafkaRolesTest.assertSameToAMetre(f, got, expected);
        }
    }
}
