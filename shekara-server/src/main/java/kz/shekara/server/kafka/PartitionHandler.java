package kz.shekara.server.kafka;

import kz.shekara.model.DomainEvent;

/**
 * A consumer of one topic that keeps state per partition (that is, per set of sectors) and can
 * rebuild it: told when it takes a partition, given the partition's records before the group's
 * committed offset to rebuild from (its outputs for them were sent by the partition's previous owner
 * and must not be sent again), then the records from there on, and told when the partition leaves it.
 * Called from one thread, the subscription's.
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

    /** A record to handle: its outputs are sent (before its offset is committed). */
    void accept(int partition, E event);

    /** The partition has left this worker (given to another, or this worker is closing): drop its state. */
    void revoked(int partition);
}
