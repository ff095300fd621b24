package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.access.AuditVerification;
import kz.shekara.server.store.StoreDatabase;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of a running server: every state-changing request docs/api.md documents, and every
 * export, leaves exactly one entry (method, path, status, caller, address), reads leave none, and
 * {@code GET /api/v1/audit} lists them within a time range.
 */
class AuditApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The home agency's commander, who acts; the admin, who reads the trail. */
    private final HttpClient http = TestAccounts.commander();
    private final HttpClient admin = TestAccounts.client("admin");
    @TempDir
    Path dir;
    private ShekaraServer server;
    private Theatre theatre;

    @BeforeEach
    void start() throws Exception {
        theatre = TheatreLoader.loadDefault();
        server = SeededServer.start(dir, theatre);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyStateChangingRequestAndExportLeavesOneEntryAndReadsNone() throws Exception {
        List<String> expected = new ArrayList<>();
        // The first request logs the commander in: a login records itself, with the account it names.
        expected.add("commander login commander ok");
        for (DocumentedRoutesTest.Route r : DocumentedRoutesTest.documented()) {
            // Logins and logouts record themselves (AccessApiTest); a live server serves no replay controls.
            if (r.path().equals("/api/v1/session") || r.path().startsWith("/api/v1/replay/")) {
                continue;
            }
            if (r.method().equals("GET") && !r.path().contains("/export")) {
                send("GET", concrete(r.path()), null); // a read: not audited
                continue;
            }
            String path = concrete(r.path());
            HttpResponse<String> res = send(r.method(), path, "{}");
            expected.add("commander " + r.method() + " " + path + " " + res.statusCode());
        }
        assertThat(expected).as("documented writes and exports").hasSizeGreaterThan(8);
        // Refused requests are acts too: a body that is not JSON, a method the path does not have.
        expected.add("commander POST /api/v1/messages " + send("POST", "/api/v1/messages", "not json").statusCode());
        // A path no route serves is refused before anyone is authenticated: actor "-".
        expected.add("- DELETE /api/v1/tracks " + send("DELETE", "/api/v1/tracks", null).statusCode());
        // Refused before the caller is known (the access check refuses a request without identity): actor "-".
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.ports().http() + "/api/v1/messages")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isIn(401, 415);
        expected.add("- POST /api/v1/messages " + plain.statusCode());
        expected.add("admin login admin ok");

        HttpResponse<String> res = send(admin, "GET", "/api/v1/audit", null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode entries = JSON.readTree(res.body());
        List<String> recorded = new ArrayList<>();
        for (JsonNode e : entries) {
            recorded.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("target").asText() + " "
                    + e.get("outcome").asText());
            assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(e.get("hash").asText()).matches("[0-9a-f]{64}");
        }
        assertThat(recorded).containsExactlyElementsOf(expected);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("seq").asLong()).isEqualTo(entries.get(i - 1).get("seq").asLong() + 1);
            assertThat(entries.get(i).get("prevHash").asText()).isEqualTo(entries.get(i - 1).get("hash").asText());
        }
        AuditVerification v = server.audit().verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.checked()).isEqualTo(expected.size());
    }

    @Test
    void listsTheEntriesOfATimeRangeUpToALimitAndRefusesBadParameters() throws Exception {
        // Both log in first (entries 1 and 2), then the commander acts three times (3, 4, 5).
        send("GET", "/api/v1/units", null);
        send(admin, "GET", "/api/v1/audit", null);
        for (int i = 0; i < 3; i++) {
            send("PUT", "/api/v1/sectors/none/posture", "{\"level\":\"HIGH\"}");
        }
        JsonNode all = JSON.readTree(send(admin, "GET", "/api/v1/audit", null).body());
        assertThat(all).hasSize(5);
        Instant third = Instant.parse(all.get(4).get("time").asText());
        JsonNode fromThird = JSON.readTree(send(admin, "GET", "/api/v1/audit?from=" + third, null).body());
        assertThat(fromThird).extracting(e -> e.get("seq").asLong()).contains(5L);
        assertThat(fromThird).allSatisfy(e -> assertThat(Instant.parse(e.get("time").asText())).isAfterOrEqualTo(third));
        JsonNode beforeThird = JSON.readTree(send(admin, "GET", "/api/v1/audit?to=" + third, null).body());
        assertThat(beforeThird).extracting(e -> e.get("seq").asLong()).doesNotContain(5L);
        assertThat(beforeThird).allSatisfy(e -> assertThat(Instant.parse(e.get("time").asText())).isBefore(third));
        assertThat(JSON.readTree(send(admin, "GET", "/api/v1/audit?limit=2", null).body())).extracting(e -> e.get("seq").asLong())
                .containsExactly(1L, 2L);
        assertThat(JSON.readTree(send(admin, "GET", "/api/v1/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
                null).body())).isEmpty();
        for (String bad : List.of("from=yesterday", "limit=0", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "since=2026-01-01T00:00:00Z")) {
            HttpResponse<String> r = send(admin, "GET", "/api/v1/audit?" + bad, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isIn("bad-parameter", "unknown-parameter");
            assertThat(JSON.readTree(r.body()).get("detail").asText()).isNotBlank();
        }
        assertThat(send("GET", "/api/v1/metrics", null).body())
                .contains("shekara_adapter_rejections_total{adapter=\"api\",reason=\"bad-parameter\"}");
    }

    @Test
    void anEntryTheStoreRefusesIsCountedAndTheAnswerStands() throws Exception {
        int answered = send("PUT", "/api/v1/sectors/none/posture", "{\"level\":\"HIGH\"}").statusCode();
        // The trail's table made to refuse rows behind the server's back: the request still answers as it did.
        try (Connection c = StoreDatabase.of(null, dir).connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER audit_refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END");
        }
        HttpResponse<String> res = send("PUT", "/api/v1/sectors/none/posture", "{\"level\":\"HIGH\"}");
        assertThat(res.statusCode()).isEqualTo(answered);
        assertThat(send("GET", "/api/v1/metrics", null).body()).contains("shekara_audit_failures_total 1.0");
        assertThat(server.audit().verify().checked()).as("the commander's login and first change").isEqualTo(2);
    }

    private String concrete(String path) {
        return path.replace("/units/{id}", "/units/" + theatre.units().get(0).id())
                .replace("/sectors/{id}", "/sectors/" + theatre.sectors().get(0).id())
                .replace("{agency}", theatre.defaultMarking().originator()).replace("{id}", "none").replace("{user}", "nobody");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(http, method, path, body);
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().http() + path))
                .header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
