package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route that docs/api.md documents is served by a running server: it answers neither the
 * catch-all 404 ("no such resource") nor a 500, whatever the route's own answer to an unknown id or an
 * empty body is. And every route the server's code registers is documented.
 */
class DocumentedRoutesTest {
    private static final Pattern DOC_ROUTE = Pattern.compile("`(GET|POST|PUT|DELETE) (/api/v1/[^` ?]*)[^`]*`((?:, `/api/v1/[^`?]*[^`]*`)*)");
    private static final Pattern MORE = Pattern.compile("`(/api/v1/[^` ?]*)[^`]*`");
    private static final Pattern CODE_ROUTE = Pattern.compile("app\\.(get|post|put|delete)\\(\"(/api/v1/[^\"]*)\"");

    @TempDir
    static Path dir;
    private static ShekaraServer server;
    private static Theatre theatre;
    private static final HttpClient HTTP = TestAccounts.commander();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        theatre = TheatreLoader.loadDefault();
        ShekaraConfig cfg = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withDataDir(dir)
                .validate();
        TestAccounts.seed(cfg, theatre);
        server = ShekaraServer.start(cfg, theatre, Clock.systemUTC(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyDocumentedLiveRouteIsServed() throws Exception {
        List<Route> documented = documented();
        assertThat(documented).hasSizeGreaterThan(30);
        List<String> unserved = new ArrayList<>();
        for (Route r : documented) {
            if (r.path().startsWith("/api/v1/replay")) {
                continue; // a replay session's own routes; the live server has none (LiveServerReviewTest)
            }
            HttpResponse<String> res = send(r.method(), concrete(r.path()));
            boolean catchAll = res.statusCode() == 404 && res.body().contains("no such resource");
            if (catchAll || res.statusCode() >= 500) {
                unserved.add(r + " -> " + res.statusCode() + " " + res.body());
            }
        }
        assertThat(unserved).isEmpty();
    }

    @Test
    void unitControlIsNotTakenForAUnitId() throws Exception {
        HttpResponse<String> res = send("GET", "/api/v1/units/control");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).isObject()).isTrue();
        String unit = theatre.units().get(0).id();
        HttpResponse<String> one = send("GET", "/api/v1/units/" + unit);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).at("/properties/id").asText()).isEqualTo(unit);
    }

    @Test
    void refusalsShareOneShapeAndOneCounter() throws Exception {
        HttpResponse<String> unknown = send("POST", "/api/v1/alerts/AL-none/ack", "{\"by\":\"op\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(unknown.body());
        assertThat(body.get("error").asText()).isEqualTo("not-found");
        assertThat(body.get("detail").asText()).contains("AL-none");
        HttpResponse<String> plan = send("POST", "/api/v1/plan/intercept", "{\"unit\": 1}");
        assertThat(plan.statusCode()).isEqualTo(400);
        String metrics = send("GET", "/api/v1/metrics").body();
        assertThat(metrics).contains("shekara_adapter_rejections_total{adapter=\"api\",reason=\"not-found\"}")
                .contains("shekara_adapter_rejections_total{adapter=\"api\",reason=\"missing-field\"}")
                .doesNotContain("adapter=\"web\",reason").doesNotContain("adapter=\"plan\"");
    }

    @Test
    void everyRouteInTheCodeIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        documented().forEach(r -> documented.add(r.toString()));
        Set<String> registered = new TreeSet<>();
        Path api = root().resolve("shekara-server/src/main/java/kz/shekara/server/api");
        try (Stream<Path> files = Files.list(api)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE_ROUTE.matcher(Files.readString(f));
                while (m.find()) {
                    registered.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
                }
            }
        }
        assertThat(registered).hasSizeGreaterThan(30);
        assertThat(documented).containsAll(registered);
    }

    @Test
    void everyRouteInTheCodeAndTheDocsIsClassifiedByTheAccessPolicy() throws IOException {
        Set<String> routes = new TreeSet<>();
        documented().forEach(r -> routes.add(r.toString()));
        Path api = root().resolve("shekara-server/src/main/java/kz/shekara/server/api");
        try (Stream<Path> files = Files.list(api)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE_ROUTE.matcher(Files.readString(f));
                while (m.find()) {
                    routes.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + m.group(2));
                }
            }
        }
        List<String> unclassified = routes.stream().filter(r -> {
            String[] mp = r.split(" ", 2);
            return RoutePolicy.DEFAULT.match(mp[0], concrete(mp[1].replaceAll("\\?.*", ""))).isEmpty();
        }).toList();
        assertThat(unclassified).as("routes the access policy refuses to everyone").isEmpty();
    }

    /** The documented routes: {@code `METHOD /path?query`}, and {@code , `/other`} after it for the same method. */
    static List<Route> documented() throws IOException {
        List<Route> out = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("docs/api.md"))) {
            Matcher m = DOC_ROUTE.matcher(line);
            while (m.find()) {
                out.add(new Route(m.group(1), m.group(2)));
                Matcher more = MORE.matcher(m.group(3));
                while (more.find()) {
                    out.add(new Route(m.group(1), more.group(1)));
                }
            }
        }
        return out;
    }

    private static String concrete(String path) {
        return path.replace("/units/{id}", "/units/" + theatre.units().get(0).id())
                .replace("/sectors/{id}", "/sectors/" + theatre.sectors().get(0).id())
                .replace("{agency}", theatre.defaultMarking().originator())
                .replace("{id}", "none").replace("{user}", "nobody");
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return send(method, path, "{}");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + path))
                .header("Content-Type", "application/json");
        b = switch (method) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.method(method, HttpRequest.BodyPublishers.ofString(body));
        };
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Path root() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isRegularFile(d.resolve("docs/api.md"))) {
            d = d.getParent();
        }
        assertThat(d).as("repository root with docs/api.md").isNotNull();
        return d;
    }
}
