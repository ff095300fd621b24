package kz.shekara.incident;

import static kz.shekara.incident.ResponseFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.sim.FixtureTheatre;
import kz.shekara.theatre.UnitKind;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ResponseTimesTest {
    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    private static ResponseTimes fold(List<DomainEvent> events) {
        ResponseTimes r = new ResponseTimes(FixtureTheatre.standard(), Duration.ofHours(6));
        events.forEach(r::apply);
        return r;
    }

    @Test
    void recordsEveryStepOfEachIncident() {
        List<ResponseRecord> rs = fold(ResponseFixtures.log()).records();
        assertThat(rs).hasSize(4);
        ResponseRecord a = rs.get(0);
        assertThat(a.sector()).isEqualTo("land");
        assertThat(a.detected()).as("the track's first update, before the alert").isEqualTo(t(0));
        assertThat(a.alerted()).isEqualTo(t(60));
        assertThat(a.dispatched()).isEqualTo(t(120));
        assertThat(a.onScene()).isEqualTo(t(720));
        assertThat(a.resolved()).isEqualTo(t(900));
        assertThat(a.unit()).isEqualTo("PATROL-1");
        assertThat(a.unitKind()).isEqualTo(UnitKind.GROUND_VEHICLE);
        assertThat(a.status()).isEqualTo(IncidentStatus.RESOLVED);
        ResponseRecord b = rs.get(1);
        assertThat(b.detected()).as("no track: the alert is the first sign").isEqualTo(t(3600));
        assertThat(b.unitKind()).isEqualTo(UnitKind.HELICOPTER);
        assertThat(b.status()).isEqualTo(IncidentStatus.FALSE_ALARM);
        assertThat(b.resolved()).isEqualTo(t(6000));
        ResponseRecord d = rs.get(3);
        assertThat(d.dispatched()).isNull();
        assertThat(d.onScene()).isNull();
        assertThat(d.unit()).isNull();
        assertThat(d.alertToDispatch()).isEmpty();
    }

    @Test
    void distributionsPerSectorAndUnitKind() {
        ResponseStatistics s = ResponseStatistics.of(fold(ResponseFixtures.log()).records(), null, null);
        assertThat(s.all().incidents()).isEqualTo(4);
        ResponseStatistics.Group land = s.sectors().get(0);
        assertThat(land.name()).isEqualTo("land");
        assertThat(land.incidents()).isEqualTo(3);
        assertThat(land.alertToDispatch().count()).isEqualTo(2);
        assertThat(land.alertToDispatch().medianS()).isCloseTo(90, EXACT);
        assertThat(land.alertToDispatch().p90S()).isCloseTo(114, EXACT);
        assertThat(land.alertToDispatch().maxS()).isCloseTo(120, EXACT);
        assertThat(land.dispatchToOnScene().medianS()).isCloseTo(540, EXACT);
        assertThat(land.dispatchToOnScene().p90S()).isCloseTo(588, EXACT);
        assertThat(land.detectionToOnScene().medianS()).isCloseTo(760, EXACT);
        assertThat(land.detectionToOnScene().maxS()).isCloseTo(800, EXACT);
        ResponseStatistics.Group sea = s.sectors().get(1);
        assertThat(sea.name()).isEqualTo("sea");
        assertThat(sea.detectionToOnScene().medianS()).isCloseTo(1500, EXACT);
        assertThat(s.unitKinds()).extracting(ResponseStatistics.Group::name)
                .containsExactly("ground-vehicle", "helicopter");
        assertThat(s.unitKinds().get(1).alertToDispatch().maxS()).isCloseTo(300, EXACT);
    }

    @Test
    void periodSelectsIncidentsByAlertTime() {
        ResponseStatistics s = ResponseStatistics.of(fold(ResponseFixtures.log()).records(), t(3600), t(9000));
        assertThat(s.all().incidents()).isEqualTo(2);
        assertThat(s.sectors()).extracting(ResponseStatistics.Group::incidents).containsExactly(1, 1);
        assertThat(s.all().dispatchToOnScene().valuesS()).containsExactly(480.0, 1200.0);
        assertThat(ResponseStatistics.of(List.of(), null, null).all().alertToDispatch().medianS()).isNaN();
    }

    @Test
    void stateRestoresToTheSameRecords() {
        List<DomainEvent> log = ResponseFixtures.log();
        ResponseTimes whole = fold(log);
        ResponseTimes half = fold(log.subList(0, 9));
        ResponseTimes restored = new ResponseTimes(FixtureTheatre.standard(), Duration.ofHours(6));
        restored.restore(half.state());
        log.subList(9, log.size()).forEach(restored::apply);
        assertThat(restored.records()).isEqualTo(whole.records());
        assertThat(restored.state()).isEqualTo(whole.state());
    }

    @Test
    void forgetsTracksIdleLongerThanItsMemory() {
        ResponseTimes r = new ResponseTimes(FixtureTheatre.standard(), Duration.ofMinutes(10));
        r.apply(ResponseFixtures.track("OLD", 0, 41.2, 69.3));
        r.apply(ResponseFixtures.track("NEW", 1200, 41.2, 69.3));
        r.apply(ResponseFixtures.track("NEW", 1300, 41.2, 69.3));
        assertThat(r.state().tracks()).extracting(ResponseTimes.Seen::track).containsExactly("NEW");
    }
}
