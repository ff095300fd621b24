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
     * The writer binds each payload's UTF-8 bytes and casts them in SQL: the column still holds TEXT (as
     * the schema and any SQL reading it expect, not a BLOB), equal to the JSON the codec writes.
     */
    @Test
    void storesPayloadsAsTextEqualToTheirJson() throws SQLException {
        EventLog log = open();
        List<LogEntry> entries = new ArrayList<>(EventFixtures.everyEventTypeEntries());
        log.append(entries);
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT typeof(payload), payload, json_valid(payload) FROM event_log"
                     + " ORDER BY seq")) {
            for (LogEntry e : entries) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("text");
                assertThat(rs.getString(2)).isEqualTo(EventCodec.standard().encode(e.event()));
                assertThat(rs.getInt(3)).isEqualTo(1);
            }
        }
    }
}
