package kz.shekara.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of an {@link EventLog} common to SQLite and PostgreSQL: one writer connection (opened
 * again after a failure), sequence numbers assigned here, reads on connections of their own,
 * snapshots, retention and health. The dialects supply connections and the batch insert. Bound to a
 * registry ({@link #bindTo}), it times each append's rows ({@code shekara.store.write}, up to the
 * commit) and its commit ({@code shekara.store.commit}: the sync, where a store stalls).
 * Thread-safe: writes are serialized on this object.
 */
abstract sealed class JdbcEventLog implements EventLog, MeterBinder permits SqliteEventLog, PostgresEventLog {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    static final String COLUMNS =
            "seq, time_ns, topic, event_key, entity, type, classification, originator, releasable, exercise, payload";

    private final String name;
    private final AtomicLong failures = new AtomicLong();
    private volatile StoreHealth health;
    private boolean writesFailing; // down for a reason only a successful write clears (disk full)
    private Connection writer;
    private long latestSeq;
    private boolean closed;
    private final AppendTimers timers = new AppendTimers();

    JdbcEventLog(String name) {
        this.name = name;
        this.health = new StoreHealth(StoreHealth.Status.UP, name, "ok", 0);
    }

    /** A new connection, configured for this dialect, autocommit on. */
    abstract Connection connect() throws SQLException;

    /**
     * Inserts the entries with seqs firstSeq, firstSeq + 1, ... inside the writer's open transaction
     * (or, when {@link #insertIsOneStatement()}, as one statement that commits itself).
     */
    abstract void insert(Connection c, List<LogEntry> entries, long firstSeq) throws SQLException;

    /**
     * Whether {@link #insert} is one statement, run with autocommit on: the statement's own
     * transaction then commits it, and neither a {@code BEGIN} nor a {@code COMMIT} costs a round
     * trip to the server. The commit is as durable as an explicit one.
     */
    boolean insertIsOneStatement() {
        return false;
    }

    /** A short reason for an SQL failure (disk full, connection lost, ...). */
    abstract String reason(SQLException e);

    /** Whether the failure was losing (or not getting) the connection, which a successful query shows is over. */
    abstract boolean connectionLost(SQLException e);

    /** Registers the append timers {@code shekara.store.write} and {@code shekara.store.commit}. */
    @Override
    public void bindTo(MeterRegistry registry) {
        timers.bindTo(registry);
    }

    /** Called on the appending thread after each append has committed. */
    void appended(List<LogEntry> entries) {
    }

    /** Called by {@link #close()} before the writer connection is closed. */
    void closing() {
    }

    /** Opens the writer connection once, so a store that is down fails at start, not at first write. */
    final void open() {
        write(c -> null);
    }

    @Override
    public final long append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return latestSeq();
        }
        long first = write(c -> {
            long seq = latestSeq + 1;
            insert(c, entries, seq);
            return seq;
        }, entries.size(), false, insertIsOneStatement());
        appended(entries);
        return first;
    }

    @Override
    public final int appendConsumed(String source, List<LogEntry> entries, List<SourceOffset> at,
                                    List<SourceOffset> ends) {
        return write(c -> {
            lockSources(c);
            Map<SourcePositions.Partition, Long> stored = SourcePositions.read(c, source);
            List<LogEntry> fresh = SourcePositions.unstored(stored, entries, at);
            long last = readLatestSeq(c); // other processes may append to the same database
            if (!fresh.isEmpty()) {
                insert(c, fresh, last + 1);
            }
            SourcePositions.advance(c, source, stored, ends);
            latestSeq = last + fresh.size(); // re-read from the database if the commit fails
            return fresh.size();
        });
    }

    @Override
    public final List<SourceOffset> sourcePositions(String source) {
        return write(c -> SourcePositions.read(c, source).entrySet().stream()
                .map(e -> new SourceOffset(e.getKey().topic(), e.getKey().partition(), e.getValue())).toList());
    }

    /** Makes writers of source positions in other processes wait for this transaction (none needed on SQLite). */
    void lockSources(Connection c) throws SQLException {
    }

    @Override
    public final Stream<StoredEvent> readAfter(long afterSeq) {
        return query("WHERE seq > ?", ps -> ps.setLong(1, afterSeq));
    }

    @Override
    public final Stream<StoredEvent> readTimeRange(Instant from, Instant to) {
        return query("WHERE time_ns >= ? AND time_ns < ?", ps -> {
            ps.setLong(1, TimeColumns.toNanos(from));
            ps.setLong(2, TimeColumns.toNanos(to));
        });
    }

    @Override
    public final Stream<StoredEvent> readTimeRange(Instant from, Instant to, Set<String> topics) {
        if (topics.isEmpty()) {
            return Stream.empty();
        }
        List<String> names = topics.stream().sorted().toList();
        return query("WHERE time_ns >= ? AND time_ns < ? AND topic IN ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")", ps -> {
            ps.setLong(1, TimeColumns.toNanos(from));
            ps.setLong(2, TimeColumns.toNanos(to));
            for (int i = 0; i < names.size(); i++) {
                ps.setString(3 + i, names.get(i));
            }
        });
    }

    @Override
    public final Stream<StoredEvent> readEntity(String topic, String entity) {
        return query("WHERE entity = ? AND topic = ?", ps -> {
            ps.setString(1, entity);
            ps.setString(2, topic);
        });
    }

    /** Sets a query's parameters. */
    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    /** The events {@code where} selects, in seq order, streamed from a connection of their own. */
    private Stream<StoredEvent> query(String where, Parameters parameters) {
        Connection c = null;
        try {
            c = connect();
            c.setAutoCommit(false); // PostgreSQL streams rows (fetch size) only inside a transaction
            PreparedStatement ps = c.prepareStatement("SELECT seq, topic, event_key, type, payload FROM event_log "
                    + where + " ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(1_000);
            parameters.set(ps);
            return RowStream.of(c, ps, ps.executeQuery(), this::unavailable);
        } catch (SQLException e) {
            closeQuietly(c);
            throw unavailable(e);
        }
    }

    @Override
    public final synchronized long latestSeq() {
        if (writer == null) {
            write(c -> null, 0, true); // connects; shows the store reachable, not that it takes writes again
        }
        return latestSeq;
    }

    @Override
    public final StoreHealth health() {
        return health;
    }

    @Override
    public final StoreHealth probe() {
        boolean writeTest;
        synchronized (this) {
            writeTest = writesFailing;
        }
        try {
            write(c -> {
                if (writeTest) {
                    tryWrite(c);
                } else {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                }
                return null;
            }, 0, !writeTest);
        } catch (StoreUnavailableException e) {
            LOG.debug("store probe failed: {}", e.getMessage());
        }
        return health;
    }

    /**
     * After writes failed (a full disk, say), whether the store takes a write again: creates a table and
     * writes a few pages into it, then rolls all of it back, so nothing is left behind and the log's
     * sequence is untouched. Throws as a write would while there is no room.
     */
    private static void tryWrite(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE store_write_probe (filler VARCHAR(16000))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_write_probe (filler) VALUES (?)")) {
                ps.setString(1, "x".repeat(16_000));
                ps.executeUpdate();
            }
        } finally {
            c.rollback();
        }
    }

    @Override
    public final void saveSnapshot(Snapshot s) {
        write(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO view_snapshot(view_name, seq, state) VALUES (?, ?, ?) "
                    + "ON CONFLICT (view_name, seq) DO UPDATE SET state = excluded.state");
                 PreparedStatement del = c.prepareStatement("DELETE FROM view_snapshot WHERE view_name = ? AND seq < "
                         + "(SELECT MIN(seq) FROM (SELECT seq FROM view_snapshot WHERE view_name = ? ORDER BY seq DESC LIMIT 2) t)")) {
                ins.setString(1, s.view());
                ins.setLong(2, s.seq());
                ins.setBytes(3, s.state());
                ins.executeUpdate();
                del.setString(1, s.view());
                del.setString(2, s.view());
                del.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public final Optional<Snapshot> latestSnapshot(String view) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, state FROM view_snapshot WHERE view_name = ? ORDER BY seq DESC LIMIT 1")) {
                ps.setString(1, view);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Snapshot(view, rs.getLong(1), rs.getBytes(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public final long downsample(Set<String> topics, Instant before, Duration bucket) {
        long bucketNs = bucket.toNanos();
        long cutoff = Math.floorDiv(TimeColumns.toNanos(before), bucketNs) * bucketNs;
        return write(c -> {
            long deleted = 0;
            for (String topic : topics.stream().sorted().toList()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_log WHERE topic = ? AND time_ns < ?"
                        + " AND seq NOT IN (SELECT MAX(seq) FROM event_log WHERE topic = ? AND time_ns < ?"
                        + " GROUP BY entity, time_ns / ?)")) {
                    ps.setString(1, topic);
                    ps.setLong(2, cutoff);
                    ps.setString(3, topic);
                    ps.setLong(4, cutoff);
                    ps.setLong(5, bucketNs);
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closing();
        }
        closed = true;
        closeQuietly(writer);
        writer = null;
    }

    /** A unit of work on the writer connection, committed when it returns. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        return write(work, 0, false, false);
    }

    private <T> T write(Work<T> work, int appended, boolean probe) {
        return write(work, appended, probe, false);
    }

    /** Runs the work and commits it; {@code autoCommit}: the work is one statement that commits itself. */
    private synchronized <T> T write(Work<T> work, int appended, boolean probe, boolean autoCommit) {
        if (closed) {
            throw new IllegalStateException("event log " + name + " is closed");
        }
        try {
            if (writer == null) {
                writer = connect();
                writer.setAutoCommit(false);
                latestSeq = readLatestSeq(writer);
            }
            T result;
            long start = System.nanoTime();
            long rowsDone;
            if (autoCommit) {
                writer.setAutoCommit(true); // between transactions: nothing is sent
                result = work.run(writer);
                rowsDone = start;
                writer.setAutoCommit(false);
            } else {
                result = work.run(writer);
                rowsDone = System.nanoTime();
                writer.commit();
            }
            if (appended > 0) {
                timers.record(rowsDone - start, System.nanoTime() - rowsDone);
            }
            latestSeq += appended;
            if (probe && writesFailing) {
                return result; // reachable, but only a write shows it accepts writes again
            }
            if (!health.up()) {
                LOG.info("event store {} is back", name);
            }
            writesFailing = false;
            health = new StoreHealth(StoreHealth.Status.UP, name, "ok", failures.get());
            return result;
        } catch (SQLException e) {
            closeQuietly(writer);
            writer = null; // reconnect, and re-read the latest seq, on the next write
            throw unavailable(e);
        }
    }

    private StoreUnavailableException unavailable(SQLException e) {
        long n = failures.incrementAndGet();
        String reason = reason(e);
        synchronized (this) {
            writesFailing |= !connectionLost(e);
        }
        if (health.up()) {
            LOG.error("EVENT STORE DOWN ({}): {}: {} - nothing is acknowledged until it returns", name, reason, e.getMessage());
        }
        health = new StoreHealth(StoreHealth.Status.DOWN, name, reason + ": " + e.getMessage(), n);
        return new StoreUnavailableException("event store " + name + " unavailable: " + reason + ": " + e.getMessage(), e);
    }

    private static long readLatestSeq(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM event_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try (c) { // a null resource is skipped
            LOG.trace("closing {}", c);
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
