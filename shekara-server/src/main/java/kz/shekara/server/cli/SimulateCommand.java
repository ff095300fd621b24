package kz.shekara.server.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SensorFailure;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Theatre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shekara simulate}: runs the exercise scenario on a theatre as fast as possible and writes its
 * detections (with the sensors' heartbeats), truth and unit positions as JSONL (times in seconds since the start) with a
 * {@code scenario.json} describing the run. The same seed, start, duration and theatre give the
 * same bytes.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write an exercise scenario's detections, truth and unit positions as JSONL.")
public final class SimulateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TheatreOption theatre;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "Scenario length: 90s, 10m, 1h30m or ISO PT10M (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class,
            description = "Event time of the scenario start, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files into.")
    private Path out;

    @Option(names = "--walkers", description = "Walkers (default: 12).")
    private Integer walkers;

    @Option(names = "--vehicles", description = "Vehicles (default: 8).")
    private Integer vehicles;

    @Option(names = "--boats", description = "Boats (default: 6).")
    private Integer boats;

    @Option(names = "--loiterers", description = "Loiterers (default: 2).")
    private Integer loiterers;

    @Option(names = "--no-sensor-failure",
            description = "Keep every sensor working (by default one ground sensor falls silent 3 minutes in).")
    private boolean noSensorFailure;

    @Override
    public Integer call() throws Exception {
        Theatre t = theatre.load();
        ScenarioConfig d = ScenarioConfig.DEFAULT;
        ScenarioConfig config = d.withCounts(orDefault(walkers, d.walkers(), "--walkers"),
                orDefault(vehicles, d.vehicles(), "--vehicles"), orDefault(boats, d.boats(), "--boats"),
                orDefault(loiterers, d.loiterers(), "--loiterers"));
        List<SensorFailure> failures = noSensorFailure ? List.of() : SensorFailure.demo(t).stream().toList();
        Simulator sim = new Simulator(t, seed, start, config, failures);
        ScenarioFiles.Counts counts = ScenarioFiles.write(sim, duration, out, t.defaultMarking().asExercise());
        Files.writeString(out.resolve("scenario.json"), describe(t, config, sim.moverCount(), counts, failures),
                StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("exercise scenario (seed %d, %s from %s) on theatre %s: "
                        + "%d detections, %d heartbeats, %d truth states, %d unit positions in %s%n", seed, duration,
                start, t.name(), counts.detections(), counts.heartbeats(), counts.truth(), counts.units(), out);
        return 0;
    }

    private int orDefault(Integer v, int dflt, String flag) {
        if (v == null) {
            return dflt;
        }
        if (v < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), flag + " must be >= 0, got " + v);
        }
        return v;
    }

    private String describe(Theatre t, ScenarioConfig c, int movers, ScenarioFiles.Counts counts,
                            List<SensorFailure> failures) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("theatre", t.name());
        o.put("marking", "exercise");
        o.put("seed", seed);
        o.put("start", start.toString());
        o.put("duration", duration.toString());
        o.put("time", "seconds since start");
        ObjectNode m = o.putObject("movers");
        m.put("walkers", c.walkers());
        m.put("vehicles", c.vehicles());
        m.put("boats", c.boats());
        m.put("loiterers", c.loiterers());
        m.put("present", movers);
        o.put("crossing_share", c.crossingShare());
        o.put("site_approach_share", c.siteApproachShare());
        o.put("step", c.step().toString());
        o.put("unit_report_interval", c.unitReportInterval().toString());
        var failed = o.putArray("sensor_failures");
        failures.forEach(x -> failed.addObject().put("sensor", x.sensor()).put("after", x.after().toString()));
        ObjectNode f = o.putObject("files");
        f.put(ScenarioFiles.DETECTIONS, counts.detections() + counts.heartbeats());
        f.put("heartbeats", counts.heartbeats());
        f.put(ScenarioFiles.TRUTH, counts.truth());
        f.put(ScenarioFiles.UNITS, counts.units());
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(pp).writeValueAsString(o) + "\n";
    }
}
