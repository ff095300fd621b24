package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline on Kafka end to end: {@code publish} a recording into the topics, one node with every
 * role ({@code serve --kafka --roles all}) works it off, {@code collect} writes the outputs; they are
 * what {@code process} makes of the same recording.
 */
class KafkaPipelineTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    @Test
    void publishServeCollectGivesWhatProcessGives() throws Exception {
        String kafka = TestBroker.bootstrap();
        Path sim = dir.resolve("sim");
        run("simulate", "--seed", "7", "--duration", "3m", "--out", sim.toString());
        String detections = sim.resolve("detections.jsonl").toString();
        run("process", "--in", detections, "--out", dir.resolve("process").toString());

        assertThat(run("publish", "--kafka", kafka, "--in", detections)).contains("detections").contains(kafka);
        ShekaraConfig cfg = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(-1).withDataDir(dir.resolve("node")).validate();
        try (ShekaraServer node = KafkaNode.start(cfg, TheatreLoader.loadDefault(), Clock.systemUTC(), kafka,
                TestBroker.PARTITIONS, Set.of("all"))) {
            node.bus().drain();
        }
        run("collect", "--kafka", kafka, "--out", dir.resolve("kafka").toString(), "--idle", "3s");

        Path keep = Path.of("target", "kafka-pipeline");
        for (String f : List.of(ProcessCommand.TRACKS, ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            Files.createDirectories(keep);
            Files.copy(dir.resolve("process").resolve(f), keep.resolve("process-" + f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve("kafka").resolve(f), keep.resolve("kafka-" + f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = Files.readAllLines(dir.resolve("process").resolve(f)).stream().sorted().toList();
            List<String> got = Files.readAllLines(dir.resolve("kafka").resolve(f)).stream().sorted().toList();
            assertThat(expected).as(f).isNotEmpty();
            assertThat(got).as(f).isEqualTo(expected);
        }
    }
}
