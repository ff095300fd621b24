package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/** The simulated sensors' signs of life, and a sensor that fails at a known time. */
class SensorHeartbeatSimTest {
    private static final Instant T0 = SimulatorTest.T0;

    @Test
    void everyScanSendsEitherPlotsOrOneHeartbeatOfItsSensor() {
        Theatre theatre = FixtureTheatre.standard();
        List<SimEvent> events = new Simulator(theatre, 5, T0, ScenarioConfig.DEFAULT).advanceTo(T0.plusSeconds(600));

        Map<String, TreeSet<Instant>> plotTimes = new TreeMap<>();
        Map<String, List<Instant>> beatTimes = new TreeMap<>();
        for (SimEvent e : events) {
            if (e instanceof SimEvent.Observation o) {
                plotTimes.computeIfAbsent(o.detection().sensor(), k -> new TreeSet<>()).add(o.time());
            } else if (e instanceof SimEvent.Heartbeat h) {
                beatTimes.computeIfAbsent(h.heartbeat().sensor(), k -> new ArrayList<>()).add(h.time());
                assertThat(h.heartbeat().marking().exercise()).isTrue();
            }
        }
        for (Sensor s : theatre.sensors()) {
            TreeSet<Instant> plots = plotTimes.getOrDefault(s.id(), new TreeSet<>());
            List<Instant> beats = beatTimes.getOrDefault(s.id(), List.of());
            // Scans fall on phase + k * period: together, plots and heartbeats cover every one of them once.
            long scans = 600_000 / s.period().toMillis();
            assertThat(plots.size() + beats.size()).as(s.id()).isBetween((int) scans, (int) scans + 1);
            assertThat(beats).as(s.id() + ": no heartbeat when a scan had plots").noneMatch(plots::contains);
        }
        // The ground sensor rarely has a walker or vehicle in its 1.5 km: it mostly heartbeats.
        assertThat(beatTimes.get("ugs-1")).hasSizeGreaterThan(500);
    }

    @Test
    void aFailedSensorSendsNothingFromItsFailureOnAndTheOthersCarryOn() {
        Theatre theatre = FixtureTheatre.standard();
        SensorFailure fails = new SensorFailure("ugs-1", Duration.ofMinutes(3));
        List<SimEvent> failed = new Simulator(theatre, 5, T0, ScenarioConfig.DEFAULT, List.of(fails))
                .advanceTo(T0.plusSeconds(600));
        List<SimEvent> healthy = new Simulator(theatre, 5, T0, ScenarioConfig.DEFAULT).advanceTo(T0.plusSeconds(600));

        Instant failAt = T0.plus(fails.after());
        assertThat(failed).filteredOn(e -> "ugs-1".equals(sensor(e)))
                .isNotEmpty().allSatisfy(e -> assertThat(e.time()).isBefore(failAt));
        assertThat(failed.stream().filter(e -> !"ugs-1".equals(sensor(e))).toList())
                .as("every other event is as in the healthy run, byte for byte")
                .isEqualTo(healthy.stream().filter(e -> !"ugs-1".equals(sensor(e))).toList());
    }

    @Test
    void theDemoFailureIsTheGroundSensorWithTheSmallestIdThreeMinutesIn() {
        assertThat(SensorFailure.demo(FixtureTheatre.standard()))
                .contains(new SensorFailure("ugs-1", Duration.ofMinutes(3)));
        assertThatThrownBy(() -> new Simulator(FixtureTheatre.standard(), 1, T0, ScenarioConfig.DEFAULT,
                List.of(new SensorFailure("no-such-sensor", Duration.ZERO))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-sensor");
    }

    private static String sensor(SimEvent e) {
        return switch (e) {
            case SimEvent.Observation o -> o.detection().sensor();
            case SimEvent.Heartbeat h -> h.heartbeat().sensor();
            default -> null;
        };
    }
}
