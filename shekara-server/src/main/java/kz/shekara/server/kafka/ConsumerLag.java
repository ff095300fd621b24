package kz.shekara.server.kafka;

/**
 * How far a consumer group is behind on one partition it holds in this process.
 *
 * @param group the Kafka consumer group
 * @param topic the Kafka topic
 * @param partition the partition
 * @param lag records on the partition not yet handled (its end offset, as last fetched, less the next offset to handle)
 */
public record ConsumerLag(String group, String topic, int partition, long lag) {
}
