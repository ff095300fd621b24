package kz.shekara.server.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
    Rebalance rebalance() {
        return new Forgetting();
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
        hand(r, decode(r), handler);
    }

    /** Keeps what is held in step with the group: drops the buffers of partitions given up. */
    private final class Forgetting extends Rebalance {
        @Override
        void revoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        void lost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        void taken(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                next.put(tp, consumer.position(tp));
            }
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
