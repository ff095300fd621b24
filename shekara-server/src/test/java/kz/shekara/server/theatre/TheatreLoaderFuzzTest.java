package kz.shekara.server.theatre;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A theatre folder with any one of its files replaced by arbitrary text loads or gives a
 * {@link TheatreException} naming the problem, never another exception. The other files are the
 * default theatre's (copied once).
 */
class TheatreLoaderFuzzTest {
    private static final List<String> FILES = List.of("theatre.yaml", "sensors.yaml", "units.yaml", "bases.yaml",
            "agencies.yaml", "rules.yaml", "sectors.geojson", "sites.geojson");
    private static Path theatre;

    @FuzzTest(maxDuration = "15s")
    void loadsOrRefuses(FuzzedDataProvider data) throws IOException {
        Path dir = defaultTheatreCopy();
        String file = data.pickValue(FILES);
        Path target = dir.resolve(file);
        byte[] original = Files.exists(target) ? Files.readAllBytes(target) : null;
        Files.write(target, data.consumeRemainingAsBytes());
        try {
            TheatreLoader.load(dir);
        } catch (TheatreException refused) {
            // a refusal naming the file and the problem is the one outcome besides a theatre
        } finally {
            if (original == null) {
                Files.delete(target);
            } else {
                Files.write(target, original);
            }
        }
    }

    private static synchronized Path defaultTheatreCopy() throws IOException {
        if (theatre == null) {
            Path source = Path.of("").toAbsolutePath();
            while (!Files.isDirectory(source.resolve("theatre/default"))) {
                source = source.getParent();
            }
            Path from = source.resolve("theatre/default");
            Path to = Files.createTempDirectory("shekara-theatre-fuzz");
            try (Stream<Path> all = Files.walk(from)) {
                all.sorted(Comparator.naturalOrder()).forEach(p -> copy(p, to.resolve(from.relativize(p).toString())));
            }
            to.toFile().deleteOnExit();
            theatre = to;
        }
        return theatre;
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
