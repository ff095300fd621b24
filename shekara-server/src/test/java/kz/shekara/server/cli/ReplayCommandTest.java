package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code simulate} then {@code replay} of what it wrote: every line goes through the running server. */
class ReplayCommandTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter out, String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    @Test
    void replaysASimulatedScenarioAndReportsBadLinesWithTheirNumbers() throws Exception {
        Path scenario = tmp.resolve("scenario");
        StringWriter sim = new StringWriter();
        assertThat(run(sim, "simulate", "--seed", "9", "--duration", "2m", "--out", scenario.toString()))
                .as(sim.toString()).isZero();
        List<String> lines = Files.readAllLines(scenario.resolve("detections.jsonl"));
        long heartbeats = lines.stream().filter(l -> l.contains("\"heartbeat\":true")).count();
        long detections = lines.size() - heartbeats;
        assertThat(heartbeats).as("the scenario's sensors send heartbeats among their detections").isPositive();
        long units = Files.readAllLines(scenario.resolve("units.jsonl")).size();

        StringWriter out = new StringWriter();
        int code = run(out, "replay", "--in", scenario.resolve("detections.jsonl").toString(), "--units",
                scenario.resolve("units.jsonl").toString(), "--exit-when-done", "--http-port", "0", "--cot-port", "0",
                "--data-dir", tmp.resolve("data1").toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("replayed " + detections + " detections, " + heartbeats + " heartbeats, "
                + units + " unit positions, 0 lines rejected");

        List<String> broken = new ArrayList<>(Files.readAllLines(scenario.resolve("detections.jsonl")));
        broken.add(3, "{\"time\": 1, \"sensor\": \"x\", \"lat\": 95, \"lon\": 69, \"sigma_m\": 10}");
        broken.add(6, "not json");
        Path bad = tmp.resolve("bad.jsonl");
        Files.write(bad, broken);
        StringWriter badOut = new StringWriter();
        int badCode = run(badOut, "replay", "--in", bad.toString(), "--exit-when-done", "--http-port", "0",
                "--cot-port", "0", "--data-dir", tmp.resolve("data2").toString());
        assertThat(badCode).isEqualTo(1);
        assertThat(badOut.toString()).contains("replayed " + detections + " detections")
                .contains("2 lines rejected").contains("bad.jsonl:4: lat-out-of-range")
                .contains("bad.jsonl:7: malformed-json");
    }
}
