package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;

class RulesConfigTest {

    @Test
    void rejectsANegativeHysteresisNamingTheKey() {
        assertThatThrownBy(() -> new RulesConfig.Crossing(-5, 1000, List.of(), Severity.HIGH, Severity.MEDIUM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("border-crossing.hysteresis-m");
    }

    @Test
    void rejectsAMissingClassSpeedLimit() {
        assertThatThrownBy(() -> new RulesConfig.Speed(Map.of(TargetClass.WALKER, 4.0), 1000, 10))
                .hasMessageContaining("speed.class-limits-mps.unknown");
    }

    @Test
    void rejectsAnApproachWithoutZoneKinds() {
        assertThatThrownBy(() -> new RulesConfig.Approach(100, Duration.ofMinutes(5), 10, 0.5, Set.of()))
                .hasMessageContaining("approach.zone-kinds");
    }

    @Test
    void rejectsAPostureTableWithoutEveryLevel() {
        RulesConfig d = RulesConfig.defaults();
        assertThatThrownBy(() -> new RulesConfig(null, null, null, null, null, null, null, null,
                Map.of(Posture.NORMAL, d.profile(Posture.NORMAL)), Duration.ofMinutes(1)))
                .hasMessageContaining("posture.elevated");
    }

    @Test
    void rejectsAnUnknownHomeZone() {
        RulesConfig d = RulesConfig.defaults();
        RulesConfig c = new RulesConfig(new RulesConfig.Crossing(30, 1000, List.of("nowhere"), Severity.HIGH,
                Severity.MEDIUM), null, null, null, null, null, null, null, d.posture(), d.trackTimeout());
        assertThatThrownBy(() -> new RuleEngine(Fixtures.theatre("walker-crossing", Posture.NORMAL), c))
                .hasMessageContaining("border-crossing.home-zones").hasMessageContaining("nowhere");
    }
}
