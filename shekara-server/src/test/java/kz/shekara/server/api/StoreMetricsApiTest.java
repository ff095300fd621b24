package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server on its SQLite log shows the store's commit and checkpoint timings in
 * {@code /api/v1/metrics}, and its checkpointer copies what was committed.
 */
class StoreMetricsApiTest {
    private final HttpClient operator = TestAccounts.client("operator");
    @TempDir
    Path dir;

    @Test
    void commitsAndCheckpointsAreTimedInTheMetrics() throws Exception {
        try (ShekaraServer server = SeededServer.start(dir, TheatreLoader.loadDefault())) {
            Instant t0 = Instant.parse("2026-03-01T06:00:00Z");
            for (int i = 0; i < 3; i++) {
                server.bus().publish(Topic.UNIT_POSITIONS, "s", new UnitPosition(t0.plusSeconds(i), "U-1", "Unit 1",
                        "a-f-G-U-C", 42.0 + i * 1e-4, 69.0, 90, 2, UnitStatus.values()[0], server.theatre().defaultMarking()));
            }
            String body = metrics(server);
            assertThat(value(body, "shekara_store_commit_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(value(body, "shekara_store_write_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(body).contains("shekara_store_commit_seconds{quantile=\"0.99\"}");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (value(body, "shekara_store_checkpoint_seconds_count") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(200); // a write is checkpointed within about a second
                body = metrics(server);
            }
            assertThat(value(body, "shekara_store_checkpoint_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(value(body, "shekara_store_checkpoint_pages_total")).isGreaterThan(0);
            assertThat(value(body, "shekara_store_checkpoint_failures_total")).isZero();
        }
    }

    private String metrics(ShekaraServer server) throws Exception {
        HttpResponse<String> r = operator.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.ports().http() + "/api/v1/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static double value(String body, String name) {
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
