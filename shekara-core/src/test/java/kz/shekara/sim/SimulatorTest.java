package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Detection;
import kz.shekara.model.TruthState;
import kz.shekara.model.UnitPosition;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    static List<SimEvent> run(Theatre theatre, long seed, ScenarioConfig config, Duration d) {
        return new Simulator(theatre, seed, T0, config).advanceTo(T0.plus(d));
    }

    @Test
    void sameSeedGivesTheSameEventsWhateverTheStepsOfTheCaller() {
        List<SimEvent> once = run(FixtureTheatre.standard(), 42, ScenarioConfig.DEFAULT, Duration.ofMinutes(10));
        Simulator stepped = new Simulator(FixtureTheatre.standard(), 42, T0, ScenarioConfig.DEFAULT);
        List<SimEvent> inSteps = new ArrayList<>();
        for (int ms = 0; ms <= 600_000; ms += 733) {
            inSteps.addAll(stepped.advanceTo(T0.plusMillis(ms)));
        }
        inSteps.addAll(stepped.advanceTo(T0.plus(Duration.ofMinutes(10))));

        assertThat(once).hasSizeGreaterThan(10_000);
        assertThat(inSteps).isEqualTo(once);
        assertThat(run(FixtureTheatre.standard(), 42, ScenarioConfig.DEFAULT, Duration.ofMinutes(10))).isEqualTo(once);
    }

    @Test
    void differentSeedGivesDifferentEvents() {
        List<SimEvent> a = run(FixtureTheatre.standard(), 1, ScenarioConfig.DEFAULT, Duration.ofMinutes(2));
        List<SimEvent> b = run(FixtureTheatre.standard(), 2, ScenarioConfig.DEFAULT, Duration.ofMinutes(2));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void eventsAreInTimeOrderOnWholeMilliseconds() {
        List<SimEvent> events = run(FixtureTheatre.standard(), 7, ScenarioConfig.DEFAULT, Duration.ofMinutes(5));
        assertThat(events).isSortedAccordingTo(Comparator.comparing(SimEvent::time));
        assertThat(events).allSatisfy(e -> assertThat(e.time().getNano() % 1_000_000).isZero());
        assertThat(events.get(0).time()).isEqualTo(T0);
        assertThat(events.get(events.size() - 1).time()).isBeforeOrEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void everyDetectionAndUnitReportIsMarkedExercise() {
        List<SimEvent> events = run(FixtureTheatre.standard(), 3, ScenarioConfig.DEFAULT, Duration.ofMinutes(3));
        List<Detection> detections = detections(events);
        List<UnitPosition> units = events.stream().filter(e -> e instanceof SimEvent.UnitReport)
                .map(e -> ((SimEvent.UnitReport) e).position()).toList();
        assertThat(detections).isNotEmpty();
        assertThat(units).isNotEmpty();
        assertThat(detections).allSatisfy(d -> assertThat(d.marking()).isEqualTo(FixtureTheatre.MARKING.asExercise()));
        assertThat(units).allSatisfy(u -> assertThat(u.marking()).isEqualTo(FixtureTheatre.MARKING.asExercise()));
        assertThat(FixtureTheatre.MARKING.asExercise().exercise()).isTrue();
    }

    @Test
    void truthCoversEveryMoverAtEveryStep() {
        ScenarioConfig config = ScenarioConfig.DEFAULT;
        Simulator sim = new Simulator(FixtureTheatre.standard(), 5, T0, config);
        List<SimEvent> events = sim.advanceTo(T0.plusSeconds(60));
        Map<Instant, Integer> perStep = new LinkedHashMap<>();
        events.stream().filter(e -> e instanceof SimEvent.Truth).forEach(e -> perStep.merge(e.time(), 1, Integer::sum));
        assertThat(perStep).hasSize(61);
        assertThat(perStep.values()).containsOnly(sim.moverCount());
        assertThat(sim.moverCount()).isEqualTo(config.walkers() + config.vehicles() + config.boats() + config.loiterers());
    }

    @Test
    void unitsReportAtTheirIntervalPatrolsNearTheBorderAndTheHelicopterAtItsBase() {
        List<SimEvent> events = run(FixtureTheatre.standard(), 9, ScenarioConfig.DEFAULT, Duration.ofMinutes(30));
        List<UnitPosition> patrol = units(events, "PATROL-1");
        List<UnitPosition> heli = units(events, "HELI-1");
        assertThat(patrol).hasSize(181);
        assertThat(heli).hasSize(181);
        assertThat(patrol.get(1).time()).isEqualTo(T0.plusSeconds(10));
        assertThat(heli).allSatisfy(u -> {
            assertThat(u.lat()).isEqualTo(41.3);
            assertThat(u.lon()).isEqualTo(69.05);
            assertThat(u.cotType()).isEqualTo("a-f-A-M-H");
        });
        // 1.5 km inside a border along 41° N is about 0.0135° of latitude.
        assertThat(patrol).allSatisfy(u -> assertThat(u.lat()).isBetween(41.012, 41.015));
        double lonSpan = patrol.stream().mapToDouble(UnitPosition::lon).max().orElseThrow()
                - patrol.stream().mapToDouble(UnitPosition::lon).min().orElseThrow();
        // 10 m/s for 30 min moves along up to 18 km of a 20 km beat: it must really move.
        assertThat(lonSpan).isGreaterThan(0.05);
    }

    static List<Detection> detections(List<SimEvent> events) {
        return events.stream().filter(e -> e instanceof SimEvent.Observation)
                .map(e -> ((SimEvent.Observation) e).detection()).toList();
    }

    static List<TruthState> truth(List<SimEvent> events) {
        return events.stream().filter(e -> e instanceof SimEvent.Truth).map(e -> ((SimEvent.Truth) e).state()).toList();
    }

    private static List<UnitPosition> units(List<SimEvent> events, String id) {
        return events.stream().filter(e -> e instanceof SimEvent.UnitReport)
                .map(e -> ((SimEvent.UnitReport) e).position()).filter(u -> u.unit().equals(id)).toList();
    }
}
