package kz.shekara.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import kz.shekara.rules.RuleEngine;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Posture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesConfigLoaderTest {

    @Test
    void loadsTheDefaultTheatresRulesAndTheyFitItsZones() throws Exception {
        RulesSettings s = RulesConfigLoader.forTheatre(null);
        assertThat(s.rules().borderCrossing().homeZones()).containsExactly("country-kz");
        assertThat(s.rules().loitering().duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.rules().profile(Posture.HIGH).loiterTimeFactor()).isEqualTo(0.3);
        assertThat(s.incidents().window()).isEqualTo(Duration.ofMinutes(15));
        RuleEngine engine = new RuleEngine(TheatreLoader.loadDefault(), s.rules());
        assertThat(engine.postures()).containsKey("caspian");
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        String yaml = """
                track-timeout: soon
                border-crossing: {hysteresis-m: -1}
                loitering: {radius-m: 200, colour: red}
                speed: {class-limits-mps: {submarine: 3}}
                posture: {normal: {buffer-factor: 0}}
                gossip: 1
                """;
        assertThatThrownBy(() -> RulesConfigLoader.parse(yaml, "rules.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).containsExactlyInAnyOrder(
                        "rules.yaml: gossip: unknown key (known: [approach, border-crossing, incidents, loitering, posture, "
                                + "sector-void, sensor-alarm, sensor-silent, speed, track-timeout, unit-emergency])",
                        "rules.yaml: track-timeout: not a duration (use 10m, 30s, 2h or PT10M): \"soon\"",
                        "rules.yaml: border-crossing.hysteresis-m: must be a positive number, got -1.0",
                        "rules.yaml: loitering.colour: unknown key (known: [duration, enabled, near-m, radius-m, zone-kinds])",
                        "rules.yaml: speed.class-limits-mps.submarine: unknown class",
                        "rules.yaml: posture.normal.buffer-factor: must be a positive number, got 0.0"));
    }

    @Test
    void turnsARuleOffAndKeepsDefaultsForWhatIsLeftOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), "sector-void: {enabled: false}\napproach: {horizon: PT5M}\n");
        RulesSettings s = RulesConfigLoader.forTheatre(dir);
        assertThat(s.rules().sectorVoid()).isNull();
        assertThat(s.rules().approach().horizon()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.rules().approach().defaultBufferM()).isEqualTo(1000);
    }
}
