package kz.shekara.server.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite write-ahead log into the database file on a thread and connection of its own,
 * so the log's writer never does it inside a commit. The writer's connections run with
 * {@code wal_autocheckpoint=0}; this thread runs {@code PRAGMA wal_checkpoint(PASSIVE)} once
 * {@link #bytesBetween} bytes of rows were appended since the last checkpoint, and at least every
 * {@link #MAX_WAIT_NS} while anything was written. A passive checkpoint never blocks the writer or a
 * reader: it copies what no reader still needs, and SQLite starts the log file over once all of it is
 * copied. Crash safety is SQLite's own (a checkpoint is the same operation whichever connection runs
 * it). A failed checkpoint is counted and logged, and tried again at the next turn.
 *
 * <p>Thread-safe; {@link #appended} is called by the writer after each commit.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /** Longest wait between checkpoints while something was written, nanoseconds. */
    static final long MAX_WAIT_NS = 1_000_000_000L;

    /** Opens the checkpointer's own connection to the database. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final long bytesBetween;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private final Thread thread;
    private long pendingBytes; // guarded by lock
    private boolean written; // guarded by lock: anything committed since the last checkpoint
    private boolean closed; // guarded by lock
    private Connection connection; // checkpointer thread only
    private volatile Meters meters;
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile long lastFrames;

    /** The checkpointer's meters, once bound to a registry. */
    private record Meters(Timer duration, Counter pages, Counter failures) {
    }

    /**
     * @param connector opens the checkpointer's connection (called on its thread, again after a failure)
     * @param bytesBetween bytes of rows appended that start a checkpoint
     */
    WalCheckpointer(String name, Connector connector, long bytesBetween) {
        if (bytesBetween < 1) {
            throw new IllegalArgumentException("bytesBetween must be >= 1, got " + bytesBetween);
        }
        this.connector = connector;
        this.bytesBetween = bytesBetween;
        this.thread = Thread.ofPlatform().name("store-wal-checkpointer").daemon().unstarted(this::run);
        LOG.debug("WAL checkpointer for {} every {} bytes", name, bytesBetween);
    }

    void start() {
        thread.start();
    }

    /** Registers {@code shekara.store.checkpoint} (duration), {@code .pages} and {@code .failures}. */
    void bindTo(MeterRegistry registry) {
        meters = new Meters(
                Timer.builder("shekara.store.checkpoint")
                        .description("duration of WAL checkpoints, run beside the writer")
                        .publishPercentiles(0.5, 0.9, 0.99).register(registry),
                Counter.builder("shekara.store.checkpoint.pages")
                        .description("WAL pages copied into the database file by checkpoints").register(registry),
                Counter.builder("shekara.store.checkpoint.failures")
                        .description("WAL checkpoints that failed (tried again at the next turn)").register(registry));
    }

    /** After a commit: {@code bytes} of rows were written; wakes the thread once enough have been. */
    void appended(long bytes) {
        lock.lock();
        try {
            written = true;
            pendingBytes += bytes;
            if (pendingBytes >= bytesBetween) {
                due.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Checkpoints done so far (successful or not). */
    long checkpoints() {
        return checkpoints.get();
    }

    /** The WAL's frames (pages) at the last checkpoint, all copied unless a reader held some back. */
    long lastFrames() {
        return lastFrames;
    }

    private void run() {
        try {
            while (awaitDue()) {
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            JdbcEventLog.closeQuietly(connection);
            connection = null;
        }
    }

    /** Waits until a checkpoint is due; false once closed. */
    private boolean awaitDue() throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + MAX_WAIT_NS;
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (pendingBytes >= bytesBetween || (written && left <= 0)) {
                    pendingBytes = 0;
                    written = false;
                    return true;
                }
                due.awaitNanos(left > 0 ? left : MAX_WAIT_NS);
                if (left <= 0) {
                    deadline = System.nanoTime() + MAX_WAIT_NS;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void checkpoint() {
        long start = System.nanoTime();
        Meters m = meters;
        try {
            if (connection == null) {
                connection = connector.connect();
            }
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                if (rs.next()) {
                    long frames = rs.getLong(2);
                    long copied = rs.getLong(3);
                    if (m != null && copied > 0) {
                        m.pages().increment(copied);
                    }
                    lastFrames = frames;
                }
            }
            if (m != null) {
                m.duration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        } catch (SQLException e) {
            if (m != null) {
                m.failures().increment();
            }
            LOG.warn("WAL checkpoint failed (tried again later; the log keeps growing meanwhile): {}", e.getMessage());
            JdbcEventLog.closeQuietly(connection);
            connection = null;
            lock.lock();
            try {
                written = true; // try again within MAX_WAIT_NS even if nothing more is written
            } finally {
                lock.unlock();
            }
        } finally {
            checkpoints.incrementAndGet();
        }
    }

    /** Stops the thread (after a checkpoint in progress); the last connection's close checkpoints the rest. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            due.signal();
        } finally {
            lock.unlock();
        }
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
