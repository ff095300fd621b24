package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is a short door and docs/ holds the rest: the README stays within {@value #README_MAX_LINES}
 * lines, and every relative link in README.md and docs/**.md points at a file or folder that exists
 * (and, with an {@code #anchor} into a Markdown file, at a heading of that file, slugged as GitHub
 * slugs headings). Web and mail links are not checked.
 */
class DocsLinksTest {

    static final int README_MAX_LINES = 150;

    /** An inline link or image: {@code [text](target "title")}. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** A link reference definition: {@code [label]: target}. */
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    @Test
    void readmeIsShort() throws IOException {
        Path readme = repositoryRoot().resolve("README.md");
        assertThat(Files.readAllLines(readme, StandardCharsets.UTF_8))
                .as("lines of %s", readme)
                .hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> files = markdownFiles(root);
        assertThat(files).contains(root.resolve("README.md"));
        assertThat(files).anyMatch(f -> f.startsWith(root.resolve("docs")));
        assertThat(brokenLinks(root, files)).isEmpty();
    }

    @Test
    void aBrokenLinkOrAnchorIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/a.md"), """
                # Title

                ## Who gets there first (core)

                ## Dispatch: tasks, `CoT`

                See [b](b.md), [ok](#title), [core](#who-gets-there-first-core),
                [dispatch](#dispatch-tasks-cot), [folder](./), [web](https://example.org/x.md).
                `[not a link](nowhere.md)`

                ```
                [not a link either](nowhere.md)
                ```
                """);
        Files.writeString(dir.resolve("docs/b.md"), """
                [gone](missing.md) [bad anchor](a.md#nowhere) [fine](a.md#title) [up](../docs/a.md)
                """);

        List<String> broken = brokenLinks(dir, List.of(dir.resolve("docs/a.md"), dir.resolve("docs/b.md")));

        assertThat(broken).hasSize(2);
        assertThat(broken.get(0)).contains("b.md:1").contains("missing.md");
        assertThat(broken.get(1)).contains("b.md:1").contains("a.md#nowhere");
    }

    @Test
    void headingsAreSluggedLikeGitHub() {
        assertThat(slugs(List.of("# Rapid response: travel times, intercepts",
                "## Dispatch (server)", "## `LoggedBus` and the log", "## Dispatch (server)", "## Target: p99 ≤ 20 ms")))
                .containsExactly("rapid-response-travel-times-intercepts", "dispatch-server",
                        "loggedbus-and-the-log", "dispatch-server-1", "target-p99--20-ms");
    }

    /** The folder holding README.md and the parent pom that lists shekara-core, from the working directory up. */
    static Path repositoryRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(pom)
                    && Files.readString(pom, StandardCharsets.UTF_8).contains("<module>shekara-core</module>")) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** README.md and every Markdown file under docs/. */
    static List<Path> markdownFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(f -> f.toString().endsWith(".md") && Files.isRegularFile(f)).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** One line per broken link: {@code file:line: target (why)}. */
    static List<String> brokenLinks(Path root, List<Path> files) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = read(file);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                for (String target : targets(line)) {
                    String problem = check(file, target, anchors);
                    if (problem != null) {
                        broken.add(root.relativize(file) + ":" + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        return broken;
    }

    private static List<String> targets(String line) {
        String text = CODE_SPAN.matcher(line).replaceAll("code");
        List<String> targets = new ArrayList<>();
        Matcher m = INLINE_LINK.matcher(text);
        while (m.find()) {
            targets.add(unbracket(m.group(1)));
        }
        Matcher r = REFERENCE.matcher(text);
        if (r.find()) {
            targets.add(unbracket(r.group(1)));
        }
        return targets;
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    /** Why a link is broken, or null when it resolves (or is not a relative link). */
    private static String check(Path from, String target, Map<Path, Set<String>> anchors) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
            return null;
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return "not a relative link";
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = pathPart.isEmpty()
                ? from
                : from.getParent().resolve(URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(resolved)) {
            return "no such file or folder";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md") && Files.isRegularFile(resolved)) {
            Set<String> known = anchors.computeIfAbsent(resolved, f -> slugs(read(f)));
            if (!known.contains(URLDecoder.decode(anchor, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT))) {
                return "no heading with that anchor";
            }
        }
        return null;
    }

    /** The anchors GitHub gives the headings of a Markdown file, in order (repeats get -1, -2, ...). */
    static Set<String> slugs(List<String> lines) {
        Set<String> slugs = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (fenced || !h.matches()) {
                continue;
            }
            String text = h.group(2)
                    .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")   // links: their text
                    .replaceAll("<[^>]+>", "");                         // inline HTML
            String slug = text.toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            slugs.add(n == 0 ? slug : slug + "-" + n);
        }
        return slugs;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
