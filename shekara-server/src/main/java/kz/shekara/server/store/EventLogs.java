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

    /**
     * The JDBC URL of the store {@link #open} opens for the same arguments: the given URL, or the
     * default SQLite file in {@code dataDir}. Other parts of the server (accounts) keep their tables in
     * the same database.
     *
     * @throws IllegalArgumentException for any URL scheme but jdbc:postgresql: and jdbc:sqlite:
     */
    public static String jdbcUrl(String jdbcUrlOrNull, Path dataDir) {
        return StoreDatabase.of(jdbcUrlOrNull, dataDir).jdbcUrl();
    }

    /**
     * Brings the database at {@code jdbcUrl} (from {@link #jdbcUrl}) to the current schema without
     * opening the log, creating a missing SQLite file and its directory; for commands that keep
     * accounts before any server ran.
     *
     * @throws StoreUnavailableException when it cannot be created or migrated
     */
    public static void migrate(String jdbcUrl) {
        StoreDatabase.of(jdbcUrl, null).migrate();
    }
}
