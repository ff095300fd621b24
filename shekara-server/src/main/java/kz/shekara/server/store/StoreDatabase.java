package kz.shekara.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The database an event store lives in, for the tables kept beside the event log (the audit trail,
 * accounts): {@code --db jdbc:postgresql://...}, {@code --db jdbc:sqlite:/path/file.db}, or no
 * {@code --db} for {@value EventLogs#DEFAULT_FILE} in the data directory, exactly as
 * {@link EventLogs#open} resolves them. Gives the schema migration and connections configured for the
 * dialect. Immutable and thread-safe; the connections it makes are not.
 */
public final class StoreDatabase {
    /** The SQL dialect, which is also the folder of its migration scripts. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final String url;
    private final Dialect dialect;
    private final Path sqliteFile;

    private StoreDatabase(String url, Dialect dialect, Path sqliteFile) {
        this.url = url;
        this.dialect = dialect;
        this.sqliteFile = sqliteFile;
    }

    /**
     * @param jdbcUrlOrNull a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null (or blank) for the default
     * @param dataDir the data directory holding the default SQLite file
     * @throws IllegalArgumentException for any other URL (the message never echoes URL parameters)
     */
    public static StoreDatabase of(String jdbcUrlOrNull, Path dataDir) {
        if (jdbcUrlOrNull == null || jdbcUrlOrNull.isBlank()) {
            return sqlite(Objects.requireNonNull(dataDir, "dataDir").resolve(EventLogs.DEFAULT_FILE));
        }
        String url = jdbcUrlOrNull.trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new StoreDatabase(url, Dialect.POSTGRESQL, null);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            if (file.isEmpty() || file.startsWith(":memory:") || file.contains("?")) {
                throw new IllegalArgumentException("--db jdbc:sqlite: needs a plain file path, got " + url);
            }
            return sqlite(Path.of(file));
        }
        throw new IllegalArgumentException("--db must be a jdbc:postgresql:// or jdbc:sqlite: URL, got "
                + PostgresEventLog.redact(url));
    }

    private static StoreDatabase sqlite(Path file) {
        Path f = file.toAbsolutePath();
        return new StoreDatabase("jdbc:sqlite:" + f, Dialect.SQLITE, f);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The JDBC URL, credentials included: never log it (see {@link #toString()}). */
    public String jdbcUrl() {
        return url;
    }

    /** The SQLite file; null for PostgreSQL. */
    public Path sqliteFile() {
        return sqliteFile;
    }

    /** False for a SQLite file that is not there yet (a PostgreSQL database is taken to exist). */
    public boolean exists() {
        return sqliteFile == null || Files.isRegularFile(sqliteFile);
    }

    /**
     * Creates (for SQLite, with missing parent directories) and migrates the database to the current
     * schema; does nothing when it is current.
     *
     * @throws StoreUnavailableException when it cannot be reached, created or migrated
     */
    public StoreDatabase migrate() {
        if (sqliteFile != null) {
            try {
                Path parent = sqliteFile.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (java.io.IOException e) {
                throw new StoreUnavailableException("cannot create the directory of " + sqliteFile + ": " + e.getMessage(), e);
            }
        }
        Migrations.migrate(url, dialect == Dialect.SQLITE ? "sqlite" : "postgresql", toString());
        return this;
    }

    /**
     * A new connection, autocommit on. SQLite connections wait up to 10 s for a lock held by another
     * connection or process and sync every commit to disk ({@code synchronous=FULL}).
     */
    public Connection connect() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            SQLiteConfig c = new SQLiteConfig();
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            c.setBusyTimeout(10_000);
            return c.createConnection(url);
        }
        Properties p = new Properties();
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "120");
        p.setProperty("ApplicationName", "shekara");
        return DriverManager.getConnection(url, p);
    }

    /** The URL without its parameters (no credentials): safe for logs and messages. */
    @Override
    public String toString() {
        return PostgresEventLog.redact(url);
    }
}
