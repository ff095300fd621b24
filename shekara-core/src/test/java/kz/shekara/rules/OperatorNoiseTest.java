package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.incident.AlertDesk;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

/**
 * Alerts an operator can live with: a sensor is expected only once it has reported or is declared;
 * its silence and its return are sensor health (an alert class of its own, never an incident), and
 * carry the marking of its data; a sector void needs unit positions, fires when the sector's last
 * available unit is tasked and is withdrawn when one is back.
 */
class OperatorNoiseTest {
    private static final Instant T0 = Fixtures.EPOCH;

    private static AlertDesk desk(String scenario) {
        return new AlertDesk(Fixtures.theatre(scenario, Posture.NORMAL), RulesConfig.defaults(),
                IncidentConfig.defaults());
    }

    private static Detection radar(long s, Marking m) {
        return new Detection(T0.plusSeconds(s), "radar-1", SensorKind.RADAR, 41.56, 69.31, 25, m);
    }

    private static List<Alert> alerts(List<DomainEvent> out, RuleKind rule) {
        return out.stream().filter(Alert.class::isInstance).map(Alert.class::cast).filter(a -> a.rule() == rule)
                .toList();
    }

    @Test
    void aSensorNeitherHeardNorDeclaredIsNotReportedSilent() {
        AlertDesk desk = desk("silent-sensor");
        List<DomainEvent> out = new ArrayList<>();
        for (long s = 0; s <= 100; s += 10) {
            out.addAll(desk.onDetection(radar(s, Fixtures.MARKING)));
        }
        out.addAll(desk.advance(T0.plusSeconds(3600)));
        // ugs-7 and cam-2 never reported and were not declared: only radar-1, heard then silent.
        assertThat(alerts(out, RuleKind.SENSOR_SILENT)).extracting(Alert::sensor).containsExactly("radar-1");
    }

    @Test
    void silenceAndReturnAreSensorHealthWithTheMarkingOfTheData() {
        AlertDesk desk = desk("silent-sensor");
        Marking exercise = Fixtures.MARKING.asExercise();
        List<DomainEvent> out = new ArrayList<>();
        for (long s = 0; s <= 100; s += 10) {
            out.addAll(desk.onDetection(radar(s, exercise)));
        }
        out.addAll(desk.advance(T0.plusSeconds(900)));
        Alert silent = alerts(out, RuleKind.SENSOR_SILENT).get(0);
        assertThat(silent.marking().exercise()).as("a simulated sensor's silence is an exercise").isTrue();
        assertThat(silent.rule().alertClass()).isEqualTo("sensor-health");
        assertThat(out).noneMatch(IncidentEvent.class::isInstance);

        List<DomainEvent> back = desk.onDetection(radar(1000, exercise));
        assertThat(back).filteredOn(AlertChange.class::isInstance).singleElement().satisfies(e -> {
            AlertChange c = (AlertChange) e;
            assertThat(c.alert()).isEqualTo(silent.id());
            assertThat(c.state()).isEqualTo(AlertState.CLOSED);
        });
        assertThat(desk.incidents().list()).isEmpty();
    }

    /**
     * Other inputs running six minutes ahead of a sensor's queued reports (more than its allowance)
     * do not make it silent; once its reports stop, it is reported, at the time its silence began.
     */
    @Test
    void aSensorWhoseReportsLagOtherInputsIsNotSilentUntilItsReportsStop() {
        AlertDesk desk = desk("silent-sensor");
        List<DomainEvent> out = new ArrayList<>();
        for (long s = 0; s <= 1800; s += 10) {
            out.addAll(desk.advance(T0.plusSeconds(s + 360)));
            out.addAll(desk.onDetection(radar(s, Fixtures.MARKING)));
        }
        assertThat(alerts(out, RuleKind.SENSOR_SILENT)).as("reports lagging, not silent").isEmpty();
        out.addAll(desk.advance(T0.plusSeconds(4000)));
        assertThat(alerts(out, RuleKind.SENSOR_SILENT)).singleElement()
                .satisfies(a -> assertThat(a.time()).isEqualTo(T0.plusSeconds(1800 + 300)));
    }

    @Test
    void aSensorDeclaredByAnExerciseFeedAndNeverHeardIsSilentAsAnExercise() {
        AlertDesk desk = desk("silent-sensor");
        desk.expectSensors(List.of("ugs-7"), Fixtures.MARKING.asExercise());
        desk.expectSensors(List.of("radar-1"), Fixtures.MARKING);
        List<DomainEvent> out = new ArrayList<>(desk.advance(T0));
        out.addAll(desk.advance(T0.plusSeconds(3600)));
        assertThat(alerts(out, RuleKind.SENSOR_SILENT)).extracting(a -> a.sensor() + " " + a.marking().exercise())
                .containsExactlyInAnyOrder("ugs-7 true", "radar-1 false");
    }

    @Test
    void aSectorVoidLeftByAnExerciseUnitIsAnExercise() {
        AlertDesk desk = desk("units");
        Marking exercise = Fixtures.MARKING.asExercise();
        desk.onUnit(new UnitPosition(T0, "PATROL-1", "Burkit 1", "a-f-G-U-C", 41.6, 69.3, Double.NaN, Double.NaN,
                UnitStatus.AVAILABLE, exercise));
        desk.advance(T0.plusSeconds(700));
        List<Alert> voids = alerts(desk.onTask(new Task(T0.plusSeconds(710), "IN-1.PATROL-1", "IN-1", "PATROL-1",
                TaskStatus.DISPATCHED, null, 41.5, 69.3, 600, "duty", "", exercise)), RuleKind.SECTOR_VOID);
        assertThat(voids).singleElement().satisfies(a -> assertThat(a.marking().exercise()).isTrue());
    }

    @Test
    void sectorVoidNeedsUnitPositionsFiresWhenTheLastUnitIsTaskedAndIsWithdrawnWhenItIsBack() {
        AlertDesk none = desk("units");
        assertThat(alerts(none.advance(T0.plusSeconds(3600)), RuleKind.SECTOR_VOID)).as("no unit positions").isEmpty();

        AlertDesk desk = desk("units");
        List<DomainEvent> out = new ArrayList<>(desk.onUnit(new UnitPosition(T0, "PATROL-1", "Burkit 1", "a-f-G-U-C",
                41.6, 69.3, Double.NaN, Double.NaN, UnitStatus.AVAILABLE, Fixtures.MARKING)));
        out.addAll(desk.advance(T0.plusSeconds(700)));
        assertThat(alerts(out, RuleKind.SECTOR_VOID)).extracting(Alert::sector).doesNotContain("south");

        Task dispatched = new Task(T0.plusSeconds(710), "IN-1.PATROL-1", "IN-1", "PATROL-1", TaskStatus.DISPATCHED,
                null, 41.5, 69.3, 600, "duty", "", Fixtures.MARKING);
        // Its device still says it is available: the task, not the report, decides.
        desk.onUnit(new UnitPosition(T0.plusSeconds(705), "PATROL-1", "Burkit 1", "a-f-G-U-C", 41.6, 69.3,
                Double.NaN, Double.NaN, UnitStatus.AVAILABLE, Fixtures.MARKING));
        List<Alert> voids = alerts(desk.onTask(dispatched), RuleKind.SECTOR_VOID);
        assertThat(voids).singleElement().satisfies(a -> {
            assertThat(a.sector()).isEqualTo("south");
            assertThat(a.time()).isEqualTo(T0.plusSeconds(710));
        });
        assertThat(alerts(desk.onUnit(new UnitPosition(T0.plusSeconds(720), "PATROL-1", "Burkit 1", "a-f-G-U-C",
                41.62, 69.3, Double.NaN, Double.NaN, UnitStatus.AVAILABLE, Fixtures.MARKING)), RuleKind.SECTOR_VOID))
                .as("a position report does not make a tasked unit available").isEmpty();

        List<DomainEvent> ended = desk.onTask(dispatched.next(T0.plusSeconds(900), TaskStatus.ENDED, 41.5, 69.3,
                Double.NaN, "duty", ""));
        assertThat(ended).filteredOn(AlertChange.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AlertChange) e).alert()).isEqualTo(voids.get(0).id()));
    }
}
