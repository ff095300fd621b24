package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.access.AccessService;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.access.TokenScope;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.config.AccessConfig;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web login and the access check over real HTTP: a browser-like client with a cookie jar logs
 * in, is refused writes without the CSRF token, logs out; wrong passwords lock the account; one
 * address is rate-limited; machine tokens reach only their scope; the live feed needs a session
 * that may read.
 */
class AccessApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    @TempDir
    Path dir;
    private final SettableClock wall = new SettableClock(T0);
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final InMemoryBus bus = new InMemoryBus(2, 1024);
    private final LiveState live = new LiveState(bus, LiveStateConfig.defaults());
    private final Theatre theatre = FixtureTheatre.create();
    private AccessService access;
    private ApiServer server;
    private String base;

    @BeforeEach
    void start() {
        live.start();
        access = TestAccounts.service(dir, theatre, meters,
                new AccessConfig(Duration.ofMinutes(30), Duration.ofHours(12), 3, Duration.ofMinutes(15), 8), wall,
                (actor, action, target, outcome, address) -> audit.add(actor + " " + action + " " + target + " " + outcome));
        server = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, meters, Clock.systemUTC()).access(access)
                .addRoutes(app -> app.get("/api/v1/unlisted", ctx -> ctx.result("should not be reached")));
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        live.close();
        bus.close();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(HttpClient http, String user, String password) throws Exception {
        return send(http, "POST", "/api/v1/session", JSON.createObjectNode().put("user", user).put("password", password)
                .toString());
    }

    private double refusals(String reason) {
        var c = meters.find("shekara.access.refusals").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndWritesNeedTheCsrfToken() throws Exception {
        HttpClient http = browser();
        assertThat(send(http, "GET", "/api/v1/session", null).statusCode()).isEqualTo(401);
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(401);
        assertThat(refusals("unauthenticated")).isEqualTo(2);
        assertThat(send(http, "GET", "/api/v1/health", null).statusCode()).as("health is open").isEqualTo(200);
        assertThat(send(http, "GET", "/api/v1/i18n", null).statusCode()).as("the login page's texts are open").isEqualTo(200);
        assertThat(send(http, "GET", "/index.html", null).statusCode()).as("the page itself is open").isEqualTo(200);

        HttpResponse<String> in = login(http, "operator", TestAccounts.password("operator"));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("shekara_session=").contains("HttpOnly").contains("SameSite=Strict")
                .as("no TLS on this port, so not Secure").doesNotContain("Secure");
        JsonNode me = JSON.readTree(in.body());
        assertThat(me.get("user").asText()).isEqualTo("operator");
        assertThat(me.get("role").asText()).isEqualTo("operator");
        assertThat(me.get("agency").asText()).isEqualTo(theatre.defaultMarking().originator());
        String csrf = me.get("csrf").asText();
        assertThat(csrf).hasSizeGreaterThan(30);
        assertThat(JSON.readTree(send(http, "GET", "/api/v1/session", null).body()).get("csrf").asText()).isEqualTo(csrf);
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(200);

        String chat = "{\"text\": \"radio check\"}";
        HttpResponse<String> noToken = send(http, "POST", "/api/v1/messages", chat);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(noToken.body()).get("error").asText()).isEqualTo("csrf");
        assertThat(send(http, "POST", "/api/v1/messages", chat, "X-CSRF-Token", "not-" + csrf).statusCode()).isEqualTo(403);
        assertThat(refusals("csrf")).isEqualTo(2);
        HttpResponse<String> sent = send(http, "POST", "/api/v1/messages", chat, "X-CSRF-Token", csrf);
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(sent.body()).get("senderCallsign").asText()).as("the chat's sender is the caller")
                .isEqualTo("OPS operator");
        assertThat(audit).as("the login records itself; requests are the audit trail's (AuditApiTest)")
                .contains("operator login operator ok");

        assertThat(send(http, "DELETE", "/api/v1/session", null).statusCode()).as("logout needs the token too").isEqualTo(403);
        assertThat(send(http, "DELETE", "/api/v1/session", null, "X-CSRF-Token", csrf).statusCode()).isEqualTo(204);
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(401);
        HttpResponse<String> replayed = send(HttpClient.newHttpClient(), "GET", "/api/v1/units", null,
                "Cookie", cookie.split(";")[0]);
        assertThat(replayed.statusCode()).as("the old cookie is dead").isEqualTo(401);
    }

    @Test
    void aRoleIsRefusedWhatItMayNotDoWith403() throws Exception {
        HttpClient http = browser();
        String csrf = JSON.readTree(login(http, "analyst", TestAccounts.password("analyst")).body()).get("csrf").asText();
        HttpResponse<String> r = send(http, "POST", "/api/v1/messages", "{\"text\": \"hi\"}", "X-CSRF-Token", csrf);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("forbidden");
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("analyst", "chat");
        assertThat(refusals("forbidden")).isEqualTo(1);
        assertThat(send(http, "GET", "/api/v1/tracks", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRouteTheAccessTableDoesNotListIsRefusedToEveryone() throws Exception {
        for (String user : List.of("operator", "commander", "analyst", "partner", "admin")) {
            HttpResponse<String> r = TestAccounts.client(user).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/unlisted"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(user).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("unclassified");
        }
        assertThat(send(HttpClient.newHttpClient(), "GET", "/api/v1/unlisted", null).statusCode()).isEqualTo(401);
        assertThat(send(HttpClient.newHttpClient(), "GET", "/api/v1/no-such-route", null).statusCode()).isEqualTo(404);
        assertThat(refusals("unclassified")).isEqualTo(5);
    }

    @Test
    void idleSessionsEnd() throws Exception {
        HttpClient http = browser();
        login(http, "commander", TestAccounts.password("commander"));
        wall.advance(Duration.ofMinutes(29));
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(200);
        wall.advance(Duration.ofMinutes(30));
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledAccountLosesItsSessionAndCannotLogIn() throws Exception {
        HttpClient http = browser();
        login(http, "analyst", TestAccounts.password("analyst"));
        assertThat(access.accounts().disable("analyst")).isTrue();
        wall.advance(Duration.ofSeconds(31));
        assertThat(send(http, "GET", "/api/v1/units", null).statusCode()).isEqualTo(401);
        HttpResponse<String> again = login(http, "analyst", TestAccounts.password("analyst"));
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(again.body()).get("error").asText()).isEqualTo("login-failed");
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhile() throws Exception {
        HttpClient http = browser();
        String right = TestAccounts.password("operator");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = login(http, "operator", "guess-" + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("login-failed");
        }
        HttpResponse<String> locked = login(http, "operator", right);
        assertThat(locked.statusCode()).as("locked even with the right password").isEqualTo(429);
        assertThat(JSON.readTree(locked.body()).get("error").asText()).isEqualTo("locked");
        assertThat(login(http, "commander", TestAccounts.password("commander")).statusCode())
                .as("other accounts are not locked").isEqualTo(200);
        assertThat(refusals("login-failed")).isEqualTo(3);
        assertThat(refusals("locked")).isEqualTo(1);
        assertThat(audit).contains("operator login operator login-failed", "operator login operator locked");

        wall.advance(Duration.ofMinutes(16));
        assertThat(login(http, "operator", right).statusCode()).as("the lock is over").isEqualTo(200);
        assertThat(login(http, "nobody", right).statusCode()).as("an unknown user reads as a wrong password").isEqualTo(401);
    }

    @Test
    void oneAddressIsLimitedToSoManyLoginsAMinute() throws Exception {
        HttpClient http = browser();
        for (int i = 0; i < 8; i++) {
            assertThat(login(http, "user-" + i, "x").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = login(http, "commander", TestAccounts.password("commander"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body()).get("error").asText()).isEqualTo("rate-limited");
        assertThat(limited.headers().firstValue("Retry-After")).contains("60");
        assertThat(refusals("rate-limited")).isEqualTo(1);
        wall.advance(Duration.ofSeconds(61));
        assertThat(login(http, "commander", TestAccounts.password("commander")).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensReachOnlyTheirScopeAndNeedNoCsrf() throws Exception {
        String partner = TestAccounts.partnerAgency(theatre);
        String feed = access.tokens().issue("uz-feed", partner, TokenScope.FEED, T0);
        String ingest = access.tokens().issue("gateway-1", theatre.defaultMarking().originator(), TokenScope.INGEST, T0);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> who = send(http, "GET", "/api/v1/session", null, "Authorization", "Bearer " + feed);
        assertThat(who.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(who.body());
        assertThat(me.get("user").asText()).isEqualTo("token:uz-feed");
        assertThat(me.get("kind").asText()).isEqualTo("token");
        assertThat(me.get("csrf").isNull()).isTrue();
        assertThat(me.get("actions")).extracting(JsonNode::asText).containsExactly("feed");
        assertThat(send(http, "GET", "/api/v1/units", null, "Authorization", "Bearer " + feed).statusCode()).isEqualTo(403);
        assertThat(send(http, "GET", "/api/v1/units", null, "Authorization", "Bearer " + ingest).statusCode()).isEqualTo(403);
        assertThat(send(http, "POST", "/api/v1/messages", "{\"text\": \"x\"}", "Authorization", "Bearer " + ingest)
                .statusCode()).as("no CSRF check for a bearer token, but the scope still refuses").isEqualTo(403);
        assertThat(send(http, "GET", "/api/v1/units", null, "Authorization", "Bearer shk_made-up").statusCode())
                .isEqualTo(401);
        access.tokens().revoke("uz-feed", T0.plusSeconds(60));
        assertThat(send(http, "GET", "/api/v1/session", null, "Authorization", "Bearer " + feed).statusCode())
                .as("a revoked token").isEqualTo(401);
    }

    @Test
    void aMetricsTokenScrapesTheMetricsAndReadsNothingElse() throws Exception {
        String scraper = access.tokens().issue("prometheus", theatre.defaultMarking().originator(), TokenScope.METRICS, T0);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> metrics = send(http, "GET", "/api/v1/metrics", null, "Authorization", "Bearer " + scraper);
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.body()).contains("shekara_access_logins_total");
        for (String path : List.of("/api/v1/units", "/api/v1/tracks", "/api/v1/status")) {
            assertThat(send(http, "GET", path, null, "Authorization", "Bearer " + scraper).statusCode()).as(path)
                    .isEqualTo(403);
        }
        // The other tokens may not scrape; a reading account still may.
        String feed = access.tokens().issue("uz-feed", TestAccounts.partnerAgency(theatre), TokenScope.FEED, T0);
        assertThat(send(http, "GET", "/api/v1/metrics", null, "Authorization", "Bearer " + feed).statusCode())
                .isEqualTo(403);
        HttpClient analyst = browser();
        assertThat(login(analyst, "analyst", TestAccounts.password("analyst")).statusCode()).isEqualTo(200);
        assertThat(send(analyst, "GET", "/api/v1/metrics", null).statusCode()).isEqualTo(200);
        assertThat(send(http, "GET", "/api/v1/metrics", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aBearerTokenWithoutCsrfMayWriteWhatItsScopeAllows() throws Exception {
        // No route takes INGEST yet; a feed token's one action is a read. What a bearer write looks like is
        // shown with the session route, which any identity may call: no CSRF header is asked for.
        String feed = access.tokens().issue("uz-feed", TestAccounts.partnerAgency(theatre), TokenScope.FEED, T0);
        HttpResponse<String> out = send(HttpClient.newHttpClient(), "DELETE", "/api/v1/session", null,
                "Authorization", "Bearer " + feed);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(refusals("csrf")).isZero();
    }

    @Test
    void theLiveFeedNeedsASessionOfARoleThatMayRead() throws Exception {
        URI ws = URI.create(base.replace("http", "ws") + "/api/v1/live");
        WebSocket.Listener quiet = new WebSocket.Listener() { };
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, quiet).join();
            throw new AssertionError("connected without a session");
        } catch (CompletionException e) {
            assertThat(e).hasStackTraceContaining("401");
        }
        try {
            TestAccounts.client("partner").newWebSocketBuilder().buildAsync(ws, quiet).join();
            throw new AssertionError("a partner connected to the operational picture");
        } catch (CompletionException e) {
            assertThat(e).hasStackTraceContaining("403");
        }
        WebSocket op = TestAccounts.client("operator").newWebSocketBuilder().buildAsync(ws, quiet).get(10, TimeUnit.SECONDS);
        op.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
