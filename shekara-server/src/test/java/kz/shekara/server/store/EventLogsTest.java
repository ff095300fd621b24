package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class EventLogsTest {
    @TempDir
    Path dir;

    @Test
    void opensTheEmbeddedSqliteFileInTheDataDirectoryWithoutADbUrl() {
        try (EventLog log = EventLogs.open(null, dir.resolve("data"), StoreConfig.defaults())) {
            assertThat(log).isInstanceOf(SqliteEventLog.class);
            log.append(EventFixtures.everyEventTypeEntries());
        }
        assertThat(Files.exists(dir.resolve("data").resolve(EventLogs.DEFAULT_FILE))).isTrue();
        try (EventLog again = EventLogs.open("", dir.resolve("data"), StoreConfig.defaults())) {
            assertThat(again.latestSeq()).isEqualTo(EventFixtures.everyEventTypeEntries().size());
        }
    }

    @Test
    void opensAGivenSqliteFileOrPostgresDatabase(LocalPostgres pg) {
        try (EventLog log = EventLogs.open("jdbc:sqlite:" + dir.resolve("x.db"), dir, StoreConfig.defaults())) {
            assertThat(log).isInstanceOf(SqliteEventLog.class);
        }
        try (EventLog log = EventLogs.open(pg.createDatabase(), dir, StoreConfig.defaults())) {
            assertThat(log).isInstanceOf(PostgresEventLog.class);
            assertThat(log.health().store()).doesNotContain("user=");
        }
    }

    @Test
    void rejectsOtherUrlsWithoutEchoingCredentials() {
        assertThatThrownBy(() -> EventLogs.open("jdbc:mysql://h/db?password=secret", dir, StoreConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> EventLogs.open("jdbc:sqlite::memory:", dir, StoreConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsClearlyWhenThePostgresServerIsUnreachable() {
        assertThatThrownBy(() -> EventLogs.open("jdbc:postgresql://127.0.0.1:1/none", dir, StoreConfig.defaults()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("127.0.0.1:1");
    }
}
