package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every subscription of a {@link KafkaBus} shares: a consumer in the group {@code groupPrefix + name}
 * over its topics on a thread of its own, polling and handing each poll's records to the subclass,
 * committing what was handled as {@link CommitPacing} says (and before a rebalance takes partitions, and
 * once more when it stops), riding out the cluster's absences (logged, the loop goes on); the partitions
 * held with the offset of the next record to handle, their lag measured after each poll (from the
 * consumer's last fetch: {@link PartitionLag}); failures counted; {@link #close} wakes the poll and waits
 * for the thread's last commit. Subclasses say how records are handled and what a rebalance does to what
 * they hold ({@link Rebalance}). Thread-safe: the consumer is touched by its own thread only.
 */
abstract class ConsumerLoop implements GroupMember {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    static final Duration POLL = Duration.ofMillis(100);
    /** How long a closing subscription waits for its thread's last commit. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    final String group;
    final KafkaConsumer<String, byte[]> consumer;
    /** Per assigned partition, the offset of the next record to handle. */
    final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    /** Handled since the last commit; touched by the consumer's thread only. */
    final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private final List<String> kafkaTopics;
    private final String kafkaGroup;
    private final CommitPacing pacing;
    private final AtomicLong failures = new AtomicLong();
    private final Runnable onClose;
    private final Thread thread;
    /** Per assigned partition, records not yet handled as of the last fetch; written by the consumer's thread. */
    private volatile Map<TopicPartition, Long> lag = Map.of();
    private volatile boolean assigned;
    private volatile boolean stopped;

    /**
     * @param group the subscriber's group (as the bus's caller names it)
     * @param name the consumer group's name after the prefix, and the client id's after the member's name
     * @param kafkaTopics the Kafka topics subscribed
     * @param maxPollRecords records a poll gives at most
     */
    ConsumerLoop(KafkaBusConfig config, String group, String name, List<String> kafkaTopics, int maxPollRecords,
                 Runnable onClose) {
        this.group = group;
        this.kafkaTopics = List.copyOf(kafkaTopics);
        this.onClose = onClose;
        this.kafkaGroup = config.groupPrefix() + name;
        this.pacing = new CommitPacing(config.batching().commitInterval(), config.batching().commitRecords());
        this.consumer = new KafkaConsumer<>(properties(config, name, maxPollRecords), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("kafka-" + name.replace('.', '-')).unstarted(this::run);
    }

    /** A group member's settings: group {@code groupPrefix + name}, manual commits, from the start when new. */
    private static Properties properties(KafkaBusConfig config, String name, int maxPollRecords) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupPrefix() + name);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, (config.member().isEmpty() ? "" : config.member() + ".") + name);
        // Range over members sorted by client id: a worker holds the same partition numbers of every topic.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        // A new group reads the topic from its start: nothing published before it joined is missed.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(config.sessionTimeout().toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, config.sessionTimeout().toMillis() / 4)));
        return p;
    }

    void start() {
        thread.start();
    }

    /** The records of one poll (on the consumer's thread). */
    abstract void handle(ConsumerRecords<String, byte[]> records);

    /** What the group's rebalances do to what this subscription holds. */
    abstract Rebalance rebalance();

    /**
     * After each poll's records are handled: commits when {@link CommitPacing} says so (caught up: the poll
     * gave nothing and nothing fetched waits to be handed on).
     */
    void afterPoll(int polled) {
        if (pacing.due(polled, polled == 0 && queueDepth() == 0)) {
            commit(false);
        }
    }

    /** How long the next poll may wait for records: {@link #POLL} unless records already fetched wait to be handed on. */
    Duration pollTimeout() {
        return POLL;
    }

    /** Whether {@code tp} is read to its end as of the last fetch (not paused, nothing more on it). */
    boolean readToEnd(TopicPartition tp) {
        if (consumer.paused().contains(tp)) {
            return false;
        }
        OptionalLong lag = consumer.currentLag(tp);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /** Records fetched of {@code partitions} and not handed on are dropped (they leave this member); none by default. */
    void dropFetched(Collection<TopicPartition> partitions) {
    }

    /** Runs before each commit (e.g. sends what the handler published). */
    void beforeCommit() {
    }

    /** The last work before the consumer leaves its group (on its thread): by default, the last commit. */
    void finish() {
        commit(true);
    }

    /** Runs on the consumer's thread once it has stopped and left its group. */
    void stopped() {
    }

    private void run() {
        try {
            consumer.subscribe(kafkaTopics, rebalance());
            while (!stopped) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                    handle(records);
                    afterPoll(records.count());
                    lag = PartitionLag.of(consumer, next);
                } catch (RetriableException | CommitFailedException | RebalanceInProgressException e) {
                    // The cluster away or the group moving (a broker restart): what was not committed is
                    // handled again by whoever holds the partition next; the consumer goes on.
                    LOG.warn("Kafka subscription {} on {}: {}; going on", group, kafkaTopics, e.toString());
                    Thread.sleep(POLL.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            // close() asked the poll to stop
        } catch (KafkaException e) {
            LOG.error("Kafka subscription {} on {} stopped: {}", group, kafkaTopics, e.toString());
        } finally {
            try {
                finish();
            } catch (KafkaException e) {
                LOG.warn("Kafka subscription {} on {}: last commit failed: {}", group, kafkaTopics, e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
            stopped();
        }
    }

    /** Counts and logs a record that could not be handled. */
    void failed(RuntimeException e) {
        failures.incrementAndGet();
        LOG.warn("handler {} on {} failed: {}", group, kafkaTopics, e.toString());
    }

    /**
     * Hands the event of {@code r} to {@code handler} (none when {@code event} is null: the record was no
     * event, counted as it was decoded), counting a handler's failure; either way, {@code r} is handled.
     */
    <E> void hand(ConsumerRecord<String, byte[]> r, E event, Consumer<? super E> handler) {
        if (event != null) {
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        handled(r);
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
                    LOG.debug("commit of {} on {} failed (the next one covers it): {}", group, kafkaTopics, e.toString());
                }
            });
        }
    }

    /**
     * A subscription's rebalance listener: commits what was handled before partitions are revoked, drops
     * the offsets of partitions lost (another member has them already), and notes the first assignment
     * (until then the subscription is not caught up). Subclasses say what each does to what they hold.
     */
    abstract class Rebalance implements ConsumerRebalanceListener {
        /** The partitions are to leave this member; what was handled of them is committed. */
        abstract void revoked(Collection<TopicPartition> partitions);

        /** The partitions have left this member without a commit. */
        abstract void lost(Collection<TopicPartition> partitions);

        /** The partitions are this member's now; {@code consumer.position} is where it reads them from. */
        abstract void taken(Collection<TopicPartition> partitions);

        @Override
        public final void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(true);
            dropFetched(partitions);
            revoked(partitions);
        }

        @Override
        public final void onPartitionsLost(Collection<TopicPartition> partitions) {
            toCommit.keySet().removeAll(partitions);
            dropFetched(partitions);
            lost(partitions);
        }

        @Override
        public final void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            taken(partitions);
            assigned = true;
        }
    }

    /**
     * A rebalance listener of a subscription that keeps state per partition: a partition revoked is parked
     * with its next offset, since the group's eager rebalance may give it back at once, its state kept if
     * nobody committed past it meanwhile ({@link #taken} compares and clears {@link #parked}).
     */
    abstract class Parking extends Rebalance {
        /** The partitions revoked in this rebalance with the offset of the next record each had to handle. */
        final Map<TopicPartition, Long> parked = new HashMap<>();

        @Override
        final void revoked(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                Long at = next.remove(tp);
                if (at != null) {
                    parked.put(tp, at);
                }
            }
        }
    }

    @Override
    public boolean caughtUp(Map<TopicPartition, Long> ends) {
        return (assigned || stopped) && next.entrySet().stream()
                .allMatch(e -> e.getValue() >= ends.getOrDefault(e.getKey(), 0L));
    }

    @Override
    public Collection<TopicPartition> partitions() {
        return List.copyOf(next.keySet());
    }

    @Override
    public Map<TopicPartition, Long> lag() {
        return lag;
    }

    @Override
    public String kafkaGroup() {
        return kafkaGroup;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public long failures() {
        return failures.get();
    }

    /** Wakes the consumer's poll and, unless called from its thread, waits for the thread's last commit. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.run();
    }
}
