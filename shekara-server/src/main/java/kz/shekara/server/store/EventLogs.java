package kz.shekara.server.store;

import java.nio.file.Path;

/**
 * Opens the event log the command line or config asks for: {@code --db jdbc:postgresql://...} selects
 * PostgreSQL, {@code --db jdbc:sqlite:/path/file.db} a given SQLite file, and no {@code --db} the
 * embedded default, {@value #DEFAULT_FILE} in the data directory. Either store is migrated to the
 * current schema when opened.
 */
public final class EventLogs {
    /** The embedded log's file name inside the data directory. */
    public static final String DEFAULT_FILE = "shekara-events.db";

    private EventLogs() {
    }

    /**
     * @param jdbcUrlOrNull a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null (or blank) for the default
     * @param dataDir the server's data directory (created when missing)
     * @throws IllegalArgumentException for any other URL scheme
     * @throws StoreUnavailableException when the database cannot be opened or migrated
     */
    public static EventLog open(String jdbcUrlOrNull, Path dataDir, StoreConfig config) {
        StoreDatabase db = StoreDatabase.of(jdbcUrlOrNull, dataDir);
        return db.dialect() == StoreDatabase.Dialect.POSTGRESQL
                ? new PostgresEventLog(db.jdbcUrl()) : new SqliteEventLog(db.sqliteFile(), config);
    }
}
