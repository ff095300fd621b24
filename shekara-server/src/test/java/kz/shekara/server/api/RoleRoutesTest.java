package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.Role;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role against every route of a running server, as a table: which roles may call it. A role
 * in the row gets an answer that is no refusal (2xx, or a 4xx about the request itself: 400, 404,
 * 409, never 401 or 403); every other role gets 403; a request without identity gets 401.
 */
class RoleRoutesTest {
    private static final Set<Role> READERS = EnumSet.of(Role.OPERATOR, Role.COMMANDER, Role.ANALYST);
    private static final Set<Role> DESK = EnumSet.of(Role.OPERATOR, Role.COMMANDER);
    private static final Set<Role> COMMAND = EnumSet.of(Role.COMMANDER);
    private static final Set<Role> REVIEWERS = EnumSet.of(Role.COMMANDER, Role.ANALYST);
    private static final Set<Role> EXPORTERS = EnumSet.of(Role.ANALYST);
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    @TempDir
    static Path dir;
    private static ShekaraServer server;
    private static Theatre theatre;
    private static final Map<Role, HttpClient> CLIENTS = new java.util.EnumMap<>(Role.class);

    /** method, path, body, the roles that may. */
    static Stream<Arguments> table() {
        String unit = "{unit}";
        String sector = "{sector}";
        return Stream.of(
                row("GET", "/api/v1/theatre", READERS),
                row("GET", "/api/v1/zones", READERS),
                row("GET", "/api/v1/sensors", READERS),
                row("GET", "/api/v1/bases", READERS),
                row("GET", "/api/v1/units", READERS),
                row("GET", "/api/v1/units/" + unit, READERS),
                row("GET", "/api/v1/units/control", READERS),
                row("GET", "/api/v1/detections", READERS),
                row("GET", "/api/v1/tracks", READERS),
                row("GET", "/api/v1/messages", READERS),
                row("GET", "/api/v1/alerts", READERS),
                row("GET", "/api/v1/alerts/AL-none", READERS),
                row("GET", "/api/v1/incidents", READERS),
                row("GET", "/api/v1/incidents/INC-none", READERS),
                row("GET", "/api/v1/incidents/INC-none/timeline", READERS),
                row("GET", "/api/v1/incidents/INC-none/recommendations", READERS),
                row("GET", "/api/v1/tasks", READERS),
                row("GET", "/api/v1/sectors", READERS),
                row("GET", "/api/v1/sectors/posture", READERS),
                row("GET", "/api/v1/status", READERS),
                row("GET", "/api/v1/metrics", READERS),
                row("POST", "/api/v1/alerts/AL-none/ack", DESK),
                row("POST", "/api/v1/alerts/AL-none/close", DESK),
                row("PUT", "/api/v1/incidents/INC-none/status", DESK),
                row("POST", "/api/v1/incidents/INC-none/dispatch", DESK),
                row("POST", "/api/v1/plan/intercept", DESK),
                row("POST", "/api/v1/messages", DESK),
                row("PUT", "/api/v1/sectors/" + sector + "/posture", COMMAND),
                row("PUT", "/api/v1/units/" + unit + "/control", COMMAND),
                row("GET", "/api/v1/stats/alerts", REVIEWERS),
                row("GET", "/api/v1/stats/response", REVIEWERS),
                row("GET", "/api/v1/picture?at=2026-03-01T06:00:00Z", REVIEWERS),
                row("GET", "/api/v1/incidents/INC-none/picture", REVIEWERS),
                row("GET", "/api/v1/incidents/INC-none/export.json", EXPORTERS),
                row("GET", "/api/v1/incidents/INC-none/export.html", EXPORTERS),
                row("GET", "/api/v1/releases", EnumSet.of(Role.OPERATOR, Role.COMMANDER, Role.ANALYST, Role.PARTNER)),
                row("GET", "/api/v1/session", EVERYONE));
    }

    private static Arguments row(String method, String path, Set<Role> may) {
        return Arguments.of(method, path, may);
    }

    @BeforeAll
    static void start() throws Exception {
        theatre = TheatreLoader.loadDefault();
        server = SeededServer.start(dir, theatre);
        for (Role r : Role.values()) {
            CLIENTS.put(r, TestAccounts.client(r.id()));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpClient http, String method, String path) throws Exception {
        String concrete = path.replace("{unit}", theatre.units().get(0).id())
                .replace("{sector}", theatre.sectors().get(0).id());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + concrete))
                .header("Content-Type", "application/json");
        b = method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString("{}"));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("table")
    void eachRoleIsAllowedOrRefusedAsTheTableSays(String method, String path, Set<Role> may) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Role r : Role.values()) {
            HttpResponse<String> res = send(CLIENTS.get(r), method, path);
            boolean refused = res.statusCode() == 401 || res.statusCode() == 403;
            boolean ok = may.contains(r) ? !refused && res.statusCode() < 500 : res.statusCode() == 403;
            if (!ok) {
                wrong.add(r.id() + " -> " + res.statusCode() + " " + res.body());
            }
        }
        HttpResponse<String> anonymous = send(HttpClient.newHttpClient(), method, path);
        if (anonymous.statusCode() != 401) {
            wrong.add("no identity -> " + anonymous.statusCode());
        }
        assertThat(wrong).isEmpty();
    }
}
