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
 * @param batching how records are grouped on their way to and from the cluster, and how often offsets are committed
 */
public record KafkaBusConfig(String bootstrap, int partitions, String topicPrefix, String groupPrefix,
                             Duration sessionTimeout, String member, Duration deliveryTimeout, int maxUnsent,
                             Batching batching) {
    /**
     * How records travel in groups: their fixed costs (a produce request, an offset commit, a fetch) are paid
     * per group, not per record.
     *
     * @param commitInterval a consumer commits its handled offsets (after flushing the producer) at most this
     *                       long after its last commit while records keep coming, and at once when a poll
     *                       comes back empty; a worker lost re-sends up to this much of its outputs
     * @param commitRecords ... or once it has handled this many records since its last commit
     * @param linger how long the producer waits to fill a batch before sending it (added to each hop's latency
     *               when the stream is thin)
     * @param batchBytes the producer's batch size per partition, bytes
     * @param pollRecords the most records a consumer's poll returns
     */
    public record Batching(Duration commitInterval, int commitRecords, Duration linger, int batchBytes, int pollRecords) {
        public Batching {
            Objects.requireNonNull(commitInterval, "commitInterval");
            Objects.requireNonNull(linger, "linger");
            if (commitInterval.isNegative() || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("Kafka commitInterval must be PT0S to PT1M, got " + commitInterval);
            }
            if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("Kafka linger must be PT0S to PT1S, got " + linger);
            }
            if (commitRecords < 1 || pollRecords < 1) {
                throw new IllegalArgumentException("Kafka commitRecords and pollRecords must be >= 1, got "
                        + commitRecords + " and " + pollRecords);
            }
            if (batchBytes < 1024 || batchBytes > 16 << 20) {
                throw new IllegalArgumentException("Kafka batchBytes must be 1 KiB to 16 MiB, got " + batchBytes);
            }
        }

        /** Commits at most once a second or every 10,000 records, 5 ms linger, 256 KiB batches, polls of 2,000. */
        public static Batching defaults() {
            return new Batching(Duration.ofSeconds(1), 10_000, Duration.ofMillis(5), 256 << 10, 2_000);
        }
    }

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
        Objects.requireNonNull(batching, "batching");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    /**
     * The cluster at {@code bootstrap}: 12 partitions, no topic prefix, groups {@code shekara.*}, 10 s
     * sessions, events retried for an hour, at most 10,000 unsent, {@link Batching#defaults()}.
     */
    public static KafkaBusConfig of(String bootstrap) {
        return new KafkaBusConfig(bootstrap, 12, "", "shekara.", Duration.ofSeconds(10), "", Duration.ofHours(1),
                10_000, Batching.defaults());
    }

    public KafkaBusConfig withTopicPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, prefix, groupPrefix, sessionTimeout, member, deliveryTimeout, maxUnsent, batching);
    }

    public KafkaBusConfig withGroupPrefix(String prefix) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, prefix, sessionTimeout, member, deliveryTimeout, maxUnsent, batching);
    }

    public KafkaBusConfig withMember(String name) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, name, deliveryTimeout, maxUnsent, batching);
    }

    public KafkaBusConfig withPartitions(int n) {
        return new KafkaBusConfig(bootstrap, n, topicPrefix, groupPrefix, sessionTimeout, member, deliveryTimeout, maxUnsent, batching);
    }

    /** The producer's delivery timeout and bound on unsent events (see the record's parameters). */
    public KafkaBusConfig withDelivery(Duration timeout, int unsent) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, member, timeout, unsent, batching);
    }

    /** Records grouped as {@code b} says (see {@link Batching}). */
    public KafkaBusConfig withBatching(Batching b) {
        return new KafkaBusConfig(bootstrap, partitions, topicPrefix, groupPrefix, sessionTimeout, member, deliveryTimeout,
                maxUnsent, b);
    }
}
