package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
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
 * What every subscription of a {@link KafkaBus} shares: a consumer in the group
 * {@code groupPrefix + group + "." + topic} on a thread of its own, polling, handing the records to
 * the subclass and committing what was handled as {@link CommitPacing} says (and before a rebalance takes
 * partitions, and once more when it stops); the
 * partitions held with the offset of the next record to handle; failures counted. Subclasses say how
 * records are handled and what a rebalance does. Thread-safe: the consumer is touched by its own thread
 * only.
 */
abstract class GroupConsumer<E extends DomainEvent> implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(GroupConsumer.class);
    static final Duration POLL = Duration.ofMillis(100);

    final Topic<E> topic;
    final String kafkaTopic;
    final String group;
    final KafkaConsumer<String, byte[]> consumer;
    /** Per assigned partition, the offset of the next record to handle. */
    final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    /** Handled since the last commit; touched by the consumer's thread only. */
    final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final CommitPacing pacing;
    /** Per assigned partition, records not yet handled as of the last fetch; written by the consumer's thread. */
    private volatile Map<TopicPartition, Long> lag = Map.of();
    private final String kafkaGroup;
    private final Runnable onClose;
    private final Thread thread;
    volatile boolean assigned;
    private volatile boolean stopped;

    GroupConsumer(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group, Runnable onClose) {
        this.topic = topic;
        this.kafkaTopic = kafkaTopic;
        this.group = group;
        this.onClose = onClose;
        this.pacing = new CommitPacing(config.batching().commitInterval(), config.batching().commitRecords());
        this.kafkaGroup = config.groupPrefix() + group + "." + topic.name();
        this.consumer = new KafkaConsumer<>(KafkaSubscription.consumerProperties(config, group, topic),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("kafka-" + group + "-" + topic.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The records of one poll. */
    abstract void handle(ConsumerRecords<String, byte[]> records);

    /** What the group's rebalances do to what this subscription holds. */
    abstract ConsumerRebalanceListener rebalance();

    /** How long the next poll may wait for records: {@link #POLL} unless records already fetched wait to be handed on. */
    Duration pollTimeout() {
        return POLL;
    }

    /** Runs before each commit (e.g. sends what the handler published). */
    void beforeCommit() {
    }

    /** Runs on the consumer's thread once it has stopped and left its group. */
    void stopped() {
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

    private void run() {
        try {
            consumer.subscribe(List.of(kafkaTopic), rebalance());
            while (!stopped) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                    handle(records);
                    if (pacing.due(records.count(), records.isEmpty() && queueDepth() == 0)) {
                        commit(false);
                    }
                    measureLag();
                } catch (WakeupException e) {
                    throw e;
                } catch (org.apache.kafka.common.errors.RetriableException
                         | org.apache.kafka.clients.consumer.CommitFailedException
                         | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                    // The cluster away or the group moving (a broker restart): what was not committed is
                    // handled again by whoever holds the partition next; the consumer goes on.
                    LOG.warn("Kafka subscription {} on {}: {}; going on", group, kafkaTopic, e.toString());
                    Thread.sleep(POLL.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            stopped();
        }
    }

    /** Whether {@code tp} is read to its end as of the last fetch (not paused, nothing more on it). */
    boolean readToEnd(TopicPartition tp) {
        if (consumer.paused().contains(tp)) {
            return false;
        }
        java.util.OptionalLong lag = consumer.currentLag(tp);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /** Notes each held partition's lag: its end as of the last fetch less the next offset to handle. */
    private void measureLag() {
        lag = PartitionLag.of(consumer, next);
    }

    @Override
    public Map<TopicPartition, Long> lag() {
        return lag;
    }

    @Override
    public String kafkaGroup() {
        return kafkaGroup;
    }

    /** The event a record carries, or null (counted as a failure, logged) when it is not one. */
    E decode(ConsumerRecord<String, byte[]> r) {
        try {
            return EventRecords.event(topic, r);
        } catch (IllegalArgumentException ex) {
            failed(ex);
            return null;
        }
    }

    /** Counts and logs a record that could not be handled. */
    void failed(RuntimeException e) {
        failures.incrementAndGet();
        LOG.warn("handler {} on {} failed: {}", group, kafkaTopic, e.toString());
    }

    /** Notes that {@code r} is handled: its offset is committed next. */
    void handled(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        toCommit.put(tp, new OffsetAndMetadata(r.offset() + 1));
        next.put(tp, r.offset() + 1);
    }

    /** Commits what was handled since the last commit; on the consumer's thread. */
    void commit(boolean sync) {
        if (toCommit.isEmpty()) {
            return;
        }
        beforeCommit();
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

    @Override
    public String group() {
        return group;
    }

    /** Nothing is superseded on Kafka: every record stays in the topic. */
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
