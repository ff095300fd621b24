package kz.shekara.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.SqliteEventLog;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.sim.FixtureTheatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay on a store that fills up (a SQLite file capped at 256 KiB, which behaves like a full disk)
 * pauses on the line it could not store and goes on from it each time space is freed outside it:
 * every line is stored exactly once, and the replay completes.
 */
class ReplayStorePauseTest {
    private static final int LINES = 3000;

    @TempDir
    Path dir;

    @Test
    void aReplayPausesWhileTheStoreIsFullAndStoresEveryLineOnceWhenSpaceIsFreed() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add("{\"time\": " + i + ", \"sensor\": \"radar-land\", \"lat\": 41.01, \"lon\": 69.5, \"sigma_m\": 30}");
        }
        Path file = Files.write(dir.resolve("detections.jsonl"), lines);
        Path db = dir.resolve("small.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreConfig config = StoreConfig.defaults().withSqliteMaxBytes(256 * 1024);
        try (EventLog log = new SqliteEventLog(db, config);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, registry, List.of())) {
            bus.start();
            JsonlReplaySource replay = new JsonlReplaySource(ReplayConfig.of(file), FixtureTheatre.standard(), bus,
                    registry, Clock.systemUTC());
            replay.start();
            int frees = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!replay.completion().isDone() && System.nanoTime() < deadline) {
                if (registry.get("shekara.source.paused").tag("source", "replay").gauge().value() == 1) {
                    // Space is freed outside the server: all but the newest row go.
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                         Statement st = c.createStatement()) {
                        st.executeUpdate("DELETE FROM event_log WHERE seq < (SELECT MAX(seq) FROM event_log)");
                    }
                    frees++;
                    while (registry.get("shekara.source.paused").tag("source", "replay").gauge().value() == 1
                            && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                }
                Thread.sleep(20);
            }
            JsonlReplaySource.Summary summary = replay.completion().get(10, TimeUnit.SECONDS);
            assertThat(summary.detections()).isEqualTo(LINES);
            assertThat(frees).as("the store filled more than once").isGreaterThanOrEqualTo(2);
            assertThat(registry.get("shekara.source.pauses").tag("source", "replay").counter().count())
                    .isEqualTo(frees);
            assertThat(log.latestSeq()).as("each line stored once").isEqualTo(LINES);
            try (var stored = log.readAfter(log.latestSeq() - 1)) {
                assertThat(stored.toList()).singleElement().satisfies(e -> assertThat(e.event().time())
                        .isEqualTo(ReplayConfig.of(file).epoch().plusSeconds(LINES - 1)));
            }
        }
    }
}
