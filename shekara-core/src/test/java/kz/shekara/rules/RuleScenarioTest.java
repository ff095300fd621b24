package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kz.shekara.incident.AlertDesk;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixture scenarios with known truth: each input file through the rules, at a sector posture, gives
 * exactly the alerts of its expected file (times to the millisecond, positions to about a metre).
 */
class RuleScenarioTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("walker-crossing", Posture.NORMAL, "walker-crossing.expected.jsonl"),
                Arguments.of("walker-along-line", Posture.NORMAL, "walker-along-line.expected.jsonl"),
                Arguments.of("boat-approach", Posture.NORMAL, "boat-approach.expected.jsonl"),
                Arguments.of("boat-approach", Posture.ELEVATED, "boat-approach.elevated.expected.jsonl"),
                Arguments.of("fast-boat", Posture.NORMAL, "fast-boat.expected.jsonl"),
                Arguments.of("loiterer", Posture.NORMAL, "loiterer.expected.jsonl"),
                Arguments.of("loiterer", Posture.HIGH, "loiterer.high.expected.jsonl"),
                Arguments.of("fence-alarm", Posture.NORMAL, "fence-alarm.expected.jsonl"),
                Arguments.of("silent-sensor", Posture.NORMAL, "silent-sensor.expected.jsonl"),
                Arguments.of("units", Posture.NORMAL, "units.expected.jsonl"));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("scenarios")
    void raisesExactlyTheExpectedAlerts(String scenario, Posture posture, String expectedFile) {
        List<Alert> alerts = run(scenario, posture).stream().filter(Alert.class::isInstance).map(Alert.class::cast).toList();
        List<JsonNode> expected = Fixtures.lines(expectedFile);
        assertThat(alerts.stream().map(a -> a.rule().code() + "@" + seconds(a)).toList())
                .as("alerts of %s", scenario)
                .containsExactlyElementsOf(expected.stream().map(e -> e.get("rule").asText() + "@" + e.get("time").asLong()).toList());
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            JsonNode e = expected.get(i);
            assertThat(a.severity().code()).as("severity %s", a).isEqualTo(e.get("severity").asText());
            assertThat(a.sector()).as("sector %s", a).isEqualTo(e.path("sector").asText(null));
            assertThat(a.zone()).as("zone %s", a).isEqualTo(e.path("zone").asText(null));
            assertThat(a.track()).as("track %s", a).isEqualTo(e.path("track").asText(null));
            assertThat(a.sensor()).as("sensor %s", a).isEqualTo(e.path("sensor").asText(null));
            assertThat(a.unit()).as("unit %s", a).isEqualTo(e.path("unit").asText(null));
            assertThat(a.lat()).as("lat %s", a).isCloseTo(e.get("lat").asDouble(), within(1e-5));
            assertThat(a.lon()).as("lon %s", a).isCloseTo(e.get("lon").asDouble(), within(1e-5));
        }
    }

    @Test
    void crossingIsReportedAtTheInterpolatedTimeAndDirection() {
        Alert a = (Alert) run("walker-crossing", Posture.NORMAL).get(0);
        // 100 m south at t=0, 15 m per 10 s: the path meets the line at 66.667 s
        assertThat(a.detail()).startsWith("inbound crossing in sector south at 2026-01-01T00:01:06.66");
    }

    @Test
    void sameInputsGiveTheSameEventsByteForByte() {
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (String s : List.of("walker-crossing", "boat-approach", "loiterer", "fence-alarm", "silent-sensor", "units")) {
            run(s, Posture.NORMAL).forEach(e -> first.append(e).append('\n'));
            run(s, Posture.NORMAL).forEach(e -> second.append(e).append('\n'));
        }
        assertThat(first.toString()).isNotEmpty().isEqualTo(second.toString());
    }

    static long seconds(Alert a) {
        return Duration.between(Fixtures.EPOCH, a.time()).toSeconds();
    }

    /** Runs a scenario through a fresh desk; the posture is set by a commander before the first event. */
    static List<DomainEvent> run(String scenario, Posture posture) {
        RulesConfig d = RulesConfig.defaults();
        // The test theatre has no units: sector void is on only where the scenario reports units.
        RulesConfig config = scenario.equals("units") ? d : new RulesConfig(d.borderCrossing(), d.approach(),
                d.loitering(), d.speed(), d.sensorAlarm(), d.sensorSilent(), d.unitEmergency(), null, d.posture(),
                d.trackTimeout());
        kz.shekara.theatre.Theatre theatre = Fixtures.theatre(scenario, Posture.NORMAL);
        AlertDesk desk = new AlertDesk(theatre, config, IncidentConfig.defaults());
        // The scenario's sensor file is its feed's declaration: each sensor is expected from the start.
        desk.expectSensors(theatre.sensors().stream().map(kz.shekara.theatre.Sensor::id).toList(), Fixtures.MARKING);
        if (posture != Posture.NORMAL) {
            for (String sector : List.of("south", "caspian")) {
                desk.setPosture(sector, posture, "commander", "exercise of the test", Fixtures.EPOCH);
            }
        }
        List<DomainEvent> out = new ArrayList<>();
        for (DomainEvent e : Fixtures.inputs(scenario)) {
            switch (e) {
                case TrackUpdate u -> out.addAll(desk.onTrack(u));
                case Detection det -> out.addAll(desk.onDetection(det));
                case UnitPosition p -> out.addAll(desk.onUnit(p));
                default -> throw new IllegalStateException(e.toString());
            }
        }
        return out;
    }
}
