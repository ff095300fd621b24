package kz.shekara.server.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Shekara's topics on Kafka: one Kafka topic per {@link Topic} (the same name, after an optional
 * prefix that keeps several deployments or tests apart on one cluster), created with a fixed number of
 * partitions (the most workers of one role that can share it). Stateless.
 */
public final class KafkaTopics {
    /** Bytes a partition keeps before its oldest segments go (1 GiB). */
    static final long RETENTION_BYTES = 1L << 30;
    /** How long a topic just created may be without a leader for each partition. */
    static final java.time.Duration LEADER_WAIT = java.time.Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** Every topic declared on {@link Topic}, in declaration order. */
    public static List<Topic<?>> all() {
        List<Topic<?>> topics = new ArrayList<>();
        for (Field f : Topic.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == Topic.class) {
                try {
                    topics.add((Topic<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(topics);
    }

    /** Creates every topic (no prefix) on the cluster at {@code bootstrap}; those that exist are left as they are. */
    public static void create(String bootstrap, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ensure(admin, all().stream().map(Topic::name).toList(), partitions);
        }
    }

    /** Whether a broker of the cluster at {@code bootstrap} answers within {@code within}. */
    public static boolean reachable(String bootstrap, java.time.Duration within) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return reachable(admin, within);
        }
    }

    /** Whether a broker answers {@code admin} within {@code within}. */
    static boolean reachable(Admin admin, java.time.Duration within) {
        try {
            return !admin.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions()
                    .timeoutMs((int) Math.min(Integer.MAX_VALUE, within.toMillis()))).nodes().get().isEmpty();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The partitions topic {@code name} has on the cluster at {@code bootstrap}, made with {@code partitions}
     * partitions first if it does not exist yet. A worker deals sectors over this count, the one the producers
     * key by, whatever count it was told.
     */
    public static int partitionsOf(String bootstrap, String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ensure(admin, List.of(name), partitions);
            return admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe Kafka topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing Kafka topic " + name, e);
        }
    }

    /**
     * Creates the named topics that do not exist yet, with {@code partitions} partitions and the
     * cluster's default replication; waits until the controller has them.
     */
    static void ensure(Admin admin, Collection<String> names, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        // Records carry event time as their timestamp: a recording or exercise stamped days ago must not be
        // deleted by time-based retention the moment it is written (the event store keeps history; a
        // topic is trimmed by size).
        List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())
                .configs(java.util.Map.of("retention.ms", "-1", "retention.bytes", Long.toString(RETENTION_BYTES))))
                .toList();
        for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(topics).values().entrySet()) {
            try {
                e.getValue().get();
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + e.getKey() + ": "
                            + ex.getCause().getMessage(), ex.getCause());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating Kafka topic " + e.getKey(), ex);
            }
        }
        awaitLeaders(admin, names);
    }

    /**
     * Waits (up to {@link #LEADER_WAIT}) until every partition of the topics answers as a leader (a
     * query of its end offset succeeds): the metadata may name a leader before that broker acts as one,
     * and an idempotent producer whose first batch to a new partition is refused so ("not leader") while
     * its next is taken has a gap in its sequence it never fills (the first batch is then refused as out
     * of sequence until the producer gives up on it).
     */
    private static void awaitLeaders(Admin admin, Collection<String> names) {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                for (TopicDescription t : admin.describeTopics(names).allTopicNames().get().values()) {
                    t.partitions().forEach(p -> ends.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest()));
                }
                admin.listOffsets(ends).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka topics " + names + " not ready after " + LEADER_WAIT + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka topics " + names, e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka topics " + names, e);
            }
        }
    }
}
