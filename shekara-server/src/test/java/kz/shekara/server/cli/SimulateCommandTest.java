package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Marking;
import kz.shekara.model.TruthState;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    @TempDir
    Path tmp;

    private static Path theatre() throws Exception {
        return Path.of(SimulateCommandTest.class.getResource("exercise-theatre").toURI());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run simulate(String... args) {
        CommandLine cl = ShekaraCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesDetectionsTruthUnitsAndScenarioDescription() throws Exception {
        Path dir = tmp.resolve("run");
        Run run = simulate("--theatre", theatre().toString(), "--seed", "5", "--duration", "90s", "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Exercise fixture").contains("detections");

        JsonlCodec codec = new JsonlCodec(Simulator.DEFAULT_START, true, Marking.of(
                kz.shekara.model.Classification.RESTRICTED, "kz-bs", List.of()));
        List<String> detections = Files.readAllLines(dir.resolve("detections.jsonl"));
        List<String> truth = Files.readAllLines(dir.resolve("truth.jsonl"));
        List<String> units = Files.readAllLines(dir.resolve("units.jsonl"));
        assertThat(detections).hasSizeGreaterThan(100);
        Instant last = Simulator.DEFAULT_START;
        long heartbeats = 0;
        for (String line : detections) {
            DomainEvent d = codec.decodeSensorReport(line);
            assertThat(d.time()).isAfterOrEqualTo(last).isBeforeOrEqualTo(Simulator.DEFAULT_START.plusSeconds(90));
            last = d.time();
            heartbeats += d instanceof SensorHeartbeat ? 1 : 0;
        }
        assertThat(heartbeats).as("scans with nothing to report send a heartbeat").isPositive();
        assertThat(detections.get(0)).startsWith("{\"time\":");
        // All 28 movers of the default scenario (the fixture has land, sea and a site) at 91 one-second steps.
        assertThat(truth).hasSize(91 * 28);
        TruthState first = codec.decodeTruth(truth.get(0));
        assertThat(first.time()).isEqualTo(Simulator.DEFAULT_START);
        assertThat(truth.get(0)).contains("\"vn\"").contains("\"ve\"").contains("\"target\"");
        assertThat(units).hasSize(10);
        assertThat(codec.decodeUnitPosition(units.get(9)).time()).isEqualTo(Simulator.DEFAULT_START.plusSeconds(90));

        JsonNode scenario = new ObjectMapper().readTree(dir.resolve("scenario.json").toFile());
        assertThat(scenario.get("seed").asLong()).isEqualTo(5);
        assertThat(scenario.get("start").asText()).isEqualTo(Simulator.DEFAULT_START.toString());
        assertThat(scenario.get("duration").asText()).isEqualTo("PT1M30S");
        assertThat(scenario.get("marking").asText()).isEqualTo("exercise");
        assertThat(scenario.at("/movers/walkers").asInt()).isEqualTo(12);
        assertThat(scenario.at("/files/detections.jsonl").asLong()).isEqualTo(detections.size());
        assertThat(scenario.at("/files/heartbeats").asLong()).isEqualTo(heartbeats);
        assertThat(scenario.get("sensor_failures")).as("the exercise fixture has no ground sensor to fail").isEmpty();
    }

    @Test
    void sameSeedWritesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        String th = theatre().toString();
        for (String[] r : new String[][] {{"a", "11"}, {"b", "11"}, {"c", "12"}}) {
            Run run = simulate("--theatre", th, "--seed", r[1], "--duration", "PT3M", "--start", "2026-05-01T12:00:00Z",
                    "--out", tmp.resolve(r[0]).toString());
            assertThat(run.exit()).as(run.err()).isZero();
        }
        for (String f : List.of("detections.jsonl", "truth.jsonl", "units.jsonl", "scenario.json")) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        assertThat(Files.readAllBytes(tmp.resolve("a/detections.jsonl")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("c/detections.jsonl")));
        assertThat(Files.readAllBytes(tmp.resolve("a/truth.jsonl")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("c/truth.jsonl")));
    }

    @Test
    void runsOnTheDefaultTheatreWithoutTheatreFlag() throws Exception {
        Path dir = tmp.resolve("default");
        Run run = simulate("--duration", "30s", "--out", dir.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("(default)");
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl"))).hasSize(31 * 28);
        assertThat(Files.readAllLines(dir.resolve("detections.jsonl"))).isNotEmpty();
    }

    @Test
    void badDurationIsOneLineAndExitTwo() throws Exception {
        Run run = simulate("--theatre", theatre().toString(), "--duration", "ten minutes", "--out", tmp.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("not a duration");
    }

    @Test
    void defaultStartIsTheSimulatorsDefault() {
        CommandLine cl = new CommandLine(new SimulateCommand());
        assertThat(cl.getCommandSpec().findOption("--start").defaultValue())
                .isEqualTo(Simulator.DEFAULT_START.toString());
    }
}
