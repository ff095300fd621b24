package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.AuditEntry;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Account keeping over real HTTP as the logged-in admin: list, add (the password never comes back
 * nor reaches the audit trail), set a password, disable (the account's session ends at once) and
 * enable, each audited with the admin as actor; every other role is refused, and bad input gets a
 * clear 400, 404 or 409.
 */
class AccountsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "first-secret-1";
    private static final String SECOND = "second-secret-2";
    private final HttpClient admin = TestAccounts.client("admin");
    private final HttpClient plain = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private ShekaraServer server;

    @BeforeEach
    void start() throws Exception {
        server = SeededServer.start(dir, TheatreLoader.loadDefault());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theAdminAddsSetsAPasswordDisablesAndEnablesAnAccountEachAudited() throws Exception {
        HttpResponse<String> list = send(admin, "GET", "/api/v1/accounts", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).findValuesAsText("user")).contains("operator", "admin", "partner");
        assertThat(list.body()).doesNotContain("argon2").doesNotContain("password");

        HttpResponse<String> added = send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"aigerim\",\"role\":\"operator\",\"agency\":\"kz-bs\",\"password\":\"" + SECRET + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode a = JSON.readTree(added.body());
        assertThat(a.get("user").asText()).isEqualTo("aigerim");
        assertThat(a.get("role").asText()).isEqualTo("operator");
        assertThat(a.get("state").asText()).isEqualTo("active");
        assertThat(added.body()).doesNotContain(SECRET).doesNotContain("password");
        assertThat(login("aigerim", SECRET).statusCode()).isEqualTo(200);

        assertThat(send(admin, "PUT", "/api/v1/accounts/aigerim/password", "{\"password\":\"" + SECOND + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(login("aigerim", SECRET).statusCode()).as("the old password").isEqualTo(401);
        HttpResponse<String> session = login("aigerim", SECOND);
        assertThat(session.statusCode()).isEqualTo(200);
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(get("/api/v1/units", cookie).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = send(admin, "POST", "/api/v1/accounts/aigerim/disable", null);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).get("state").asText()).isEqualTo("disabled");
        assertThat(get("/api/v1/units", cookie).statusCode()).as("the session ended with the answer").isEqualTo(401);
        assertThat(login("aigerim", SECOND).statusCode()).isEqualTo(401);

        assertThat(send(admin, "POST", "/api/v1/accounts/aigerim/enable", null).statusCode()).isEqualTo(200);
        HttpResponse<String> grouped = send(admin, "PUT", "/api/v1/accounts/aigerim/groups",
                "{\"groups\":[\"joint-ops\",\"caspian\"]}");
        assertThat(grouped.statusCode()).as(grouped.body()).isEqualTo(200);
        assertThat(JSON.readTree(send(admin, "GET", "/api/v1/accounts", null).body()).findValues("groups"))
                .anySatisfy(g -> assertThat(g.toString()).isEqualTo("[\"caspian\",\"joint-ops\"]"));
        assertThat(error(send(admin, "PUT", "/api/v1/accounts/aigerim/groups", "{\"groups\":[\"no spaces\"]}")))
                .isEqualTo("400 bad-group");
        assertThat(login("aigerim", SECOND).statusCode()).isEqualTo(200);

        List<AuditEntry> acts = server.audit().read(Instant.EPOCH, Instant.MAX, 1000).stream()
                .filter(e -> e.action().startsWith("account.")).toList();
        assertThat(acts).extracting(e -> e.actor() + " " + e.action() + " " + e.target()).containsExactly(
                "admin account.add aigerim", "admin account.password aigerim", "admin account.disable aigerim",
                "admin account.enable aigerim", "admin account.groups aigerim");
        assertThat(server.audit().read(Instant.EPOCH, Instant.MAX, 1000)).allSatisfy(e -> assertThat(
                e.actor() + e.action() + e.target() + e.outcome()).doesNotContain(SECRET).doesNotContain(SECOND));
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "commander", "analyst", "partner"})
    void everyOtherRoleIsRefused(String role) throws Exception {
        HttpClient client = TestAccounts.client(role);
        assertThat(send(client, "GET", "/api/v1/accounts", null).statusCode()).isEqualTo(403);
        assertThat(send(client, "POST", "/api/v1/accounts", "{\"user\":\"x-" + role
                + "\",\"role\":\"admin\",\"agency\":\"kz-bs\",\"password\":\"" + SECRET + "\"}").statusCode())
                .isEqualTo(403);
        assertThat(send(client, "POST", "/api/v1/accounts/operator/disable", null).statusCode()).isEqualTo(403);
        assertThat(send(client, "POST", "/api/v1/accounts/operator/enable", null).statusCode()).isEqualTo(403);
        assertThat(send(client, "PUT", "/api/v1/accounts/operator/password", "{\"password\":\"" + SECRET + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(send(client, "PUT", "/api/v1/accounts/operator/groups", "{\"groups\":[]}").statusCode())
                .isEqualTo(403);
        assertThat(login("operator", TestAccounts.password("operator")).statusCode()).as("still enabled, same password")
                .isEqualTo(200);
        assertThat(login("x-" + role, SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedClearlyAndNeverQuotesThePassword() throws Exception {
        assertThat(error(send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"u1\",\"role\":\"general\",\"agency\":\"kz-bs\",\"password\":\"" + SECRET + "\"}")))
                .isEqualTo("400 bad-role");
        assertThat(error(send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"u1\",\"role\":\"operator\",\"agency\":\"nowhere\",\"password\":\"" + SECRET + "\"}")))
                .isEqualTo("400 bad-agency");
        assertThat(error(send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"u1\",\"role\":\"operator\",\"agency\":\"kz-bs\",\"password\":\"short\"}")))
                .isEqualTo("400 bad-account");
        assertThat(error(send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"bad name\",\"role\":\"operator\",\"agency\":\"kz-bs\",\"password\":\"" + SECRET + "\"}")))
                .isEqualTo("400 bad-account");
        assertThat(error(send(admin, "POST", "/api/v1/accounts",
                "{\"user\":\"operator\",\"role\":\"operator\",\"agency\":\"kz-bs\",\"password\":\"" + SECRET + "\"}")))
                .isEqualTo("409 exists");
        HttpResponse<String> broken = send(admin, "POST", "/api/v1/accounts", "{\"password\": " + SECRET + "}");
        assertThat(error(broken)).isEqualTo("400 malformed-json");
        assertThat(broken.body()).doesNotContain(SECRET);
        assertThat(error(send(admin, "POST", "/api/v1/accounts/nobody/disable", null))).isEqualTo("404 not-found");
        assertThat(error(send(admin, "PUT", "/api/v1/accounts/nobody/password", "{\"password\":\"" + SECRET + "\"}")))
                .isEqualTo("404 not-found");
        assertThat(server.meters().get("shekara.adapter.rejections").tags("adapter", "api", "reason", "bad-role")
                .counter().count()).isEqualTo(1);
        assertThat(send(admin, "GET", "/api/v1/accounts", null).statusCode()).as("the server keeps working")
                .isEqualTo(200);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return r.statusCode() + " " + JSON.readTree(r.body()).get("error").asText();
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        String body = JSON.createObjectNode().put("user", user).put("password", password).toString();
        return plain.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + server.ports().http();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
