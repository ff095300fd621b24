package kz.shekara.server.adapter.cot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The CoT fixture files under src/test/resources/kz/shekara/server/adapter/cot. */
final class CotFixtures {
    private CotFixtures() {
    }

    static Path dir() {
        try {
            return Path.of(CotFixtures.class.getResource("sa-atak.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Valid inputs: every .xml that is neither a rejection case nor an expected output. */
    static Stream<String> valid() {
        return names().filter(n -> !n.startsWith("reject-") && !n.endsWith(".expected.xml"));
    }

    /** Rejection cases, named reject-REASON.xml or reject-REASON__VARIANT.xml. */
    static Stream<String> rejected() {
        return names().filter(n -> n.startsWith("reject-"));
    }

    static String reasonOf(String rejectFixture) {
        String base = rejectFixture.substring("reject-".length(), rejectFixture.length() - ".xml".length());
        int v = base.indexOf("__");
        return v < 0 ? base : base.substring(0, v);
    }

    private static Stream<String> names() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
