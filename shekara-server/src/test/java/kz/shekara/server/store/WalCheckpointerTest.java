package kz.shekara.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite log's write-ahead log is copied into the database file by the {@link WalCheckpointer}'s
 * own connection, never by the writer's commits; what is checkpointed is all there after a restart.
 */
class WalCheckpointerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    /** SQLite's default auto-checkpoint threshold: a writer that checkpoints keeps its WAL below about this. */
    private static final long SQLITE_AUTO_CHECKPOINT_BYTES = 1_000L * 4_096;
    private static final int ROUND = 5_000;

    @TempDir
    Path dir;

    @Test
    void theWriterNeverCheckpointsItsCommits() throws IOException {
        Path file = dir.resolve("events.db");
        try (SqliteEventLog log = new SqliteEventLog(file, StoreConfig.defaults(), false)) {
            long dbBefore = Files.size(file);
            for (int round = 0; round < 4; round++) {
                log.append(entries(round));
            }
            assertEquals(dbBefore, Files.size(file), "the writer copied WAL pages into the database file");
            assertTrue(Files.size(wal(file)) > 2 * SQLITE_AUTO_CHECKPOINT_BYTES,
                    "the WAL holds every commit, past SQLite's auto-checkpoint threshold: " + Files.size(wal(file)));
            assertEquals(0, log.checkpointer().checkpoints());
        }
        try (SqliteEventLog reopened = new SqliteEventLog(file, StoreConfig.defaults(), false)) {
            assertEquals(4L * ROUND, reopened.latestSeq());
        }
    }

    @Test
    void theCheckpointerCopiesTheWalIntoTheDatabaseAndTheLogStartsItOver() throws Exception {
        Path file = dir.resolve("events.db");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        int rounds = 8;
        try (SqliteEventLog log = new SqliteEventLog(file, StoreConfig.defaults())) {
            log.bindTo(meters);
            long dbBefore = Files.size(file);
            for (int round = 0; round < rounds; round++) {
                long done = log.checkpointer().checkpoints();
                log.append(entries(round)); // over CHECKPOINT_BYTES of rows: a checkpoint is due
                awaitCheckpointAfter(log, done);
            }
            long db = Files.size(file);
            long walBytes = Files.size(wal(file));
            assertTrue(db > dbBefore + 4 * SQLITE_AUTO_CHECKPOINT_BYTES, "the rows were copied into the database file: " + db);
            assertTrue(walBytes < db / 2, "the WAL was started over after complete checkpoints, not grown to hold"
                    + " every commit: WAL " + walBytes + " bytes, database " + db);
            assertTrue(meters.get("shekara.store.checkpoint").timer().count() >= rounds);
            assertTrue(meters.get("shekara.store.checkpoint.pages").counter().count() > 4 * SQLITE_AUTO_CHECKPOINT_BYTES / 4_096);
            assertEquals(0, meters.get("shekara.store.checkpoint.failures").counter().count());
            assertEquals(rounds, meters.get("shekara.store.commit").timer().count());
            assertEquals(rounds, meters.get("shekara.store.write").timer().count());
            assertTrue(meters.get("shekara.store.commit").timer().totalTime(TimeUnit.NANOSECONDS) > 0);
        }
        try (SqliteEventLog reopened = new SqliteEventLog(file, StoreConfig.defaults());
             Stream<StoredEvent> all = reopened.readAfter(0)) {
            assertEquals((long) rounds * ROUND, all.count());
            assertEquals((long) rounds * ROUND, reopened.latestSeq());
        }
    }

    @Test
    void aFailedCheckpointIsCountedAndTheNextOneRuns() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        int[] calls = {0};
        Path file = dir.resolve("events.db");
        try (SqliteEventLog log = new SqliteEventLog(file, StoreConfig.defaults(), false)) {
            WalCheckpointer c = new WalCheckpointer("test", () -> {
                if (calls[0]++ == 0) {
                    throw new java.sql.SQLException("unable to open database file");
                }
                return log.connect();
            }, 1);
            c.bindTo(meters);
            c.start();
            try {
                log.append(entries(0));
                c.appended(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (meters.get("shekara.store.checkpoint").timer().count() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, meters.get("shekara.store.checkpoint.failures").counter().count());
                assertEquals(1, meters.get("shekara.store.checkpoint").timer().count(), "retried after the failure");
                assertTrue(meters.get("shekara.store.checkpoint.pages").counter().count() > 0);
            } finally {
                c.close();
            }
        }
    }

    private static void awaitCheckpointAfter(SqliteEventLog log, long done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (log.checkpointer().checkpoints() <= done) {
            assertTrue(System.nanoTime() < deadline, "no checkpoint within 20 s of a round");
            Thread.sleep(10);
        }
    }

    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + "-wal");
    }

    private static List<LogEntry> entries(int round) {
        List<LogEntry> out = new ArrayList<>(ROUND);
        for (int i = 0; i < ROUND; i++) {
            out.add(EventFixtures.positionEntry(round * ROUND + i, 50, T0, 1));
        }
        return out;
    }
}
