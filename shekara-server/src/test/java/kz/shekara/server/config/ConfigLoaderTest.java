package kz.shekara.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void exampleFileLoadsToTheDefaults() {
        ShekaraConfig cfg = ConfigLoader.load(Path.of("..", "shekara.example.yaml"));
        ShekaraConfig def = ShekaraConfig.defaults();
        assertThat(cfg.http()).isEqualTo(def.http());
        assertThat(cfg.cot()).isEqualTo(def.cot());
        assertThat(cfg.simulation()).isEqualTo(def.simulation());
        assertThat(cfg.db()).isNull();
        assertThat(cfg.theatre()).isNull();
        assertThat(cfg.dataDir()).isEqualTo(Path.of("..").toAbsolutePath().resolve("data"));
    }

    @Test
    void partialFileOverridesOnlyItsKeys() throws IOException {
        Path f = write("cot:\n  port: 18087\nsimulation:\n  enabled: true\n  seed: 42\n");
        ShekaraConfig cfg = ConfigLoader.load(f);
        assertThat(cfg.cot().port()).isEqualTo(18087);
        assertThat(cfg.cot().maxEventBytes()).isEqualTo(65536);
        assertThat(cfg.simulation().seed()).isEqualTo(42);
        assertThat(cfg.simulation().speed()).isEqualTo(1.0);
        assertThat(cfg.http().port()).isEqualTo(8080);
    }

    @Test
    void unknownKeyIsAnError() throws IOException {
        Path f = write("htpp:\n  port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'htpp'");
    }

    @Test
    void everyInvalidValueIsListed() throws IOException {
        Path f = write("http:\n  port: 70000\ncot:\n  port: -1\nsimulation:\n  speed: 0\ndb: mysql://x\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(4).anyMatch(s -> s.startsWith("http.port"))
                        .anyMatch(s -> s.startsWith("cot.port")).anyMatch(s -> s.startsWith("simulation.speed"))
                        .anyMatch(s -> s.startsWith("db")));
    }

    @Test
    void malformedYamlNamesTheLine() throws IOException {
        Path f = write("http:\n  port: 8080\n bad: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":");
    }

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("shekara.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
