package kz.shekara.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.Detection;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.Fixtures;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

class AlertDeskTest {

    private static List<DomainEvent> feed(AlertDesk desk, String scenario) {
        return feedAll(desk, Fixtures.inputs(scenario));
    }

    private static AlertDesk desk(String scenario) {
        return new AlertDesk(Fixtures.theatre(scenario, Posture.NORMAL), RulesConfig.defaults(), IncidentConfig.defaults());
    }

    @Test
    void groupsTheAlertsOfOneTrackIntoOneIncident() {
        AlertDesk desk = desk("boat-approach");
        List<DomainEvent> out = feed(desk, "boat-approach");
        List<Incident> boat = desk.incidents().list().stream().filter(i -> i.tracks().contains("T-BOAT-1")).toList();
        assertThat(boat).hasSize(1);
        assertThat(boat.get(0).alerts()).hasSize(3);
        assertThat(boat.get(0).timeline()).extracting(IncidentEvent::change).containsExactly(
                IncidentEvent.Change.OPENED, IncidentEvent.Change.ALERT_ADDED, IncidentEvent.Change.ALERT_ADDED);
        assertThat(out).filteredOn(IncidentEvent.class::isInstance).hasSize(desk.incidents().list().stream()
                .mapToInt(i -> i.timeline().size()).sum());
    }

    @Test
    void groupsRepeatedAlarmsAtOnePlaceIntoOneIncident() {
        AlertDesk desk = desk("fence-alarm");
        feed(desk, "fence-alarm");
        assertThat(desk.incidents().list()).hasSize(1);
        assertThat(desk.incidents().list().get(0).alerts()).hasSize(2);
    }

    @Test
    void walksAnIncidentThroughItsLifecycleAndRefusesSteps() {
        AlertDesk desk = desk("fence-alarm");
        feed(desk, "fence-alarm");
        String id = desk.incidents().list().get(0).id();
        Instant t = Fixtures.EPOCH.plusSeconds(400);
        assertThatThrownBy(() -> desk.changeIncident(id, IncidentStatus.ASSIGNED, null, "op-1", "", null, t))
                .hasMessageContaining("unit");
        desk.changeIncident(id, IncidentStatus.ASSIGNED, "PATROL-1", "op-1", "nearest patrol", null, t);
        desk.changeIncident(id, IncidentStatus.EN_ROUTE, null, "PATROL-1", "", null, t.plusSeconds(60));
        assertThatThrownBy(() -> desk.changeIncident(id, IncidentStatus.ASSIGNED, "X", "op-1", "", null, t))
                .isInstanceOf(IllegalStateException.class);
        desk.changeIncident(id, IncidentStatus.ON_SCENE, null, "PATROL-1", "", null, t.plusSeconds(600));
        assertThatThrownBy(() -> desk.changeIncident(id, IncidentStatus.RESOLVED, null, "op-1", "", null, t))
                .hasMessageContaining("disposition");
        desk.changeIncident(id, IncidentStatus.RESOLVED, null, "op-1", "cut fence found", Disposition.CONFIRMED,
                t.plusSeconds(900));
        Incident i = desk.incidents().get(id).orElseThrow();
        assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(i.unit()).isEqualTo("PATROL-1");
        assertThat(i.disposition()).isEqualTo(Disposition.CONFIRMED);
        assertThat(i.timeline()).extracting(IncidentEvent::status).endsWith(IncidentStatus.ASSIGNED,
                IncidentStatus.EN_ROUTE, IncidentStatus.ON_SCENE, IncidentStatus.RESOLVED);
    }

    @Test
    void acknowledgesAndClosesAlertsWithWhoAndWhen() {
        AlertDesk desk = desk("fence-alarm");
        feed(desk, "fence-alarm");
        String id = desk.alerts().list().get(0).id();
        Instant t = Fixtures.EPOCH.plusSeconds(500);
        AlertChange ack = desk.acknowledge(id, "op-1", t);
        assertThat(ack.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThatThrownBy(() -> desk.acknowledge(id, "op-1", t)).isInstanceOf(IllegalStateException.class);
        desk.close(id, "op-2", Disposition.FALSE_ALARM, "wind", t.plusSeconds(5));
        AlertBook.Entry e = desk.alerts().get(id).orElseThrow();
        assertThat(e.state()).isEqualTo(AlertState.CLOSED);
        assertThat(e.acknowledgedBy()).isEqualTo("op-1");
        assertThat(e.closedBy()).isEqualTo("op-2");
        assertThat(e.closedAt()).isEqualTo(t.plusSeconds(5));
        assertThatThrownBy(() -> desk.acknowledge("AL-none", "op-1", t)).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void keepsFalseAlarmRateAndCatchSharePerRuleAndSensor() {
        AlertDesk desk = desk("fence-alarm");
        feed(desk, "fence-alarm");
        List<AlertBook.Entry> alerts = desk.alerts().list();
        Instant t = Fixtures.EPOCH.plusSeconds(900);
        desk.close(alerts.get(0).id(), "op-1", Disposition.CONFIRMED, "", t);
        desk.close(alerts.get(1).id(), "op-1", Disposition.FALSE_ALARM, "", t);
        AlertStatistics.Snapshot s = desk.statistics();
        AlertStatistics.Row rule = s.rules().get(0);
        assertThat(rule.name()).isEqualTo("sensor-alarm");
        assertThat(rule.raised()).isEqualTo(2);
        assertThat(rule.falseAlarmRate()).isEqualTo(0.5);
        assertThat(s.confirmedEvents()).isEqualTo(1);
        assertThat(rule.catchShare()).isEqualTo(1.0);
        assertThat(s.sensors()).extracting(AlertStatistics.Row::name).containsExactly("fence-3");
    }

    @Test
    void aUnitCancelClosesItsEmergencyAlert() {
        AlertDesk desk = desk("units");
        List<DomainEvent> out = feed(desk, "units");
        Alert emergency = out.stream().filter(Alert.class::isInstance).map(Alert.class::cast).findFirst().orElseThrow();
        AlertBook.Entry e = desk.alerts().get(emergency.id()).orElseThrow();
        assertThat(e.state()).isEqualTo(AlertState.CLOSED);
        assertThat(e.closedBy()).isEqualTo("Burkit 1");
        assertThat(e.disposition()).isNull();
    }

    @Test
    void aSectorGivenUpLeavesTheBooksAndTheStatistics() {
        AlertDesk desk = desk("boat-approach");
        feed(desk, "boat-approach");
        assertThat(desk.alerts().list()).extracting(e -> e.alert().sector()).contains("caspian");
        assertThat(desk.incidents().list()).extracting(Incident::sector).contains("caspian");
        assertThat(desk.statistics().rules()).isNotEmpty();
        desk.giveUpSectors(List.of("caspian"));
        assertThat(desk.alerts().list()).extracting(e -> e.alert().sector()).doesNotContain("caspian");
        assertThat(desk.incidents().list()).extracting(Incident::sector).doesNotContain("caspian");
        assertThat(desk.statistics().rules()).as("the statistics of the alerts left (all were in caspian)").isEmpty();
    }

    @Test
    void nothingOfNoTrackIsRaisedForASectorGivenUpUntilItIsTakenBack() {
        List<DomainEvent> inputs = Fixtures.inputs("fence-alarm"); // a fence's alarms at 10 s, 40 s and 300 s
        AlertDesk desk = desk("fence-alarm");
        assertThat(feedAll(desk, inputs.subList(0, 1))).filteredOn(Alert.class::isInstance).hasSize(1);
        desk.giveUpSectors(List.of("south"));
        assertThat(feedAll(desk, inputs.subList(1, 3))).as("raised for the sector given up").isEmpty();
        assertThat(desk.alerts().list()).isEmpty();
        desk.takeSectors(List.of("south"));
        Detection last = (Detection) inputs.get(2);
        Detection later = new Detection(last.time().plusSeconds(600), last.sensor(), last.kind(), last.lat(), last.lon(),
                last.sigmaM(), last.marking());
        assertThat(feedAll(desk, List.of(later))).as("an alarm in the sector taken back")
                .filteredOn(Alert.class::isInstance).hasSize(1);
    }

    @Test
    void aSectorGivenUpLeavesTheRulesStateOfItsTracks() {
        List<DomainEvent> inputs = Fixtures.inputs("loiterer");
        Instant cut = Fixtures.EPOCH.plusSeconds(300); // the track has stayed 5 of the 10 minutes loitering takes
        List<DomainEvent> before = inputs.stream().filter(e -> e.time().isBefore(cut)).toList();
        List<DomainEvent> after = inputs.subList(before.size(), inputs.size());
        AlertDesk kept = desk("loiterer");
        feedAll(kept, before);
        assertThat(feedAll(kept, after)).as("the same desk, the sector kept").filteredOn(Alert.class::isInstance)
                .extracting(e -> ((Alert) e).time()).contains(Fixtures.EPOCH.plusSeconds(600));

        AlertDesk given = desk("loiterer");
        feedAll(given, before);
        given.giveUpSectors(List.of("south"));
        given.takeSectors(List.of("south"));
        // Its dwell timer went with the sector: taken back without a rebuild, the stay starts again.
        assertThat(feedAll(given, after)).as("the sector given up and taken back").filteredOn(Alert.class::isInstance)
                .extracting(e -> ((Alert) e).time()).doesNotContain(Fixtures.EPOCH.plusSeconds(600));
    }

    @Test
    void aPostureChangeNeedsAKnownSectorAndAReason() {
        AlertDesk desk = desk("loiterer");
        assertThatThrownBy(() -> desk.setPosture("nowhere", Posture.HIGH, "cmdr", "threat", Fixtures.EPOCH))
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> desk.setPosture("south", Posture.HIGH, "cmdr", " ", Fixtures.EPOCH))
                .hasMessageContaining("reason");
        desk.setPosture("south", Posture.HIGH, "cmdr", "threat report", Fixtures.EPOCH);
        assertThat(desk.posture("south")).isEqualTo(Posture.HIGH);
    }

    @Test
    void foldingTheLoggedOutputsGivesBackTheBooksAndReplayingTheInputsTooGoesOnAsTheOriginal() {
        AlertDesk desk = desk("boat-approach");
        List<DomainEvent> log = new ArrayList<>();
        List<DomainEvent> inputs = Fixtures.inputs("boat-approach");
        int half = inputs.size() / 2;
        List<DomainEvent> tail = inputs.subList(half, inputs.size());
        for (DomainEvent e : inputs.subList(0, half)) {
            log.add(e);
            log.addAll(step(desk, e));
        }
        assertThat(desk.alerts().list()).isNotEmpty();
        Instant t = inputs.get(half - 1).time();
        String alert = desk.alerts().list().get(0).id();
        String incident = desk.incidents().list().get(0).id();
        log.add(desk.acknowledge(alert, "op-1", t));
        log.add(desk.close(alert, "op-1", Disposition.CONFIRMED, "seen", t));
        log.add(desk.changeIncident(incident, IncidentStatus.ASSIGNED, "PATROL-1", "op-1", "", null, t));
        log.add(desk.setPosture("south", Posture.HIGH, "cmdr", "threat report", t));

        AlertDesk folded = desk("boat-approach");
        log.forEach(folded::fold);
        assertThat(folded.alerts().list()).isEqualTo(desk.alerts().list());
        assertThat(folded.incidents().list()).isEqualTo(desk.incidents().list());
        assertThat(folded.statistics()).isEqualTo(desk.statistics());
        assertThat(folded.postures()).isEqualTo(desk.postures());
        AlertDesk restored = desk("boat-approach");
        log.forEach(restored::replay);
        assertThat(restored.alerts().list()).isEqualTo(desk.alerts().list());
        assertThat(restored.incidents().list()).isEqualTo(desk.incidents().list());
        assertThat(restored.statistics()).isEqualTo(desk.statistics());
        assertThat(restored.postures()).isEqualTo(desk.postures());
        assertThat(restored.statistics().confirmedEvents()).isEqualTo(1);

        // Later alerts of the same track join the same incident in both (the incident's tracks came back).
        List<DomainEvent> more = new ArrayList<>();
        List<DomainEvent> moreRestored = new ArrayList<>();
        for (DomainEvent e : tail) {
            more.addAll(step(desk, e));
            moreRestored.addAll(step(restored, e));
        }
        assertThat(more).filteredOn(IncidentEvent.class::isInstance).isNotEmpty();
        assertThat(moreRestored).isEqualTo(more);
        assertThat(restored.incidents().list()).isEqualTo(desk.incidents().list());
        assertThat(restored.statistics()).isEqualTo(desk.statistics());
    }

    private static List<DomainEvent> step(AlertDesk desk, DomainEvent e) {
        return switch (e) {
            case TrackUpdate u -> desk.onTrack(u);
            case Detection d -> desk.onDetection(d);
            case UnitPosition p -> desk.onUnit(p);
            default -> throw new IllegalStateException();
        };
    }
    /**
     * A desk that takes over another's sectors: folds the other's outputs (twice: folding is idempotent),
     * re-runs the inputs the other handled, then handles again the last of them (the other died before
     * committing them) and the rest. It raises none of the other's alerts again, opens no second incident,
     * and goes on exactly as the other does.
     */
    @Test
    void aDeskRebuiltFromAnothersOutputsRaisesNothingTwiceAndGoesOnAsTheOther() {
        for (String scenario : List.of("boat-approach", "fence-alarm")) {
            List<DomainEvent> inputs = Fixtures.inputs(scenario);
            int committed = inputs.size() / 2;
            int handled = Math.min(inputs.size(), committed + 3);
            AlertDesk lost = desk(scenario);
            List<DomainEvent> before = feedAll(lost, inputs.subList(0, handled));
            assertThat(before).as(scenario).anyMatch(Alert.class::isInstance);
            AlertDesk taker = desk(scenario);
            for (int round = 0; round < 2; round++) {
                before.forEach(taker::fold);
            }
            inputs.subList(0, committed).forEach(taker::replay);
            List<DomainEvent> rest = inputs.subList(committed, inputs.size());
            List<DomainEvent> again = feedAll(taker, rest);
            List<DomainEvent> after = feedAll(lost, inputs.subList(handled, inputs.size()));
            assertThat(again).as(scenario).containsExactlyElementsOf(after);
            assertThat(taker.alerts().list()).as(scenario).isEqualTo(lost.alerts().list());
            assertThat(taker.incidents().list()).as(scenario).isEqualTo(lost.incidents().list());
        }
    }

    private static List<DomainEvent> feedAll(AlertDesk desk, List<DomainEvent> inputs) {
        List<DomainEvent> out = new ArrayList<>();
        for (DomainEvent e : inputs) {
            switch (e) {
                case TrackUpdate u -> out.addAll(desk.onTrack(u));
                case Detection d -> out.addAll(desk.onDetection(d));
                case UnitPosition p -> out.addAll(desk.onUnit(p));
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }
}
