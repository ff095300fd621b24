package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KafkaBus} reaches its cluster.
 *
 * @param bootstrap {@code host:port[,host:port…]} of the brokers
 * @param partitions partitions of each topic the bus creates (the most workers of one role that can share a topic)
 * @param topicPrefix put before every topic name (empty in a deployment; keeps tests apart on one broker)
 * @param groupPrefix put before every consumer group name (a group is {@code prefix + subscriber + "." + topic})
 * @param sessionTimeout how long a silent consumer keeps its partitions before the group gives them to another
 * @param member this bus's name in its groups (the start of its consumers' client ids; empty: none). Groups
 *               deal partitions out by range over their members sorted by client id, so the buses of a role's
 *               workers, each named apart, hold the same partition numbers of every topic they subscribe
 *               to (the same sectors)
 * @param deliveryTimeout how long the producer keeps retrying an event the cluster has not taken (a broker
 *                        away for less than this loses nothing); an event still unsent after it is counted lost
 * @param maxUnsent events handed to the producer and not yet on the cluster, at most: a publisher at this
 *                  bound waits (back-pressure on the inputs) until the cluster takes them
 */
public record KafkaBusConfig(String bootstrap, int partitions, String topicPrefix, String groupPrefix,
                             Duration sessionTimeout, String member, Duration deliveryTimeout, int maxUnsent) {
    public KafkaBusConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(member, "member");
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap address is empty");
        }
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        if (deliveryTimeout.compareTo(Duration.ofMinutes(1)) < 0 || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Kafka delivery timeout must be 1 minute to 24 days, got " + deliveryTimeout);
        }
        if (maxUnsent < 1) {
            throw new IllegalArgumentException("Kafka maxUnsent must be >= 1, got " + maxUnsent);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    /**
     * The cluster at {@code bootstrap}: 12 partitions, no topic prefix, groups {@code shekara.*}, 10 s
     * sessions, events retried for an hour, at most 10,000 unsent.
     */
    public static KafkaBusConfig of(String bootstrap) {
        return new KafkaBusConfig(bootstrap, 12, "", "shekara.", Duration.ofSeconds(10), "", Duration.ofHours(1),
                10_000);
    }

    public KafkaBusConfig withTopicPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, prefix, groupPrefix, sessionTimeout, member, deliveryTimeout, maxUnsent);
    }

    public KafkaBusConfig withGroupPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, prefix, sessionTimeout, member, deliveryTimeout, maxUnsent);
    }

    public KafkaBusConfig withMember(String name) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, name, deliveryTimeout, maxUnsent);
    }

    public KafkaBusConfig withPartitions(int n) {
        return new KafkaBusConfig(bootstrap, n, topicPrefix, groupPrefix, sessionTimeout, member, deliveryTimeout, maxUnsent);
    }

    /** The producer's delivery timeout and bound on unsent events (see the record's parameters). */
    public KafkaBusConfig withDelivery(Duration timeout, int unsent) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, member, timeout, unsent);
    }
}
