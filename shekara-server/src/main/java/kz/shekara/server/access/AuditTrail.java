package kz.shekara.server.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.server.store.StoreDatabase;
import kz.shekara.server.store.StoreUnavailableException;

/**
 * The tamper-evident audit trail: an append-only table in the event store's database, each entry
 * holding the SHA-256 of the one before ({@link AuditEntry}), and a one-row head (the last seq and
 * hash) updated with every append. {@link #verify()} walks the chain and names the first entry
 * altered, inserted or removed (docs/audit.md says what it can and cannot see).
 *
 * <p>Appends are serialized across processes: a transaction that first locks the head
 * ({@code BEGIN IMMEDIATE} in SQLite, {@code SELECT ... FOR UPDATE} in PostgreSQL), so the server and
 * the command line may append to the same database at once. Times are the wall clock's. Thread-safe:
 * appends share one connection under a lock; reads open their own. Cost: one transaction per append,
 * a disk sync in SQLite (docs/benchmarks.md).
 */
public final class AuditTrail implements AuditSink, AutoCloseable {
    private static final String COLUMNS = "seq, time_ns, actor, action, target, outcome, address, prev_hash, hash";
    private final StoreDatabase db;
    private final Clock clock;
    private final String lockHead;
    private Connection writer;

    /**
     * Migrates the database (creating the tables when missing) and opens the trail on it.
     *
     * @param clock the wall clock that stamps each act
     * @throws StoreUnavailableException when the database cannot be reached or migrated
     */
    public AuditTrail(StoreDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db").migrate();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lockHead = "SELECT seq, hash FROM audit_head WHERE id = 1"
                + (db.dialect() == StoreDatabase.Dialect.POSTGRESQL ? " FOR UPDATE" : "");
    }

    @Override
    public void record(String actor, String action, String target, String outcome, String address) {
        append(actor, action, target, outcome, address);
    }

    /**
     * Appends one entry after the current head, in one transaction; see {@link AuditSink#record}.
     *
     * @return the entry as stored
     * @throws StoreUnavailableException when it cannot be stored (then nothing is)
     */
    public synchronized AuditEntry append(String actor, String action, String target, String outcome, String address) {
        Instant time = clock.instant();
        try {
            Connection c = writer();
            begin(c);
            try {
                AuditEntry e;
                try (PreparedStatement ps = c.prepareStatement(lockHead); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the audit_head row is missing");
                    }
                    e = AuditEntry.chained(rs.getLong(1) + 1, time, actor, action, target, outcome, address,
                            rs.getString(2));
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ps, e);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                    ps.setLong(1, e.seq());
                    ps.setString(2, e.hash());
                    ps.executeUpdate();
                }
                commit(c);
                return e;
            } catch (SQLException | RuntimeException ex) {
                rollback(c);
                throw ex;
            }
        } catch (SQLException ex) {
            closeWriter();
            throw new StoreUnavailableException("cannot append to the audit trail in " + db + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Entries whose time is in [from, to), in seq order, at most {@code limit}.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public List<AuditEntry> read(Instant from, Instant to, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM audit_log WHERE time_ns >= ? AND time_ns < ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, bound(from));
            ps.setLong(2, bound(to));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        } catch (SQLException ex) {
            throw new StoreUnavailableException("cannot read the audit trail in " + db + ": " + ex.getMessage(), ex);
        }
        return out;
    }

    /**
     * The entry with this seq, if the table holds one.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public Optional<AuditEntry> entry(long seq) {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new StoreUnavailableException("cannot read the audit trail in " + db + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Walks the whole chain, in one consistent snapshot of the database (appends may go on meanwhile),
     * and reports the first entry altered, inserted or removed.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public AuditVerification verify() {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            if (db.dialect() == StoreDatabase.Dialect.POSTGRESQL) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            try {
                ChainVerifier v;
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                     ResultSet rs = ps.executeQuery()) {
                    v = rs.next() ? new ChainVerifier(rs.getLong(1), rs.getString(2)) : new ChainVerifier(0, "");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
                    ps.setFetchSize(1_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && v.accept(entry(rs))) {
                            // walks until the first break
                        }
                    }
                }
                return v.result();
            } finally {
                c.rollback();
            }
        } catch (SQLException ex) {
            throw new StoreUnavailableException("cannot read the audit trail in " + db + ": " + ex.getMessage(), ex);
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null) {
            writer = db.connect();
            if (!sqlite()) {
                writer.setAutoCommit(false);
            }
        }
        return writer;
    }

    private boolean sqlite() {
        return db.dialect() == StoreDatabase.Dialect.SQLITE;
    }

    /**
     * SQLite: takes the database's write lock now ({@code BEGIN IMMEDIATE}), so two processes'
     * read-then-write transactions queue instead of failing; the lock is held only until the commit.
     * PostgreSQL: the transaction begins with the first statement and locks the head row.
     */
    private void begin(Connection c) throws SQLException {
        if (sqlite()) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        }
    }

    private void commit(Connection c) throws SQLException {
        if (sqlite()) {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            c.commit();
        }
    }

    private static void bind(PreparedStatement ps, AuditEntry e) throws SQLException {
        ps.setLong(1, e.seq());
        ps.setLong(2, AuditEntry.timeNanos(e.time()));
        ps.setString(3, e.actor());
        ps.setString(4, e.action());
        ps.setString(5, e.target());
        ps.setString(6, e.outcome());
        ps.setString(7, e.address());
        ps.setString(8, e.prevHash());
        ps.setString(9, e.hash());
    }

    /** A range bound in nanoseconds, those beyond the column's range (1677 to 2262) clamped to it. */
    private static long bound(Instant t) {
        try {
            return AuditEntry.timeNanos(t);
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), AuditEntry.fromNanos(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private void rollback(Connection c) {
        try {
            if (sqlite()) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
            } else {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed and opened again on the next append
        }
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // already unusable
            }
            writer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeWriter();
    }

    @Override
    public String toString() {
        return "audit trail in " + db;
    }
}
