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
 */
public record KafkaBusConfig(String bootstrap, int partitions, String topicPrefix, String groupPrefix,
                             Duration sessionTimeout, String member) {
    public KafkaBusConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(groupPrefix, "groupPrefix");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(member, "member");
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap address is empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    /** The cluster at {@code bootstrap}: 12 partitions, no topic prefix, groups {@code shekara.*}, 10 s sessions. */
    public static KafkaBusConfig of(String bootstrap) {
        return new KafkaBusConfig(bootstrap, 12, "", "shekara.", Duration.ofSeconds(10), "");
    }

    public KafkaBusConfig withTopicPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, prefix, groupPrefix, sessionTimeout, member);
    }

    public KafkaBusConfig withGroupPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, prefix, sessionTimeout, member);
    }

    public KafkaBusConfig withMember(String name) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, name);
    }

    public KafkaBusConfig withPartitions(int n) {
        return new KafkaBusConfig(bootstrap, n, topicPrefix, groupPrefix, sessionTimeout, member);
    }
}
