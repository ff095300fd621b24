package kz.shekara.server.kafka;

import java.util.Collection;
import java.util.Map;
import kz.shekara.server.bus.Bus;
import org.apache.kafka.common.TopicPartition;

/** A subscription of a {@link KafkaBus} as its drain sees it: the partitions it holds and how far it has handled them. */
interface GroupMember extends Bus.Subscription {
    /** Whether it has joined its group and handled everything below {@code ends} on the partitions it holds. */
    boolean caughtUp(Map<TopicPartition, Long> ends);

    /** The partitions it holds now. */
    Collection<TopicPartition> partitions();

    /** Its Kafka consumer group. */
    String kafkaGroup();

    /** Per partition it holds, records not yet handled, as of its last fetch (a partition not fetched yet is left out). */
    Map<TopicPartition, Long> lag();
}
