package kz.shekara.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import kz.shekara.model.Marking;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded event log: one SQLite file, in write-ahead-log mode, with
 * {@code PRAGMA synchronous} as configured ({@link StoreConfig.Synchronous#FULL} by default, see
 * there for the trade-off). Readers never block the writer. The writer never checkpoints
 * ({@code wal_autocheckpoint=0}): a {@link WalCheckpointer} on its own thread and connection copies
 * the write-ahead log into the database file every {@value #CHECKPOINT_BYTES} bytes of rows, so a
 * commit is never held up by a checkpoint. Thread-safe.
 */
public final class SqliteEventLog extends JdbcEventLog {
    private static final int PAGE_BYTES = 4_096;
    /**
     * Bytes of rows appended between checkpoints: about SQLite's own default of 1,000 pages of
     * write-ahead log, counting the indexes' pages.
     */
    static final long CHECKPOINT_BYTES = 2L * 1024 * 1024;
    /** Rough bytes of a row beside its payload (columns, index entries). */
    private static final int ROW_BYTES = 200;
    private final String url;
    private final SQLiteConfig sqlite;
    private final WalCheckpointer checkpointer;
    private final Utf8Columns columns = new Utf8Columns(); // the writer's: inserts run one at a time

    /** Opens (creating and migrating if needed) the log in {@code file}; creates missing parent directories. */
    public SqliteEventLog(Path file, StoreConfig config) {
        this(file, config, true);
    }

    /** As {@link #SqliteEventLog(Path, StoreConfig)}; {@code checkpoints} false leaves the WAL uncopied while open (tests). */
    SqliteEventLog(Path file, StoreConfig config, boolean checkpoints) {
        super("sqlite:" + file.toAbsolutePath());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreUnavailableException("cannot create the data directory for " + file + ": " + e.getMessage(), e);
        }
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(config.sqliteSynchronous() == StoreConfig.Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        if (config.sqliteMaxBytes() > 0) {
            sqlite.setPageSize(PAGE_BYTES);
            sqlite.setMaxPageCount((int) Math.min(Integer.MAX_VALUE, config.sqliteMaxBytes() / PAGE_BYTES));
        }
        Migrations.migrate(url, "sqlite", toString());
        this.checkpointer = new WalCheckpointer(toString(), this::connect, CHECKPOINT_BYTES);
        open();
        if (checkpoints) {
            checkpointer.start();
        }
    }

    /** A new connection that never checkpoints on commit (the {@link WalCheckpointer} does). */
    @Override
    Connection connect() throws SQLException {
        Connection c = sqlite.createConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** Also registers the checkpointer's meters ({@code shekara.store.checkpoint...}). */
    @Override
    public void bindTo(MeterRegistry registry) {
        super.bindTo(registry);
        checkpointer.bindTo(registry);
    }

    @Override
    void appended(List<LogEntry> entries) {
        long bytes = 0;
        for (LogEntry e : entries) {
            bytes += e.payloadUtf8().length + ROW_BYTES;
        }
        checkpointer.appended(bytes);
    }

    @Override
    void closing() {
        checkpointer.close();
    }

    /** The checkpointer, for tests. */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    @Override
    void insert(Connection c, List<LogEntry> entries, long firstSeq) throws SQLException {
        // Text columns are bound as UTF-8 bytes and cast to TEXT in SQL: the payload as the entry
        // encoded it, the repeated values from a cache. A bound String would be encoded by the driver
        // to a new array per row (and the payload first decoded from its bytes): garbage on the
        // writer's thread for every event.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log (" + COLUMNS + ")"
                + " VALUES (?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, CAST(? AS TEXT), CAST(? AS TEXT),"
                + " CAST(? AS TEXT), CAST(? AS TEXT), ?, CAST(? AS TEXT))")) {
            long seq = firstSeq;
            for (LogEntry e : entries) {
                Marking m = e.event().marking();
                ps.setLong(1, seq++);
                ps.setLong(2, e.timeNs());
                ps.setBytes(3, columns.of(e.topic()));
                ps.setBytes(4, columns.of(e.key()));
                ps.setString(5, e.entity());
                ps.setBytes(6, columns.of(e.tag()));
                ps.setBytes(7, columns.of(m.classification().name()));
                ps.setBytes(8, columns.of(m.originator()));
                ps.setBytes(9, columns.releasable(m));
                ps.setInt(10, m.exercise() ? 1 : 0);
                ps.setBytes(11, e.payloadUtf8());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    boolean connectionLost(SQLException e) {
        return e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN;
    }

    @Override
    String reason(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return switch (code) {
                case SQLITE_FULL -> "disk full";
                case SQLITE_IOERR, SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC -> "I/O error";
                case SQLITE_CANTOPEN -> "cannot open database file";
                case SQLITE_READONLY -> "database is read-only";
                case SQLITE_BUSY, SQLITE_LOCKED -> "database is locked by another process";
                default -> "write failed (" + code.name() + ")";
            };
        }
        return "write failed";
    }
}
