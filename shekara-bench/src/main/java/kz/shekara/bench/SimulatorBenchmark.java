package kz.shekara.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the exercise simulator makes a scenario: one hour of event time on a synthetic theatre
 * (a 170 km land border, 20 radars 2 s / 1 clutter plot per scan, 10 ground sensors, no sea: so
 * no boats), with the default scenario's walkers, vehicles and loiterers times {@code scale}. Reports milliseconds per simulated hour; the event count
 * of one hour is printed at setup so that events per second follow.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class SimulatorBenchmark {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"1", "10"})
    public int scale;

    private Theatre theatre;
    private ScenarioConfig config;

    @Setup
    public void setUp() {
        GeometryFactory gf = new GeometryFactory();
        List<Zone> zones = List.of(
                new Zone("border", ZoneKind.BORDER, "Border", "s1", 0, gf.createLineString(new Coordinate[] {
                    new Coordinate(68.0, 41.0), new Coordinate(68.7, 41.2), new Coordinate(70.0, 41.1)})),
                new Zone("s1", ZoneKind.SECTOR, "Sector", "s1", 0, gf.createPolygon(new Coordinate[] {
                    new Coordinate(68.0, 41.0), new Coordinate(68.7, 41.2), new Coordinate(70.0, 41.1),
                    new Coordinate(70.0, 42.0), new Coordinate(68.0, 42.0), new Coordinate(68.0, 41.0)})));
        List<Sensor> sensors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sensors.add(new Sensor("radar-" + i, SensorKind.RADAR, "Radar " + i, "s1", 41.2, 68.05 + i * 0.1, 15_000,
                    30, Duration.ofSeconds(2), 0.9, 1.0));
        }
        for (int i = 0; i < 10; i++) {
            sensors.add(new Sensor("ugs-" + i, SensorKind.UGS, "UGS " + i, "s1", 41.15, 68.1 + i * 0.2, 500, 50,
                    Duration.ofSeconds(1), 0.9, 0.01));
        }
        theatre = new Theatre("bench", Marking.of(Classification.RESTRICTED, "kz-bs", List.of()),
                List.of(new Sector("s1", "Sector", "south", "UZ", Posture.NORMAL, 41.5, 69.0)), zones, sensors,
                List.of(), List.of(), List.of());
        ScenarioConfig d = ScenarioConfig.DEFAULT;
        config = d.withCounts(d.walkers() * scale, d.vehicles() * scale, d.boats() * scale, d.loiterers() * scale);
        int events = new Simulator(theatre, 1, T0, config).advanceTo(T0.plus(Duration.ofHours(1))).size();
        System.out.printf("%nscale %d: %d events per simulated hour%n", scale, events);
    }

    @Benchmark
    public int oneHour() {
        Simulator sim = new Simulator(theatre, 1, T0, config);
        int n = 0;
        for (int m = 1; m <= 60; m++) {
            n += sim.advanceTo(T0.plus(Duration.ofMinutes(m))).size();
        }
        return n;
    }
}
