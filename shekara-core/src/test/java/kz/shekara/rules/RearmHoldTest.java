package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
 * A boat closing on the offshore site whose estimated velocity dips under the re-arm threshold for a
 * scan: the alert in force goes on; only a dip longer than the hold raises the same alert again.
 */
class RearmHoldTest {
    private final RuleEngine engine = new RuleEngine(Fixtures.theatre("boat-approach", Posture.NORMAL), RulesConfig.defaults());
    private final List<Alert> speedAlerts = new ArrayList<>();

    @Test
    void aOneScanDipDoesNotRaiseTheSameAlertAgainButALastingOneDoes() {
        feed(0, 15);
        feed(4, 5);   // the estimate dips under 90 % of the 10 m/s allowed: the rule re-arms
        feed(8, 15);  // back within the hold: the same alert goes on
        assertThat(speedAlerts).hasSize(1);

        for (int s = 12; s <= 76; s += 4) {
            feed(s, 5);   // clear from 12 s ... 
        }
        feed(80, 15);     // ... for longer than the hold after it re-armed at 12 s
        assertThat(speedAlerts).hasSize(2);
        assertThat(speedAlerts.get(1).time()).isEqualTo(Fixtures.EPOCH.plusSeconds(80));
        assertThat(speedAlerts.get(1).id()).isNotEqualTo(speedAlerts.get(0).id());
        assertThat(RuleEngine.REARM_HOLD).hasSeconds(60);
    }

    private void feed(int s, double vn) {
        TrackUpdate u = new TrackUpdate(Fixtures.EPOCH.plusSeconds(s), "T-BOAT", "caspian", 43.8, 50.8, vn, 0, 100, 0,
                100, TrackStatus.CONFIRMED, TargetClass.VESSEL, new TreeSet<>(List.of("coast-radar")), Fixtures.MARKING);
        for (DomainEvent e : engine.onTrack(u)) {
            if (e instanceof Alert a && a.rule() == RuleKind.SPEED && "site-offshore".equals(a.zone())) {
                speedAlerts.add(a);
            }
        }
    }
}
