package kz.shekara.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The server event log on PostgreSQL (pgjdbc): batches are written with {@code COPY ... FROM STDIN}
 * in binary format ({@link CopyRows}, streamed as the rows are encoded), each {@code COPY} its own transaction; durability is PostgreSQL's ({@code synchronous_commit}, on by
 * default). Credentials come from the JDBC URL ({@code ?user=...&password=...}) or the server's
 * trust rules. Thread-safe.
 */
public final class PostgresEventLog extends JdbcEventLog {
    private static final String COPY = "COPY event_log (" + COLUMNS + ") FROM STDIN WITH (FORMAT binary)";
    private final CopyRows rows = new CopyRows(); // used under the writer lock only
    private final String url;

    /** Connects to and migrates the database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db?...}). */
    public PostgresEventLog(String jdbcUrl) {
        super(redact(jdbcUrl));
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
        }
        this.url = jdbcUrl;
        Migrations.migrate(url, "postgresql", toString());
        open();
    }

    @Override
    Connection connect() throws SQLException {
        Properties p = new Properties();
        // Fail fast rather than hang a publisher when the server is unreachable (URL parameters override).
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "120");
        p.setProperty("ApplicationName", "shekara");
        return DriverManager.getConnection(url, p);
    }

    @Override
    void insert(Connection c, List<LogEntry> entries, long firstSeq) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            rows.write(entries, firstSeq, copy::writeToCopy);
            long stored = copy.endCopy();
            if (stored != entries.size()) { // never seen; the rows are committed, the reconnect re-reads the last seq
                throw new SQLException("COPY stored " + stored + " of " + entries.size() + " rows");
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One consumer's batch at a time over every process on this database: they assign the seqs in turn. */
    @Override
    void lockSources(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("LOCK TABLE source_position IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    /**
     * One {@code COPY}, committed by itself: two round trips per batch (start, then rows and end)
     * instead of four with {@code BEGIN} and {@code COMMIT}, which is most of a small group's time.
     */
    @Override
    boolean insertIsOneStatement() {
        return true;
    }

    @Override
    boolean connectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P03");
    }

    @Override
    String reason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (connectionLost(e)) {
            return "connection lost";
        }
        if (state.equals("53100")) {
            return "disk full";
        }
        if (state.startsWith("53")) {
            return "server out of resources";
        }
        return "write failed (SQLState " + state + ")";
    }

    /** The URL without its query string, which may hold a password. */
    static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
