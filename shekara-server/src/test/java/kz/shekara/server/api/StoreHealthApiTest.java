package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoreUnavailableException;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event store on /api/v1/health and the status line: a SQLite store that fills up and is freed again. */
class StoreHealthApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private final HttpClient http = TestAccounts.commander();

    @Test
    void healthIsDownWith503WhileTheStoreRefusesWritesAndUpAgainAfterwards() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StoreConfig config = StoreConfig.defaults().withSqliteMaxBytes(256 * 1024);
        try (EventLog log = new SqliteEventLog(dir.resolve("small.db"), config);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, registry, List.of())) {
            bus.start();
            LiveState live = new LiveState(bus, LiveStateConfig.defaults());
            live.start();
            try (live; ApiServer api = new ApiServer(new HttpConfig("127.0.0.1", 0), FixtureTheatre.create(), live, bus,
                    registry, Clock.systemUTC()).storeHealth(bus::health)
                    .access(TestAccounts.service(dir.resolve("access"), FixtureTheatre.create(), registry))) {
                int port = api.start();

                HttpResponse<String> up = get(port, "/api/v1/health");
                assertThat(up.statusCode()).isEqualTo(200);
                JsonNode h = JSON.readTree(up.body());
                assertThat(h.get("status").asText()).isEqualTo("UP");
                assertThat(h.at("/components/store/status").asText()).isEqualTo("UP");
                assertThat(h.at("/components/store/store").asText()).isNotBlank();
                assertThat(JSON.readTree(get(port, "/api/v1/status").body()).get("store").asText()).isEqualTo("UP");

                int accepted = fillUntilRefused(bus);

                HttpResponse<String> down = get(port, "/api/v1/health");
                assertThat(down.statusCode()).isEqualTo(503);
                JsonNode d = JSON.readTree(down.body());
                assertThat(d.get("status").asText()).isEqualTo("DOWN");
                assertThat(d.at("/components/store/status").asText()).isEqualTo("DOWN");
                assertThat(d.at("/components/store/detail").asText()).contains("disk full");
                assertThat(d.at("/components/store/failures").asLong()).isPositive();
                assertThat(d.at("/components/http/status").asText()).isEqualTo("UP");
                assertThat(JSON.readTree(get(port, "/api/v1/status").body()).get("store").asText()).isEqualTo("DOWN");
                // A write through the API is refused with the reason, never a generic failure.
                HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/messages")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"still there?\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(503);
                assertThat(JSON.readTree(chat.body()).get("error").asText()).isEqualTo("store-unavailable");

                // Space is freed outside the server (as an operator deleting files would): with no event arriving,
                // the health check's probe (a write it rolls back) finds the store taking writes again.
                long seq = log.latestSeq();
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("small.db"));
                     Statement st = c.createStatement()) {
                    assertThat(st.executeUpdate("DELETE FROM event_log WHERE seq <= " + seq / 2)).isPositive();
                }
                HttpResponse<String> again = get(port, "/api/v1/health");
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(again.body()).at("/components/store/status").asText()).isEqualTo("UP");
                assertThat(log.latestSeq()).as("the probe leaves nothing behind").isEqualTo(seq);
                bus.publish(Topic.UNIT_POSITIONS, "u", position(accepted));
                assertThat(log.latestSeq()).isEqualTo(seq + 1);
            }
        }
    }

    private static int fillUntilRefused(LoggedBus bus) {
        for (int i = 0; i < 100_000; i++) {
            try {
                bus.publish(Topic.UNIT_POSITIONS, "u", position(i));
            } catch (StoreUnavailableException e) {
                // A page may still hold a message shorter than a position: fill it with chat too.
                for (int m = 0; m < 10_000; m++) {
                    try {
                        bus.publish(Topic.MESSAGES, "All Chat Rooms", Events.chat("fill-" + m, 1, "still there?"));
                    } catch (StoreUnavailableException full) {
                        return i;
                    }
                }
                throw new AssertionError("the store took every chat message after refusing a position");
            }
        }
        throw new AssertionError("the store never filled up");
    }

    private static UnitPosition position(int i) {
        return Events.unit("U-" + (i % 3), "Unit " + (i % 3), "a-f-G-U-C", i, 41.5, 69.2, UnitStatus.AVAILABLE);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
