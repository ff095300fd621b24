package kz.shekara.server.store;

import java.util.Objects;

/**
 * A place in a partitioned source the event store consumes (a Kafka topic): the topic, the partition and
 * an offset in it — where an event came from, or, as a partition's stored position, the offset of the
 * next record to store. Immutable.
 */
public record SourceOffset(String topic, int partition, long offset) {
    public SourceOffset {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0, got " + partition + "@" + offset);
        }
    }
}
