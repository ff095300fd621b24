package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription of a {@link KafkaBus} whose handler keeps state per partition
 * ({@link PartitionHandler}): a consumer in the group {@code groupPrefix + group + "." + topic} on its own
 * thread. When the group gives it a partition, it first reads that partition from its start up to the
 * group's committed offset (with a consumer of its own, outside the group) and hands those records to
 * {@link PartitionHandler#replay}, so the state the previous owner had at its last commit is rebuilt;
 * then it hands on the records from the committed offset. Before each commit it waits until everything
 * the handler published is on the cluster ({@code beforeCommit}), so a committed record's outputs are
 * never lost with a worker; a worker that dies between sending and committing has its last records
 * handled again by the next owner, which sends the same outputs again (a handler that is deterministic
 * per partition gives equal duplicates, which consumers drop by id). Records that do not decode are
 * counted as failures and skipped. The rebuild reads the whole partition: cost grows with the topic.
 * Thread-safe: the consumers are touched by the subscription's thread only.
 */
final class PartitionedSubscription<E extends DomainEvent> implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSubscription.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaBusConfig config;
    private final Topic<E> topic;
    private final String kafkaTopic;
    private final String group;
    private final PartitionHandler<E> handler;
    private final Runnable beforeCommit;
    private final Runnable onClose;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean assigned;
    private volatile boolean stopped;

    PartitionedSubscription(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group,
                            PartitionHandler<E> handler, Runnable beforeCommit, Runnable onClose) {
        this.config = config;
        this.topic = topic;
        this.kafkaTopic = kafkaTopic;
        this.group = group;
        this.handler = handler;
        this.beforeCommit = beforeCommit;
        this.onClose = onClose;
        this.consumer = new KafkaConsumer<>(KafkaSubscription.consumerProperties(config, group, topic),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("kafka-" + group + "-" + topic.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean caughtUp(Map<TopicPartition, Long> ends) {
        if (!assigned && !stopped) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            if (e.getValue() < ends.getOrDefault(e.getKey(), 0L)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Collection<TopicPartition> partitions() {
        return List.copyOf(next.keySet());
    }

    /** Records read again to rebuild the state of partitions taken over. */
    long replayed() {
        return replayed.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(kafkaTopic), new Rebalance());
            while (!stopped) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> r : records) {
                    E e = decode(r);
                    if (e != null) {
                        try {
                            handler.accept(r.partition(), e);
                        } catch (RuntimeException ex) {
                            failures.incrementAndGet();
                            LOG.warn("handler {} on {} failed: {}", group, kafkaTopic, ex.toString());
                        }
                    }
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    toCommit.put(tp, new OffsetAndMetadata(r.offset() + 1));
                    next.put(tp, r.offset() + 1);
                }
                commit(false);
            }
        } catch (WakeupException e) {
            // close() asked the poll to stop
        } catch (KafkaException e) {
            LOG.error("Kafka subscription {} on {} stopped: {}", group, kafkaTopic, e.toString());
        } finally {
            try {
                commit(true);
            } catch (KafkaException e) {
                LOG.warn("Kafka subscription {} on {}: last commit failed: {}", group, kafkaTopic, e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
            for (TopicPartition tp : List.copyOf(next.keySet())) {
                handler.revoked(tp.partition());
            }
            next.clear();
        }
    }

    private E decode(ConsumerRecord<String, byte[]> r) {
        try {
            return EventRecords.event(topic, r);
        } catch (IllegalArgumentException ex) {
            failures.incrementAndGet();
            LOG.warn("{} on {}: skipped {}", group, kafkaTopic, ex.getMessage());
            return null;
        }
    }

    /** Outputs first, then offsets: what a commit covers has been sent. */
    private void commit(boolean sync) {
        if (toCommit.isEmpty()) {
            return;
        }
        beforeCommit.run();
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(toCommit);
        toCommit.clear();
        if (sync) {
            consumer.commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    LOG.debug("commit of {} on {} failed (the next one covers it): {}", group, kafkaTopic, e.toString());
                }
            });
        }
    }

    /** Reads {@code tp} from its start up to {@code end} (exclusive) into the handler's replay. */
    private void rebuild(TopicPartition tp, long end) {
        if (end <= 0) {
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "." + topic.name() + ".rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(POLL).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    E e = decode(r);
                    if (e != null) {
                        handler.replay(tp.partition(), e);
                        replayed.incrementAndGet();
                    }
                }
            }
        }
        LOG.info("{} on {}: partition {} rebuilt from offsets 0 to {}", group, kafkaTopic, tp.partition(), end);
    }

    /**
     * Commits before giving partitions up; rebuilds the state of partitions taken. A partition given up
     * and given back at once (the group's eager rebalance takes every partition back before it deals
     * them out again) keeps its state when nobody committed past this worker meanwhile.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Map<TopicPartition, Long> parked = new HashMap<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(true);
            for (TopicPartition tp : partitions) {
                Long at = next.remove(tp);
                if (at != null) {
                    parked.put(tp, at);
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            toCommit.keySet().removeAll(partitions);
            for (TopicPartition tp : partitions) {
                if (next.remove(tp) != null) {
                    handler.revoked(tp.partition());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> taken = new ArrayList<>(partitions);
            taken.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            for (TopicPartition tp : taken) {
                long from = consumer.position(tp);
                Long had = parked.remove(tp);
                if (had == null || had != from) {
                    if (had != null) {
                        handler.revoked(tp.partition());
                    }
                    handler.assigned(tp.partition());
                    rebuild(tp, from);
                }
                next.put(tp, from);
            }
            parked.keySet().forEach(tp -> handler.revoked(tp.partition()));
            parked.clear();
            assigned = true;
        }
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public int queueDepth() {
        return 0;
    }

    @Override
    public long superseded() {
        return 0;
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.run();
    }
}
