package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * role ({@code serve --kafka --roles all}) works it off, {@code collect} writes the outputs; its alerts
 * and incidents are those {@code process} makes of the same recording (as far as a live pipeline can
 * give them, see {@link #comparable}).
 */
class KafkaPipelineTest {
    @TempDir
    Path dir;

    static String run(String... args) {
        Run r = execute(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }

    /** A command's exit code and what it wrote. */
    record Run(int code, String out, String err) {
    }

    /** Runs a command as {@code shekara ARGS} would, whatever its exit code. */
    static Run execute(String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
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
        run("collect", "--kafka", kafka, "--out", dir.resolve("kafka").toString(), "--idle", "5s");

        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = comparable(dir.resolve("process").resolve(f));
            List<String> got = comparable(dir.resolve("kafka").resolve(f));
            assertThat(expected).as(f).isNotEmpty();
            assertThat(got).as(f).isEqualTo(expected);
        }
        assertThat(Files.readAllLines(dir.resolve("kafka").resolve(ProcessCommand.TRACKS))).isNotEmpty();
    }

    /**
     * The lines of an output file without their time and ids, sorted, leaving out sensor-silent alerts.
     * The live rules (on either bus) see tracks when the live tracker sends them (a change, not every
     * scan as in process), so an alert's time (and the id made from it) may come a scan later, at the
     * same place; and they move event time on with the wall clock between inputs, so a sensor whose
     * plots are still queued can be called silent. See docs/kafka.md.
     */
    static List<String> comparable(Path file) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            ObjectNode o = (ObjectNode) json.readTree(line);
            if (o.path("rule").asText().equals("sensor-silent")) {
                continue;
            }
            o.remove(List.of("time", "alert", "incident"));
            lines.add(o.toString());
        }
        return lines.stream().sorted().toList();
    }
}
