package kz.shekara.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's web client: logs in as one account (cookie session) and reads the status and the
 * Prometheus metrics of the server under soak. Thread-safe.
 */
final class SoakApi {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    SoakApi(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort;
    }

    /** Logs in with the password; the session cookie is kept for every later request. */
    void login(String user, String password) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("user", user, "password", password));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login as " + user + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The picture's latest event time ({@code /api/v1/status}), or null when it has none yet. */
    Instant latestEventTime() throws IOException, InterruptedException {
        JsonNode t = json.readTree(get("/api/v1/status")).get("latestEventTime");
        return t == null || t.isNull() ? null : Instant.parse(t.asText());
    }

    /** Every sample of {@code /api/v1/metrics}, keyed by name and labels as printed. */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        return parseMetrics(get("/api/v1/metrics"));
    }

    /** The samples of a Prometheus text exposition, keyed by name and labels as printed; comments left out. */
    static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                try {
                    out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
                } catch (NumberFormatException e) {
                    // a value that is not a number (none expected) is left out
                }
            }
        }
        return out;
    }

    /** Sum of the samples of metric {@code name} per value of {@code label} (e.g. alerts per rule). */
    static Map<String, Double> byLabel(Map<String, Double> metrics, String name, String label) {
        Pattern value = Pattern.compile("[{,]" + label + "=\"([^\"]*)\"");
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                Matcher m = value.matcher(k);
                out.merge(m.find() ? m.group(1) : "", v, Double::sum);
            }
        });
        return out;
    }

    /** Sum of every sample of {@code name} whose labels contain {@code labelFilter} (empty: all). */
    static double sum(Map<String, Double> metrics, String name, String labelFilter) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> e.getKey().contains(labelFilter)).mapToDouble(Map.Entry::getValue).sum();
    }
}
