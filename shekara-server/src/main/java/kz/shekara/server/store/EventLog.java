package kz.shekara.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The append-only event log, the source of truth of the server: every event gets a sequence number
 * (strictly increasing, consecutive within a batch; retention may leave gaps) and is stored with its
 * event time, topic, key, type tag, marking and JSON payload.
 *
 * <p>One process writes a log at a time (it assigns the sequence numbers); any number of readers.
 * Thread-safe: appends are serialized, reads run on their own connections. Every method throws
 * {@link StoreUnavailableException} when the database cannot be reached or written.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends the entries in one transaction, in order. When this returns, they are durable (as
     * durable as the store's sync setting makes them); when it throws, none is stored.
     *
     * @return the sequence number of the first entry (the others follow consecutively), or
     *     {@link #latestSeq()} for an empty list
     */
    long append(List<LogEntry> entries);

    /**
     * Appends events consumed from a partitioned source (the Kafka topics) and moves the source's stored
     * positions on, in one transaction: an entry whose place is below its partition's stored position is
     * already stored and is skipped, so a batch handed in again (after a restart, a rebalance, or by another
     * consumer of the same source) stores nothing twice. Several processes may append so to one PostgreSQL
     * log (they take turns).
     *
     * @param source the consumer's name (its positions are its own)
     * @param entries the events, in the order to store them (each partition's in offset order)
     * @param at where each entry came from ({@code at.get(i)} for {@code entries.get(i)})
     * @param ends per partition of the batch, the offset after its last record (records that are no event
     *     included, so they are not read again)
     * @return how many entries were stored (the others were stored before)
     */
    default int appendConsumed(String source, List<LogEntry> entries, List<SourceOffset> at, List<SourceOffset> ends) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not consume sources");
    }

    /** The stored positions of {@code source}: per partition, the offset of the next record to store. */
    default List<SourceOffset> sourcePositions(String source) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not consume sources");
    }

    /** Events with seq greater than {@code afterSeq}, in seq order. Close the stream (try-with-resources). */
    Stream<StoredEvent> readAfter(long afterSeq);

    /** Events with event time in [from, to), in seq order. Close the stream (try-with-resources). */
    Stream<StoredEvent> readTimeRange(Instant from, Instant to);

    /**
     * Events of the given topics with event time in [from, to), in seq order: a reader that needs a
     * few topics skips decoding the others (the raw detections dominate a log). Close the stream.
     */
    Stream<StoredEvent> readTimeRange(Instant from, Instant to, Set<String> topics);

    /**
     * Events of one entity (an incident, alert, track or unit id) on one topic, in seq order: the
     * after-action review's way to one incident's history. Close the stream (try-with-resources).
     */
    Stream<StoredEvent> readEntity(String topic, String entity);

    /** The highest sequence number stored, 0 for an empty log. */
    long latestSeq();

    /** Health as last observed; never throws. */
    StoreHealth health();

    /**
     * Checks the store now and updates {@link #health()}: a trivial query, or after writes failed (a full
     * disk) a write that is rolled back, so the store comes back once it takes writes, with no event needed.
     */
    StoreHealth probe();

    /**
     * Stores a view's snapshot and drops that view's older ones (keeps the last two); one at a seq
     * already saved for the view replaces it (the live tracker's seq stands still while no detection comes).
     */
    void saveSnapshot(Snapshot snapshot);

    /** The newest snapshot of a view, if any. */
    Optional<Snapshot> latestSnapshot(String view);

    /**
     * Thins the history of the given topics older than {@code before}: keeps the latest event per
     * entity per {@code bucket} (buckets aligned to the epoch) and deletes the others. Other topics
     * are never touched.
     *
     * @return the number of events deleted
     */
    long downsample(Set<String> topics, Instant before, Duration bucket);

    @Override
    void close();
}
