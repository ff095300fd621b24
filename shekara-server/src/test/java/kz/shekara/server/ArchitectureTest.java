package kz.shekara.server;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.shekara.server.store.BackEdgeProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's layers run one way: foundation (bus, Kafka bus, store, config, theatre loading) ← services (tracker,
 * alert desk, response, review, live view, reports, access) ← edges (adapters, feeds, HTTP API) ← composition
 * roots ({@code ShekaraServer}, {@code ReplaySession}) ← command line. No package cycles; no class of
 * main code over {@value #MAX_CLASS_LINES} lines.
 */
class ArchitectureTest {
    static final int MAX_CLASS_LINES = 400;
    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kz.shekara.server");
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("foundation").definedBy("kz.shekara.server.bus..", "kz.shekara.server.kafka..", "kz.shekara.server.store..",
                        "kz.shekara.server.config..", "kz.shekara.server.theatre..")
                .layer("services").definedBy("kz.shekara.server.track..", "kz.shekara.server.alertdesk..",
                        "kz.shekara.server.response..", "kz.shekara.server.review..", "kz.shekara.server.view..",
                        "kz.shekara.server.report..", "kz.shekara.server.access..")
                .layer("edges").definedBy("kz.shekara.server.adapter..", "kz.shekara.server.source..",
                        "kz.shekara.server.api..")
                .layer("roots").definedBy("kz.shekara.server")
                .layer("cli").definedBy("kz.shekara.server.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("roots").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("edges").mayOnlyBeAccessedByLayers("roots", "cli")
                .whereLayer("services").mayOnlyBeAccessedByLayers("edges", "roots", "cli")
                .whereLayer("foundation").mayOnlyBeAccessedByLayers("services", "edges", "roots", "cli");
    }

    static ArchRule noCycles() {
        return slices().matching("kz.shekara.server.(*)..").should().beFreeOfCycles();
    }

    @Test
    void layersRunOneWay() {
        layers().check(server);
    }

    @Test
    void serverPackagesHaveNoCycles() {
        noCycles().check(server);
    }

    @Test
    void aBackEdgeFailsTheLayerRule() {
        JavaClasses withProbe = new ClassFileImporter().importClasses(BackEdgeProbe.class,
                kz.shekara.server.api.ApiError.class);
        assertThatThrownBy(() -> layers().check(withProbe)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("BackEdgeProbe");
    }

    @Test
    void noMainClassIsLongerThanTheLimit() throws IOException {
        Path root = repositoryRoot();
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(root, 12)) {
            tooLong = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> lines(p) > MAX_CLASS_LINES)
                    .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
                    .toList();
        }
        assertThat(tooLong).as("main classes over %d lines", MAX_CLASS_LINES).isEmpty();
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("shekara-core")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above the working directory").isNotNull();
        return dir;
    }
}
