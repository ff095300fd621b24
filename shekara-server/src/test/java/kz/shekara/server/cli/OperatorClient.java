package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import kz.shekara.server.access.TestAccounts;

/**
 * An operator (the test's commander, logged in) talking to nodes' REST APIs over real HTTP: a GET that must answer
 * 200 (a paged list's items unwrapped), and any request with a JSON body. Thread-safe (one HTTP client).
 */
final class OperatorClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient commander = TestAccounts.commander();

    /** The JSON answer of a GET, which must be 200; a page's {@code items} when it has them. */
    JsonNode get(String url) throws Exception {
        HttpResponse<String> r = send("GET", url, null);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        return n.isArray() ? n : n.path("items").isArray() ? n.path("items") : n;
    }

    /** A request with {@code body} as JSON (a GET when it is null). */
    HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b = body == null ? b.GET() : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return commander.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
