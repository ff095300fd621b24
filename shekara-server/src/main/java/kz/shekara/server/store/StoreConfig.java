package kz.shekara.server.store;

import java.util.Objects;

/**
 * Settings of the event store, validated once and then immutable.
 *
 * @param sqliteSynchronous SQLite's durability setting (ignored on PostgreSQL). {@code FULL}, the
 *     default, syncs the write-ahead log on every commit: an acknowledged event survives a crash of
 *     the process and a power loss. {@code NORMAL} syncs only at checkpoints: still safe against a
 *     crash of the process (kill -9), but a power loss or OS crash may lose the last commits, which
 *     were already acknowledged; it buys roughly an order of magnitude more commits per second on a
 *     disk with slow syncs.
 * @param sqliteMaxBytes a cap on the SQLite file's size, 0 for none; reaching it is reported and handled
 *     exactly like a full disk (keeps the log from filling a disk that others need)
 * @param maxBatch most events written in one transaction by group commit
 * @param snapshotEvery events between view snapshots (bounds replay at start-up); 0 disables snapshots
 * @param retention how long high-rate history is kept at full rate, and how it is thinned after
 */
public record StoreConfig(Synchronous sqliteSynchronous, long sqliteMaxBytes, int maxBatch, long snapshotEvery, RetentionPolicy retention) {

    /** SQLite's {@code PRAGMA synchronous} values offered. */
    public enum Synchronous { FULL, NORMAL }

    public StoreConfig {
        Objects.requireNonNull(sqliteSynchronous, "sqliteSynchronous");
        Objects.requireNonNull(retention, "retention");
        if (sqliteMaxBytes < 0) {
            throw new IllegalArgumentException("store sqliteMaxBytes must be >= 0, got " + sqliteMaxBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("store maxBatch must be >= 1, got " + maxBatch);
        }
        if (snapshotEvery < 0) {
            throw new IllegalArgumentException("store snapshotEvery must be >= 0, got " + snapshotEvery);
        }
    }

    /** Safe defaults: synchronous FULL, batches of up to 4,096 events, a snapshot every 100,000 events. */
    public static StoreConfig defaults() {
        return new StoreConfig(Synchronous.FULL, 0, 4_096, 100_000, RetentionPolicy.defaults());
    }

    public StoreConfig withSynchronous(Synchronous s) {
        return new StoreConfig(s, sqliteMaxBytes, maxBatch, snapshotEvery, retention);
    }

    public StoreConfig withSqliteMaxBytes(long bytes) {
        return new StoreConfig(sqliteSynchronous, bytes, maxBatch, snapshotEvery, retention);
    }

    public StoreConfig withSnapshotEvery(long n) {
        return new StoreConfig(sqliteSynchronous, sqliteMaxBytes, maxBatch, n, retention);
    }
}
