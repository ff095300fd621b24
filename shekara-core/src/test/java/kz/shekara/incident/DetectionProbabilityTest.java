package kz.shekara.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TruthState;
import kz.shekara.sim.FixtureTheatre;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

class DetectionProbabilityTest {
    private static final Marking M = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final Sensor RADAR = new Sensor("r", SensorKind.RADAR, "r", "s", 41.0, 69.0, 10_000, 20,
            Duration.ofSeconds(2), 0.9, 0);

    @Test
    void countsOneOpportunityPerScanPeriodAndAHitForAPlotNearTheTruth() {
        DetectionProbability pd = new DetectionProbability(List.of(RADAR), Duration.ofSeconds(5));
        // An object standing 1 km north of the radar for 20 s: ten 2-second scan periods.
        for (int s = 0; s <= 30; s++) {
            pd.truth(new TruthState(T0.plusSeconds(s), "x", 41.009, 69.0, 0, 0));
            if (s < 20 && s % 2 == 0 && s != 4 && s != 10) {
                // Seen in 8 of the 10 periods; a plot 50 m off (2.5 sigma) is still this object.
                pd.detection(new Detection(T0.plusSeconds(s), "r", SensorKind.RADAR, 41.0094, 69.0, 20, M));
            }
            if (s == 4) {
                // A plot 2 km away is clutter, not a detection of this object.
                pd.detection(new Detection(T0.plusSeconds(s), "r", SensorKind.RADAR, 41.027, 69.0, 20, M));
            }
        }
        DetectionProbability.Estimate e = pd.snapshot().get(0);
        // Truth up to 30 s, 5 s lateness: the periods ending by 25 s are closed, [0, 2) to [22, 24).
        assertThat(e.opportunities()).isEqualTo(12);
        assertThat(e.hits()).isEqualTo(8);
        assertThat(e.pd()).isCloseTo(8.0 / 12, within(1e-12));
    }

    @Test
    void sensorWithoutOpportunityHasNoEstimate() {
        DetectionProbability pd = new DetectionProbability(List.of(RADAR), Duration.ofSeconds(5));
        pd.truth(new TruthState(T0, "far", 42.0, 69.0, 0, 0));
        pd.truth(new TruthState(T0.plusSeconds(60), "far", 42.0, 69.0, 0, 0));
        assertThat(pd.snapshot().get(0).opportunities()).isZero();
        assertThat(pd.snapshot().get(0).pd()).isNaN();
    }

    @Test
    void recoversTheSimulatedSensorsProbabilityOfDetection() {
        Theatre theatre = FixtureTheatre.standard();
        Simulator sim = new Simulator(theatre, 3, T0, ScenarioConfig.DEFAULT);
        DetectionProbability pd = new DetectionProbability(theatre.sensors(), Duration.ofSeconds(30));
        for (SimEvent e : sim.advanceTo(T0.plus(Duration.ofMinutes(40)))) {
            switch (e) {
                case SimEvent.Truth t -> pd.truth(t.state());
                case SimEvent.Observation o -> pd.detection(o.detection());
                case SimEvent.UnitReport u -> { }
                case SimEvent.Heartbeat h -> { }
            }
        }
        Map<String, Sensor> sensors = theatre.sensors().stream().collect(Collectors.toMap(Sensor::id, Function.identity()));
        List<DetectionProbability.Estimate> estimates = pd.snapshot();
        assertThat(estimates).extracting(DetectionProbability.Estimate::sensor).doesNotContain("rad-1", "ais-1");
        List<DetectionProbability.Estimate> plotSensors = estimates.stream()
                .filter(x -> !sensors.get(x.sensor()).kind().isAlarm() && x.opportunities() >= 200).toList();
        assertThat(plotSensors).isNotEmpty();
        // A plot sensor's measured Pd matches its configured one (a margin for objects that enter the
        // coverage after the scan of their period, and for the binomial spread).
        assertThat(plotSensors).allSatisfy(x ->
                assertThat(x.pd()).as(x.sensor()).isCloseTo(sensors.get(x.sensor()).probabilityOfDetection(), within(0.08)));
    }
}
