package kz.shekara.server.source;

import kz.shekara.sim.FixtureTheatre;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.TruthState;
import kz.shekara.server.bus.Topic;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.testing.SettableClock;
import org.junit.jupiter.api.Test;

class SimulationSourceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    @Test
    void publishesWhatTheSimulatorMakesInOrderKeyedBySectorAndKeepsTheLatestTruth() throws Exception {
        Duration span = Duration.ofMinutes(5);
        List<SimEvent> expected = new Simulator(FixtureTheatre.standard(), 77, T0, ScenarioConfig.DEFAULT)
                .advanceTo(T0.plus(span));
        List<DomainEvent> expectedBus = expected.stream().<DomainEvent>mapMulti((e, out) -> {
            if (e instanceof SimEvent.Observation o) {
                out.accept(o.detection());
            } else if (e instanceof SimEvent.UnitReport u) {
                out.accept(u.position());
            } else if (e instanceof SimEvent.Heartbeat h) {
                out.accept(h.heartbeat());
            }
        }).toList();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RecordingBus bus = new RecordingBus()) {
            SimulationSource source = new SimulationSource(new SimulationSourceConfig(77, T0, Double.POSITIVE_INFINITY,
                    span, ScenarioConfig.DEFAULT), FixtureTheatre.standard(), bus, registry, Clock.systemUTC());
            source.start();
            source.completion().get(60, TimeUnit.SECONDS);
            bus.drain();

            List<RecordingBus.Published> published = bus.published();
            assertThat(published).extracting(RecordingBus.Published::event).isEqualTo(expectedBus);
            assertThat(published).allSatisfy(p -> {
                assertThat(p.event().marking().exercise()).isTrue();
                assertThat(p.topic()).isEqualTo(p.event() instanceof Detection ? Topic.OBSERVATIONS
                        : p.event() instanceof SensorHeartbeat ? Topic.HEARTBEATS : Topic.UNIT_POSITIONS);
                assertThat(p.key()).isIn("land", "sea");
            });
            assertThat(published).filteredOn(p -> p.event() instanceof Detection d && d.lon() > 69.05)
                    .allSatisfy(p -> assertThat(p.key()).isEqualTo("land"));
            assertThat(published).filteredOn(p -> p.event() instanceof Detection d && d.lon() < 68.95)
                    .allSatisfy(p -> assertThat(p.key()).isEqualTo("sea"));
            List<TruthState> truth = source.latestTruth();
            assertThat(truth).hasSize(28).allSatisfy(t -> assertThat(t.time()).isEqualTo(T0.plus(span)));
            assertThat(registry.get("shekara.source.events").tag("source", "simulation")
                    .tag("topic", "observations").counter().count())
                    .isEqualTo(expectedBus.stream().filter(e -> e instanceof Detection).count());
        }
    }

    @Test
    void pacedScenarioFollowsTheClockAtItsSpeed() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (RecordingBus bus = new RecordingBus()) {
            SimulationSource source = new SimulationSource(new SimulationSourceConfig(5, null, 10,
                    Duration.ofSeconds(120), ScenarioConfig.DEFAULT), FixtureTheatre.standard(), bus,
                    new SimpleMeterRegistry(), clock);
            source.start();
            // Without a start the scenario begins at the clock's now; at speed 10, 120 s of scenario take 12 s.
            clock.advance(Duration.ofSeconds(11));
            assertThat(source.completion()).isNotDone();
            clock.advance(Duration.ofSeconds(1));
            source.completion().get(60, TimeUnit.SECONDS);
            List<RecordingBus.Published> published = bus.published();
            assertThat(published.get(0).event().time()).isEqualTo(clock.instant().minusSeconds(12));
            assertThat(published.get(published.size() - 1).event().time())
                    .isBeforeOrEqualTo(Instant.parse("2030-01-01T00:02:00Z"));
            source.close();
        }
    }
}
