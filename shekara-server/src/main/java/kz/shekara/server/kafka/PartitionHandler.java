package kz.shekara.server.kafka;

import java.time.Duration;
import java.time.Instant;
import kz.shekara.model.DomainEvent;

/**
 * A consumer of one topic that keeps state per partition (that is, per set of sectors) and can
 * rebuild it: told when it takes a partition, given the partition's records before the group's
 * committed offset to rebuild from (its outputs for them were sent by the partition's previous owner
 * and must not be sent again), then the records from there on, and told when the partition leaves it.
 * A handler may hold a partition's records back ({@link #ready}) while the subscription hands on those of
 * its other partitions. Called from one thread, the subscription's.
 *
 * @param <E> the topic's event type
 */
public interface PartitionHandler<E extends DomainEvent> {
    /** The partition is this worker's now; {@link #replay} follows for what was handled before. */
    void assigned(int partition);

    /** A record below the committed offset: rebuild state from it, send nothing. */
    void replay(int partition, E event);

    /** The records of {@link #replay} for the partition taken are all given (none, for a partition never committed). */
    default void rebuilt(int partition) {
    }

    /**
     * Whether {@code event}, the next record of {@code partition}, may be handled now; false holds it, and the
     * partition's later records, back (the subscription goes on with its other partitions and asks again).
     * By default every record may.
     */
    default boolean ready(int partition, E event) {
        return true;
    }

    /**
     * The subscription has nothing it may hand on now: what it has fetched is held back ({@link #ready}), or
     * nothing came. The handler may say what it can to others (progress marks) and wait, at most {@code max},
     * until a record held back may be ready.
     */
    default void stalled(Duration max) throws InterruptedException {
    }

    /**
     * A producer's watermark read on {@code partition}, in order with its records (see
     * {@link EventRecords#watermark}): the partition's records from here on are of event time {@code reached}
     * or later. Like {@link #ready}, false holds it (and the partition's later records) back, to be asked
     * again. By default ignored.
     */
    default boolean reached(int partition, Instant reached) {
        return true;
    }

    /** A watermark below the committed offset: rebuild state from it (as {@link #replay}), send nothing. */
    default void replayReached(int partition, Instant reached) {
    }

    /** A record to handle (one {@link #ready} let through): its outputs are sent (before its offset is committed). */
    void accept(int partition, E event);

    /** The partition has left this worker (given to another, or this worker is closing): drop its state. */
    void revoked(int partition);
}
