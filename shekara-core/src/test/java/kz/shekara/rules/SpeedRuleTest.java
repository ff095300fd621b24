package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

/** The speed rule: one alert per movement, the site-closing one standing for the class excess while in force. */
class SpeedRuleTest {

    private static List<Alert> run(double lat, double lon, double vn, double ve) {
        RuleEngine engine = new RuleEngine(Fixtures.theatre("fast-boat", Posture.NORMAL), RulesConfig.defaults());
        List<DomainEvent> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.addAll(engine.onTrack(new TrackUpdate(Fixtures.EPOCH.plusSeconds(10L * i), "T-V", "caspian",
                    lat + i * vn * 10 / 111_000.0, lon, vn, ve, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.VESSEL,
                    new TreeSet<>(List.of("radar-1")), Fixtures.MARKING)));
        }
        return out.stream().filter(Alert.class::isInstance).map(Alert.class::cast)
                .filter(a -> a.rule() == kz.shekara.model.RuleKind.SPEED).toList();
    }

    @Test
    void aVesselOverItsClassLimitFarFromAnySiteGetsTheClassSpeedAlert() {
        List<Alert> alerts = run(43.30, 50.00, 25, 0); // some 60 km west of the offshore site, heading north
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alerts.get(0).facts()).isEqualTo(new AlertFacts.ClassSpeed(25, 20, TargetClass.VESSEL));
    }

    @Test
    void aVesselClosingOnASiteTooFastGetsOneHighAlertCarryingTheClassExcess() {
        List<Alert> alerts = run(43.77322099, 50.62522372, 17.725, 17.630);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.HIGH);
        AlertFacts.SiteClosing f = (AlertFacts.SiteClosing) alerts.get(0).facts();
        assertThat(f.site().id()).isEqualTo("site-offshore");
        assertThat(f.classSpeed().targetClass()).isEqualTo(TargetClass.VESSEL);
        assertThat(f.classSpeed().limitMps()).isEqualTo(20);
        assertThat(alerts.get(0).detail()).endsWith("; 25.0 m/s, above the 20.0 m/s allowed a vessel");
    }
}
