package kz.shekara.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.incident.AlertDesk;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SensorFailure;
import kz.shekara.sim.SimEvent;
import kz.shekara.sim.Simulator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/**
 * The demo on the default theatre with its rules: the sensors' heartbeats keep the sensor-silent rule
 * quiet, except for the one ground sensor the scenario fails, which is reported exactly once.
 */
class DemoSensorSilenceTest {
    private static final Instant T0 = Simulator.DEFAULT_START;
    private static final Duration SPAN = Duration.ofMinutes(15);

    @Test
    void onlyTheFailedSensorIsReportedSilentOnceItsSilenceExceedsItsAllowance() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        SensorFailure failure = SensorFailure.demo(theatre).orElseThrow();
        List<SimEvent> events = new Simulator(theatre, 1, T0, ScenarioConfig.DEFAULT, List.of(failure))
                .advanceTo(T0.plus(SPAN));

        List<Alert> silent = silentAlerts(theatre, events, true);

        assertThat(silent).singleElement().satisfies(a -> {
            assertThat(a.sensor()).isEqualTo(failure.sensor());
            assertThat(a.marking().exercise()).as("the scenario's failure is an exercise").isTrue();
            // Its last scan was in the minute before the failure; silent for 3 periods (3 min) after it.
            assertThat(a.time()).isBetween(T0.plus(failure.after()).plus(Duration.ofMinutes(2)),
                    T0.plus(failure.after()).plus(Duration.ofMinutes(3)));
        });
    }

    @Test
    void withoutHeartbeatsSensorsWithNothingInViewWouldBeReportedSilent() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        List<SimEvent> events = new Simulator(theatre, 1, T0, ScenarioConfig.DEFAULT).advanceTo(T0.plus(SPAN));

        assertThat(silentAlerts(theatre, events, true)).isEmpty();
        assertThat(silentAlerts(theatre, events, false)).as("the noise heartbeats prevent").hasSizeGreaterThan(20);
    }

    private static List<Alert> silentAlerts(Theatre theatre, List<SimEvent> events, boolean withHeartbeats) {
        RulesSettings rules = RulesConfigLoader.forTheatre(null);
        AlertDesk desk = new AlertDesk(theatre, rules.rules(), rules.incidents());
        // As in the demo, the scenario's feed declares every theatre sensor.
        desk.expectSensors(theatre.sensors().stream().map(kz.shekara.theatre.Sensor::id).toList(),
                theatre.defaultMarking().asExercise());
        List<DomainEvent> out = new ArrayList<>();
        for (SimEvent e : events) {
            switch (e) {
                case SimEvent.Observation o -> out.addAll(desk.onDetection(o.detection()));
                case SimEvent.Heartbeat h -> {
                    if (withHeartbeats) {
                        out.addAll(desk.onHeartbeat(h.heartbeat()));
                    }
                }
                case SimEvent.UnitReport u -> out.addAll(desk.onUnit(u.position()));
                case SimEvent.Truth t -> out.addAll(desk.advance(t.time()));
            }
        }
        return out.stream().filter(x -> x instanceof Alert a && a.rule() == RuleKind.SENSOR_SILENT)
                .map(Alert.class::cast).toList();
    }
}
