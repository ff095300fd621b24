package kz.shekara.server.theatre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import kz.shekara.model.Classification;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheatreLoaderTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TheatreLoaderTest.class.getResource(name + "/theatre.yaml").toURI()).getParent();
    }

    @Test
    void loadsAValidTheatre() throws Exception {
        Theatre t = TheatreLoader.load(fixture("mini"));
        assertThat(t.name()).isEqualTo("Mini");
        assertThat(t.timeZone()).isEqualTo(ZoneOffset.ofHours(5));
        assertThat(t.defaultMarking().classification()).isEqualTo(Classification.RESTRICTED);
        assertThat(t.defaultMarking().originator()).isEqualTo("kz-bs");
        assertThat(t.defaultMarking().releasableTo()).containsExactly("kz-customs");
        assertThat(t.commands()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("south");
            assertThat(c.agency()).as("the home agency when not given").isEqualTo("kz-bs");
        });
        assertThat(t.sectors()).extracting(s -> s.id() + "/" + s.posture() + "/" + s.command())
                .containsExactly("west/NORMAL/south", "east/ELEVATED/south");
        assertThat(t.sector("east").orElseThrow().originLon()).isCloseTo(69.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.zones()).extracting(z -> z.id() + ":" + z.kind()).containsExactly(
                "west:SECTOR", "east:SECTOR", "border-west:BORDER", "cp-1:CROSSING_POINT");
        assertThat(t.zones(ZoneKind.CROSSING_POINT).get(0).bufferM()).isEqualTo(500.0);
        assertThat(t.zones(ZoneKind.CROSSING_POINT).get(0).geometry().getCoordinate().y).isEqualTo(41.5);
        Unit gp = t.unit("GP-1").orElseThrow();
        assertThat(gp.kind()).isEqualTo(UnitKind.GROUND_VEHICLE);
        assertThat(gp.speedMps()).isEqualTo(20.0);
        assertThat(gp.offRoadSpeedMps()).isEqualTo(10.0);
        assertThat(gp.readiness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(gp.command()).as("taken from the base").isEqualTo("south");
        assertThat(t.sensors()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SensorKind.RADAR);
            assertThat(s.period()).isEqualTo(Duration.ofSeconds(4));
            assertThat(s.probabilityOfDetection()).isEqualTo(0.9);
        });
        assertThat(t.agencies()).extracting(a -> a.id()).containsExactly("kz-bs", "kz-customs");
    }

    @Test
    void reportsEveryProblemOfABrokenTheatreWithFileAndLine() throws Exception {
        Path dir = fixture("broken");
        TheatreException e = catchThrowableOfType(TheatreException.class, () -> TheatreLoader.load(dir));
        List<String> expected = Files.readAllLines(dir.resolve("expected-problems.txt"), StandardCharsets.UTF_8);
        assertThat(e.problems()).extracting(TheatreException.Problem::toString).containsExactlyElementsOf(expected);
        assertThat(e.getMessage()).contains("\n" + String.join("\n", expected));
    }

    @Test
    void missingFolderIsOneProblemPerExpectedFile(@TempDir Path empty) {
        assertThatThrownBy(() -> TheatreLoader.load(empty)).isInstanceOf(TheatreException.class)
                .hasMessageContaining("theatre.yaml: file not found")
                .hasMessageContaining("agencies.yaml: file not found");
    }

    @Test
    void reportsAYamlSyntaxErrorAtItsLine(@TempDir Path dir) throws IOException, URISyntaxException {
        for (String f : List.of("theatre.yaml", "agencies.yaml", "bases.yaml", "sensors.yaml", "zones.geojson")) {
            Files.copy(fixture("mini").resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("units.yaml"), "units:\n  - id: GP-1\n    callsign: [unclosed\n");
        TheatreException e = catchThrowableOfType(TheatreException.class, () -> TheatreLoader.load(dir));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("units.yaml");
            assertThat(p.line()).isGreaterThanOrEqualTo(3);
            assertThat(p.message()).startsWith("cannot parse");
        });
    }

    @Test
    void loadsATheatreFromInsideAJar(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("theatres.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String f : List.of("theatre.yaml", "agencies.yaml", "bases.yaml", "units.yaml", "sensors.yaml",
                    "zones.geojson")) {
                out.putNextEntry(new JarEntry("theatres/mini/" + f));
                out.write(Files.readAllBytes(fixture("mini").resolve(f)));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Theatre t = TheatreLoader.loadResource(loader, "theatres/mini");
            assertThat(t.name()).isEqualTo("Mini");
            assertThat(t.sectors()).hasSize(2);
            // A second load reads the same resources again.
            assertThat(TheatreLoader.loadResource(loader, "theatres/mini").units()).hasSize(1);
        }
    }

    @Test
    void postureDefaultsToNormal() throws Exception {
        assertThat(TheatreLoader.load(fixture("mini")).sector("west").orElseThrow().posture())
                .isEqualTo(Posture.NORMAL);
    }
}
