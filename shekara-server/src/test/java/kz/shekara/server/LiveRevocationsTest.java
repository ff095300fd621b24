package kz.shekara.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.AccountStore;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.Role;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.access.TokenScope;
import kz.shekara.server.access.TokenStore;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disabled account or a revoked certificate loses what it has open on a running server: its TAK
 * connection over TLS is closed, its web session ends and its token is refused, each counted and the
 * disconnection audited; other devices stay connected.
 */
class LiveRevocationsTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String PROTOCOL_OFFER = "t-x-takp-v";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private ShekaraServer server;
    private CertificateAuthority ca;
    private AccessDatabase db;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Path data = dir.resolve("data");
        ShekaraConfig cfg = ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0)
                .withTlsPort(0).withDataDir(data).validate();
        db = TestAccounts.seed(cfg, theatre);
        TestAccounts.add(db, "field-op", Role.OPERATOR, "kz-bs");
        ca = CertificateAuthority.init(data, Clock.systemUTC());
        server = ShekaraServer.start(cfg, theatre, Clock.systemUTC(), null);
        base = "http://127.0.0.1:" + server.ports().http();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAccountDisabledWhileConnectedLosesItsTakConnectionSessionAndToken() throws Exception {
        String token = new TokenStore(db).issue("field-op-metrics", "kz-bs", TokenScope.METRICS, "field-op",
                Instant.EPOCH);
        String cookie = login("field-op");
        try (TlsTestClient device = TlsTestClient.issueAndConnect(ca, "field-op", "kz-bs", dir, server.ports().tls());
             TlsTestClient other = TlsTestClient.issueAndConnect(ca, "other-dev", "kz-bs", dir, server.ports().tls())) {
            assertThat(device.awaitText(PROTOCOL_OFFER, LIMIT)).as("admitted").isTrue();
            assertThat(other.awaitText(PROTOCOL_OFFER, LIMIT)).isTrue();
            assertThat(get("/api/v1/units", "Cookie", cookie).statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/metrics", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

            // As `users disable field-op` does, from another process: the server finds it by itself.
            assertThat(new AccountStore(db).disable("field-op")).isTrue();

            assertThat(device.closedWithin(LIMIT)).as("the disabled account's device is disconnected").isTrue();
            assertThat(get("/api/v1/units", "Cookie", cookie).statusCode()).as("its session").isEqualTo(401);
            assertThat(get("/api/v1/metrics", "Authorization", "Bearer " + token).statusCode()).as("its token")
                    .isEqualTo(401);
            other.send(ping("OTHER"));
            assertThat(other.awaitText("t-x-c-t-r", LIMIT)).as("another device stays connected").isTrue();
        }
        assertThat(counter("shekara.cot.disconnects", "account-disabled")).isEqualTo(1);
        assertThat(counter("shekara.access.sessions.ended", "account-disabled")).isEqualTo(1);
        assertThat(disconnections()).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("server");
            assertThat(e.target()).contains("CN=field-op");
            assertThat(e.outcome()).isEqualTo("account-disabled");
        });
    }

    @Test
    void anAccountTheAdminDisablesOverTheApiIsDisconnectedBeforeTheAnswer() throws Exception {
        HttpClient admin = TestAccounts.client("admin");
        String cookie = login("field-op");
        try (TlsTestClient device = TlsTestClient.issueAndConnect(ca, "field-op", "kz-bs", dir, server.ports().tls())) {
            assertThat(device.awaitText(PROTOCOL_OFFER, LIMIT)).isTrue();
            HttpResponse<String> r = admin.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/accounts/field-op/disable")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            // Counted before the answer: no sweep was needed.
            assertThat(counter("shekara.cot.disconnects", "account-disabled")).isEqualTo(1);
            assertThat(get("/api/v1/units", "Cookie", cookie).statusCode()).isEqualTo(401);
            assertThat(device.closedWithin(LIMIT)).isTrue();
        }
        assertThat(server.audit().read(Instant.EPOCH, Instant.MAX, 1000)).extracting(AuditEntry::action)
                .containsSubsequence("account.disable", "cot.disconnect");
    }

    @Test
    void aCertificateRevokedWhileConnectedIsDisconnectedAndRefusedThereafter() throws Exception {
        try (TlsTestClient revoked = TlsTestClient.issueAndConnect(ca, "lost-tablet", "kz-bs", dir,
                server.ports().tls());
             TlsTestClient kept = TlsTestClient.issueAndConnect(ca, "kept-tablet", "kz-bs", dir,
                     server.ports().tls())) {
            assertThat(revoked.awaitText(PROTOCOL_OFFER, LIMIT)).isTrue();
            assertThat(kept.awaitText(PROTOCOL_OFFER, LIMIT)).isTrue();

            // As `certs revoke --user lost-tablet` does, from another process.
            assertThat(CertificateAuthority.open(dir.resolve("data"), Clock.systemUTC()).revoke("lost-tablet"))
                    .isEqualTo(1);

            assertThat(revoked.closedWithin(LIMIT)).isTrue();
            kept.send(ping("KEPT"));
            assertThat(kept.awaitText("t-x-c-t-r", LIMIT)).isTrue();
        }
        assertThat(counter("shekara.cot.disconnects", "certificate-revoked")).isEqualTo(1);
        assertThat(disconnections()).singleElement()
                .satisfies(e -> assertThat(e.target()).contains("CN=lost-tablet"))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("certificate-revoked"));
    }

    static String ping(String uid) {
        Instant t = Instant.now();
        return "<event version=\"2.0\" uid=\"" + uid + "-ping\" type=\"t-x-c-t\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(20)
                + "\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>";
    }

    /** The disconnections in the audit trail: each is recorded before its connection closes. */
    private List<AuditEntry> disconnections() {
        return server.audit().read(Instant.EPOCH, Instant.MAX, 1000).stream()
                .filter(e -> e.action().equals("cot.disconnect")).toList();
    }

    private double counter(String name, String reason) {
        var c = server.meters().find(name).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Logs {@code user} in; returns its session cookie. */
    String login(String user) throws Exception {
        String body = new ObjectMapper().createObjectNode().put("user", user).put("password", TestAccounts.password(user))
                .toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    HttpResponse<String> get(String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
