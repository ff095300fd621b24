package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventLog#appendConsumed}: events consumed from a partitioned source are stored with their partitions'
 * positions in one transaction, so a batch handed in again (whole or overlapping) stores nothing twice, and a
 * position never moves back; on SQLite and PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class ConsumedAppendTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String SOURCE = "shekara.store";

    @TempDir
    Path dir;

    @Test
    void storesEachConsumedEventOnceOnSqlite() {
        try (EventLog log = EventLogs.open(null, dir, StoreConfig.defaults())) {
            storesEachConsumedEventOnce(log);
        }
    }

    @Test
    void storesEachConsumedEventOnceOnPostgres(LocalPostgres pg) {
        try (EventLog log = EventLogs.open(pg.createDatabase(), dir, StoreConfig.defaults())) {
            storesEachConsumedEventOnce(log);
        }
    }

    private static void storesEachConsumedEventOnce(EventLog log) {
        assertThat(log.sourcePositions(SOURCE)).isEmpty();
        // Offsets 0..5 of partition 0, 0..2 of partition 1; a record at p1@3 that was no event.
        assertThat(append(log, 0, 6, 0, 3, 4)).isEqualTo(9);
        assertThat(log.sourcePositions(SOURCE)).containsExactlyInAnyOrder(
                new SourceOffset("unit-positions", 0, 6), new SourceOffset("unit-positions", 1, 4));
        // Handed in again from p0@4 and p1@2 (a restart before the group's commit): only p0@6..7 are new.
        assertThat(append(log, 4, 8, 2, 4, 4)).isEqualTo(2);
        // A stale batch (a consumer that lost its partitions) stores nothing and moves nothing back.
        assertThat(append(log, 0, 3, 0, 1, 1)).isZero();
        assertThat(log.sourcePositions(SOURCE)).containsExactlyInAnyOrder(
                new SourceOffset("unit-positions", 0, 8), new SourceOffset("unit-positions", 1, 4));
        List<String> stored = new ArrayList<>();
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            s.forEach(e -> stored.add(e.key() + "@" + T0.until(e.event().time(), ChronoUnit.SECONDS)));
        }
        assertThat(stored).containsExactly("p0@0", "p0@1", "p0@2", "p0@3", "p0@4", "p0@5", "p1@0", "p1@1", "p1@2",
                "p0@6", "p0@7");
        assertThat(log.sourcePositions("another")).isEmpty();
        assertThat(log.latestSeq()).isEqualTo(11);
    }

    /**
     * A batch: partition 0's records [from0, to0), partition 1's [from1, to1) (each stamped its offset in
     * seconds after T0, keyed by its partition); partition 1 ends at {@code end1}.
     */
    private static int append(EventLog log, int from0, int to0, int from1, int to1, int end1) {
        List<LogEntry> entries = new ArrayList<>();
        List<SourceOffset> at = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int from = p == 0 ? from0 : from1;
            int to = p == 0 ? to0 : to1;
            for (int o = from; o < to; o++) {
                entries.add(new LogEntry("unit-positions", "p" + p, EventFixtures.position(0, 1, T0.plusSeconds(o), 1)));
                at.add(new SourceOffset("unit-positions", p, o));
            }
        }
        return log.appendConsumed(SOURCE, entries, at, List.of(new SourceOffset("unit-positions", 0, to0),
                new SourceOffset("unit-positions", 1, end1)));
    }
}
