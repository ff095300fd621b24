package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.alertdesk.PostureView;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.theatre.Theatre;

/**
 * A real bus, live state and API server on a free port, with a real HTTP client; optionally with the
 * live rules and their routes (alerts, incidents, postures, sectors) as the server wires them.
 */
final class WebHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Theatre theatre;
    final InMemoryBus bus = new InMemoryBus(2, 1024);
    final LiveState live = new LiveState(bus, LiveStateConfig.defaults());
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ApiServer server;
    final int port;
    /** The live rules, or null when built without them. */
    final RulesService rules;
    final PostureView postures = new PostureView();
    private final Bus.Subscription postureView;
    /** Logged in as the home agency's commander. */
    final HttpClient http = TestAccounts.commander();
    private final Path accessDir;

    WebHarness(Theatre theatre, Clock clock) {
        this(theatre, clock, false);
    }

    WebHarness(Theatre theatre, Clock clock, boolean withRules) {
        this.theatre = theatre;
        live.start();
        server = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, registry, clock);
        try {
            accessDir = Files.createTempDirectory("web-harness-access");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.access(TestAccounts.service(accessDir, theatre, registry));
        if (withRules) {
            rules = new RulesService(RulesSettings.defaults(), bus, theatre, registry, clock);
            rules.start();
            postureView = bus.subscribe(Topic.POSTURE, "posture-view", postures::accept);
            server.addRoutes(new AlertsApi(rules)::register);
            server.addRoutes(new SectorsApi(theatre, rules::postures, postures)::register);
            server.postures(new ApiServer.Postures(rules::postures, rules::bufferFactor));
        } else {
            rules = null;
            postureView = null;
        }
        port = server.start();
    }

    WebHarness(Clock clock) {
        this(FixtureTheatre.create(), clock);
    }

    WebHarness() {
        this(Clock.systemUTC());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Publishes events the way the adapters do and waits until the live picture has them. */
    void publish(DomainEvent... events) throws InterruptedException {
        for (DomainEvent e : events) {
            switch (e) {
                case kz.shekara.model.UnitPosition p -> bus.publish(Topic.UNIT_POSITIONS, p.unit(), p);
                case kz.shekara.model.Detection d -> bus.publish(Topic.OBSERVATIONS, d.sensor(), d);
                case kz.shekara.model.TrackUpdate t -> bus.publish(Topic.TRACKS, t.sector(), t);
                case kz.shekara.model.ChatMessage m -> bus.publish(Topic.MESSAGES, m.chatroom(), m);
                case kz.shekara.model.Task t -> bus.publish(Topic.TASKS, "-", t);
                default -> throw new IllegalArgumentException(e.toString());
            }
        }
        bus.drain();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        if (rules != null) {
            rules.close();
            postureView.close();
        }
        live.close();
        bus.close();
        try (var files = Files.walk(accessDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
