package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest extends EventLogContract {
    @TempDir
    Path dir;
    private Path file;

    @Override
    void createDatabase() {
        file = dir.resolve("data/events.db");
    }

    @Override
    EventLog openStore() {
        return new SqliteEventLog(file, StoreConfig.defaults());
    }

    @Override
    String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    /**
     * The writer binds the text columns as UTF-8 bytes (the payload as encoded, repeated values from a
     * cache) and casts them in SQL: every column still holds TEXT (as the schema and any SQL reading it
     * expect, not a BLOB), a null key stays NULL, and the payload equals the JSON the codec writes.
     */
    @Test
    void storesTextColumnsAsTextAndPayloadsEqualToTheirJson() throws SQLException {
        EventLog log = open();
        List<LogEntry> entries = new ArrayList<>(EventFixtures.everyEventTypeEntries());
        entries.add(new LogEntry("unit-positions", null, EventFixtures.position(1, 10, T0, 1)));
        log.append(entries);
        log.append(entries.subList(0, 3)); // cached values again
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT typeof(topic), typeof(type), typeof(classification),"
                     + " typeof(originator), typeof(releasable), typeof(payload), payload, json_valid(payload),"
                     + " typeof(event_key), event_key FROM event_log ORDER BY seq")) {
            List<LogEntry> expected = new ArrayList<>(entries);
            expected.addAll(entries.subList(0, 3));
            for (LogEntry e : expected) {
                assertThat(rs.next()).isTrue();
                for (int col = 1; col <= 6; col++) {
                    assertThat(rs.getString(col)).as("column %d of %s", col, e.tag()).isEqualTo("text");
                }
                assertThat(rs.getString(7)).isEqualTo(EventCodec.standard().encode(e.event()));
                assertThat(rs.getInt(8)).isEqualTo(1);
                assertThat(rs.getString(9)).isEqualTo(e.key() == null ? "null" : "text");
                assertThat(rs.getString(10)).isEqualTo(e.key());
            }
            assertThat(rs.next()).isFalse();
        }
    }
}
