package kz.shekara.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kz.shekara.server.adapter.cot.CotServerConfig;
import kz.shekara.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("..", "shekara.example.yaml");

    @TempDir
    Path dir;

    @Test
    void exampleFileLoadsToTheDefaults() {
        ShekaraConfig cfg = ConfigLoader.load(EXAMPLE);
        ShekaraConfig def = ShekaraConfig.defaults();
        assertThat(cfg.http()).isEqualTo(def.http());
        assertThat(cfg.cot()).isEqualTo(def.cot());
        assertThat(cfg.simulation()).isEqualTo(def.simulation());
        assertThat(cfg.tracker()).isEqualTo(def.tracker());
        assertThat(cfg.store()).isEqualTo(def.store());
        assertThat(cfg.response()).isEqualTo(def.response());
        assertThat(cfg.live()).isEqualTo(def.live());
        assertThat(RulesConfigLoader.forTheatre(null, cfg.rules())).isEqualTo(RulesConfigLoader.forTheatre(null));
        assertThat(cfg.db()).isNull();
        assertThat(cfg.theatre()).isNull();
        assertThat(cfg.federation()).isEqualTo(FederationConfig.NONE);
        assertThat(cfg.kafka()).isEqualTo(def.kafka());
        assertThat(cfg.dataDir()).isEqualTo(Path.of("..").toAbsolutePath().resolve("data"));
    }

    @Test
    void exampleFileShowsEveryKeyOfEverySection() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
        JsonNode example = yaml.readTree(Files.readString(EXAMPLE));
        ShekaraConfig d = ShekaraConfig.defaults();
        Map<String, List<Object>> sections = Map.of("http", List.of(d.http()), "cot", List.of(d.cot()),
                "simulation", List.of(d.simulation()), "tracker", List.of(d.tracker()),
                "store", List.of(d.store().log(), d.store().restart()),
                "response", List.of(d.response().desk(), d.response().plan()), "live", List.of(d.live()),
                "access", List.of(d.access()));
        assertThat(example.fieldNames()).toIterable().contains("http", "cot", "dataDir", "simulation", "tracker",
                "rules", "store", "response", "live", "access");
        sections.forEach((name, parts) -> parts.forEach(part -> yaml.valueToTree(part).fieldNames()
                .forEachRemaining(key -> {
                    // The one optional key shown only as a comment: its default is "none".
                    if (!(name.equals("cot") && key.equals("agency"))) {
                        assertThat(example.path(name).has(key)).as(name + "." + key).isTrue();
                    }
                })));
    }

    @Test
    void everySectionMapsOntoItsComponent() throws IOException {
        Path f = write("""
                tracker: {confirmHits: 2, confirmScans: 3, maxCoast: PT45S}
                rules: {loitering: {radius-m: 350}}
                store: {maxBatch: 512, retention: {bucket: PT5M}, checkpointInterval: 2, restoreTailEvents: 1000}
                response: {movedM: 80, planStepS: 60}
                live: {trailPoints: 40, trackTimeout: PT5M}
                cot: {validity: PT5M, agency: kz-bs}
                simulation: {pdLateness: PT1M}
                access: {maxFailures: 3, sessionIdle: PT10M}
                """);
        ShekaraConfig cfg = ConfigLoader.load(f);
        assertThat(cfg.access().maxFailures()).isEqualTo(3);
        assertThat(cfg.access().sessionIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cfg.access().lockout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(cfg.tracker().confirmHits()).isEqualTo(2);
        assertThat(cfg.tracker().maxCoast()).isEqualTo(Duration.ofSeconds(45));
        assertThat(cfg.tracker().gateProbability()).isEqualTo(TrackerConfig.DEFAULTS.gateProbability());
        assertThat(RulesConfigLoader.forTheatre(null, cfg.rules()).rules().loitering().radiusM()).isEqualTo(350);
        assertThat(RulesConfigLoader.forTheatre(null, cfg.rules()).rules().loitering().nearM())
                .isEqualTo(RulesConfigLoader.forTheatre(null).rules().loitering().nearM());
        assertThat(cfg.store().log().maxBatch()).isEqualTo(512);
        assertThat(cfg.store().log().retention().bucket()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cfg.store().log().retention().fullRateFor()).isEqualTo(Duration.ofDays(7));
        assertThat(cfg.store().restart().checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(cfg.store().restart().restoreTailEvents()).isEqualTo(1000);
        assertThat(cfg.response().desk().movedM()).isEqualTo(80);
        assertThat(cfg.response().plan().planStepS()).isEqualTo(60);
        assertThat(cfg.response().plan().planHorizonS()).isEqualTo(4 * 3600);
        assertThat(cfg.live().trailPoints()).isEqualTo(40);
        assertThat(cfg.live().trackTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CotServerConfig.of(cfg.cot()).validity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CotServerConfig.of(cfg.cot()).agency()).isEqualTo("kz-bs");
        assertThat(cfg.simulation().pdLateness()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void problemsOfEverySectionAreListedTogether() throws IOException {
        Path f = write("""
                http: {port: 70000}
                tracker: {confirmHits: 9, confirmScans: 3, gateProbabilty: 0.9}
                rules: {approach: {horizon: soon}}
                store: {maxBatch: 0, checkpointInterval: PT0S}
                response: {movedM: -1, planStepS: 0}
                live: {trailPoints: zero}
                simulation: {pdLateness: -PT1S}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(10)
                        .anyMatch(s -> s.startsWith("http.port"))
                        .anyMatch(s -> s.contains("unknown key 'tracker.gateProbabilty'"))
                        .anyMatch(s -> s.startsWith("tracker:") && s.contains("confirmHits <= confirmScans"))
                        .anyMatch(s -> s.startsWith("rules: approach.horizon"))
                        .anyMatch(s -> s.startsWith("store:") && s.contains("maxBatch"))
                        .anyMatch(s -> s.startsWith("store.checkpointInterval"))
                        .anyMatch(s -> s.startsWith("response:"))
                        .anyMatch(s -> s.startsWith("response.planStepS"))
                        .anyMatch(s -> s.startsWith("live.trailPoints"))
                        .anyMatch(s -> s.startsWith("simulation.pdLateness")));
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
    void federationListsPartnersWithFilesBesideTheConfig() throws IOException {
        Path f = write("""
                federation:
                  - agency: uz-bs
                    host: tak.example.uz
                    certificate: fed/uz.p12
                    truststore: fed/uz-ca.p12
                    reconnectMax: PT30S
                """);
        FederationConfig.Partner p = ConfigLoader.load(f).federation().partners().getFirst();
        assertThat(p).isEqualTo(new FederationConfig.Partner("uz-bs", "tak.example.uz", 8089,
                dir.resolve("fed/uz.p12").toString(), "atakatak", dir.resolve("fed/uz-ca.p12").toString(), "atakatak",
                Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    void federationProblemsAreListedPerPartner() throws IOException {
        Path f = write("""
                federation:
                  - {agency: uz-bs, host: h, certificate: a.p12, truststore: b.p12, prot: 1}
                  - {agency: kz-mod, host: h, port: 0, certificate: a.p12, truststore: b.p12}
                  - {agency: kz-customs, certificate: a.p12, truststore: b.p12}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(3).anyMatch(s -> s.contains("unknown key 'federation[0].prot'"))
                        .anyMatch(s -> s.startsWith("federation[1]") && s.contains("port"))
                        .anyMatch(s -> s.startsWith("federation[2]") && s.contains("host")));
    }

    @Test
    void unknownKeyIsAnError() throws IOException {
        Path f = write("htpp:\n  port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'htpp'");
    }

    @Test
    void everyInvalidValueIsListed() throws IOException {
        Path f = write("http:\n  port: 70000\ncot:\n  port: -2\nsimulation:\n  speed: 0\ndb: mysql://x\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(4).anyMatch(s -> s.startsWith("http.port"))
                        .anyMatch(s -> s.startsWith("cot.port")).anyMatch(s -> s.startsWith("simulation.speed"))
                        .anyMatch(s -> s.startsWith("db")));
    }

    @Test
    void kafkaBatchingKeysLoadAndBadOnesAreListed() throws IOException {
        ShekaraConfig.Kafka k = ConfigLoader.load(write("kafka:\n  commitInterval: PT0.25S\n  linger: PT0S\n"
                + "  batchBytes: 65536\n  pollRecords: 500\n  commitRecords: 100\n")).kafka();
        assertThat(k).isEqualTo(new ShekaraConfig.Kafka(Duration.ofHours(1), 10_000, Duration.ofSeconds(30),
                Duration.ofMillis(250), 100, Duration.ZERO, 65_536, 500));
        Path bad = write("kafka:\n  commitInterval: PT2M\n  linger: PT-1S\n  batchBytes: 100\n  pollRecords: 0\n"
                + "  commitRecords: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(5).anyMatch(s -> s.startsWith("kafka.commitInterval"))
                        .anyMatch(s -> s.startsWith("kafka.linger")).anyMatch(s -> s.startsWith("kafka.batchBytes"))
                        .anyMatch(s -> s.startsWith("kafka.pollRecords"))
                        .anyMatch(s -> s.startsWith("kafka.commitRecords")));
    }

    @Test
    void kafkaHandOverKeysLoadAndBadOnesAreListed() throws IOException {
        ShekaraConfig.Kafka k = ConfigLoader.load(write("kafka:\n  handoverLag: PT3S\n  handoverPatience: PT20S\n"
                + "  handoverMarkEvery: PT1S\n")).kafka();
        assertThat(List.of(k.handoverLag(), k.handoverPatience(), k.handoverMarkEvery()))
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(ShekaraConfig.defaults().kafka().handoverLag()).isEqualTo(Duration.ofSeconds(2));
        Path bad = write("kafka:\n  handoverLag: PT0S\n  handoverPatience: PT0.01S\n  handoverMarkEvery: PT1S\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).hasSize(3).anyMatch(s -> s.startsWith("kafka.handoverLag"))
                        .anyMatch(s -> s.startsWith("kafka.handoverPatience"))
                        .anyMatch(s -> s.startsWith("kafka.handoverMarkEvery")));
        Path rarer = write("kafka:\n  handoverMarkEvery: PT3S\n");
        assertThatThrownBy(() -> ConfigLoader.load(rarer)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).containsExactly(
                        "kafka.handoverMarkEvery: must be longer than PT0S and at most kafka.handoverLag (PT2S), got PT3S"));
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
