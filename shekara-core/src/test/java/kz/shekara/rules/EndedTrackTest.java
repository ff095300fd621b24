package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

/**
 * The live tracker's last word on an ended track (status DELETED) is no position: the rules do not
 * evaluate it, and it ends the track's rule state at once instead of after the track timeout.
 */
class EndedTrackTest {
    private final RuleEngine engine = new RuleEngine(Fixtures.theatre("boat-approach", Posture.NORMAL), RulesConfig.defaults());

    @Test
    void aDeletedUpdateRaisesNothingEvenWhereAPositionWould() {
        assertThat(engine.onTrack(boat(0, 15, TrackStatus.DELETED))).isEmpty();
        assertThat(engine.follows("T-BOAT")).isFalse();
        // The same estimate as a live position does raise the speed alert.
        assertThat(speedAlerts(engine.onTrack(boat(4, 15, TrackStatus.CONFIRMED)))).hasSize(1);
    }

    @Test
    void aDeletedUpdateEndsTheTracksAlertsAndStateAtOnce() {
        List<Alert> first = speedAlerts(engine.onTrack(boat(0, 15, TrackStatus.CONFIRMED)));
        assertThat(first).hasSize(1);
        // The alert in force goes on: no second alert while the track lives.
        assertThat(engine.onTrack(boat(4, 15, TrackStatus.CONFIRMED))).noneMatch(e -> e instanceof Alert);
        assertThat(engine.follows("T-BOAT")).isTrue();

        assertThat(engine.onTrack(boat(8, 15, TrackStatus.DELETED))).noneMatch(e -> e instanceof Alert);
        assertThat(engine.follows("T-BOAT")).isFalse();

        // Well within the track timeout, the id seen again is a new track: its finding is a new alert.
        List<Alert> again = speedAlerts(engine.onTrack(boat(12, 15, TrackStatus.CONFIRMED)));
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().id()).isNotEqualTo(first.getFirst().id());
    }

    private static List<Alert> speedAlerts(List<DomainEvent> out) {
        return out.stream().filter(e -> e instanceof Alert a && a.rule() == RuleKind.SPEED)
                .map(Alert.class::cast).toList();
    }

    private static TrackUpdate boat(int s, double vn, TrackStatus status) {
        return new TrackUpdate(Fixtures.EPOCH.plusSeconds(s), "T-BOAT", "caspian", 43.8, 50.8, vn, 0, 100, 0, 100,
                status, TargetClass.VESSEL, new TreeSet<>(List.of("coast-radar")), Fixtures.MARKING);
    }
}
