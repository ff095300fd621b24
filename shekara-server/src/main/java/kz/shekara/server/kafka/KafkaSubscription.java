package kz.shekara.server.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;

/**
 * One subscription of a {@link KafkaBus}: a consumer in the group {@code groupPrefix + group + "." +
 * topic} on its own thread ({@link GroupConsumer}), handling records as they come (per partition, that
 * is per sector, in order) and committing what it handled after each poll (at least once: a worker that
 * dies before its commit has its last records handled again by the one that takes its partitions). In
 * order ({@link Bus#subscribeInOrder}), it merges its partitions by event time: a record is handed on
 * only when every assigned partition has a later one buffered or nothing more to read, so one sector's
 * backlog cannot run ahead of another's. Records that do not decode are counted as failures and skipped.
 * Thread-safe: the consumer is touched by its own thread only.
 */
final class KafkaSubscription<E extends DomainEvent> extends GroupConsumer<E> {
    private static final int BUFFERED_PER_PARTITION = 5_000;

    private final Consumer<? super E> handler;
    private final boolean inOrder;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers = new HashMap<>();
    private final AtomicInteger queued = new AtomicInteger();

    KafkaSubscription(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group,
                      Consumer<? super E> handler, boolean inOrder, Runnable onClose) {
        super(config, topic, kafkaTopic, group, onClose);
        this.handler = handler;
        this.inOrder = inOrder;
    }

    /** A group member's settings: group {@code groupPrefix + group + "." + topic}, manual commits, from the start when new. */
    static Properties consumerProperties(KafkaBusConfig config, String group, Topic<?> topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupPrefix() + group + "." + topic.name());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, (config.member().isEmpty() ? "" : config.member() + ".") + group + "."
                + topic.name());
        // Range over members sorted by client id: a worker holds the same partition numbers of every topic.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        // A new group reads the topic from its start: nothing published before it joined is missed.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.batching().pollRecords()));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(config.sessionTimeout().toMillis()));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, config.sessionTimeout().toMillis() / 4)));
        return p;
    }

    @Override
    void handle(ConsumerRecords<String, byte[]> records) {
        if (inOrder) {
            buffer(records);
            release(records.isEmpty());
        } else {
            for (ConsumerRecord<String, byte[]> r : records) {
                deliver(r);
            }
        }
    }

    @Override
    ConsumerRebalanceListener rebalance() {
        return new Rebalance();
    }

    private void buffer(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            ArrayDeque<ConsumerRecord<String, byte[]>> b = buffers.computeIfAbsent(tp, k -> new ArrayDeque<>());
            List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
            b.addAll(rs);
            queued.addAndGet(rs.size());
            if (b.size() >= BUFFERED_PER_PARTITION) {
                consumer.pause(List.of(tp));
            }
        }
    }

    /**
     * Hands on buffered records in event-time order while every held partition has a record buffered
     * or is read to its end; when the last poll brought nothing, hands on all that is buffered.
     */
    private void release(boolean idle) {
        while (true) {
            TopicPartition earliest = null;
            long earliestTime = Long.MAX_VALUE;
            for (TopicPartition tp : consumer.assignment()) {
                ArrayDeque<ConsumerRecord<String, byte[]>> b = buffers.get(tp);
                if (b == null || b.isEmpty()) {
                    if (!idle && !readToEnd(tp)) {
                        return;
                    }
                    continue;
                }
                long t = b.peekFirst().timestamp();
                if (earliest == null || t < earliestTime || (t == earliestTime && tp.partition() < earliest.partition())) {
                    earliest = tp;
                    earliestTime = t;
                }
            }
            if (earliest == null) {
                return;
            }
            ArrayDeque<ConsumerRecord<String, byte[]>> b = buffers.get(earliest);
            deliver(b.pollFirst());
            queued.decrementAndGet();
            if (b.size() == BUFFERED_PER_PARTITION / 2 && consumer.paused().contains(earliest)) {
                consumer.resume(List.of(earliest));
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> r) {
        try {
            handler.accept(EventRecords.event(topic, r));
        } catch (RuntimeException e) {
            failed(e);
        }
        handled(r);
    }

    /** Keeps what is held in step with the group: commits before giving partitions up, drops their buffers. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(true);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            toCommit.keySet().removeAll(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                next.put(tp, consumer.position(tp));
            }
            assigned = true;
        }

        private void forget(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                next.remove(tp);
                ArrayDeque<ConsumerRecord<String, byte[]>> b = buffers.remove(tp);
                if (b != null) {
                    queued.addAndGet(-b.size());
                }
            }
        }
    }

    @Override
    public int queueDepth() {
        return queued.get();
    }
}
