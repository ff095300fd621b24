package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 *
 * <p>In order, records fetched are handed on earliest first (by record time, which is event time) across
 * the partitions held, once every partition has a record fetched or has been read to its end (as an in-order
 * subscription merges them), so that one partition's backlog does not run ahead of the others'. A record
 * the handler is not {@linkplain PartitionHandler#ready ready} for holds its partition back while the
 * others go on; when nothing can be handed on, the handler is told ({@link PartitionHandler#stalled}) and
 * may wait a little before the next poll. A producer's watermark ({@link EventRecords#watermark}) is handed
 * on in its place among the partition's records ({@link PartitionHandler#reached}), held back alike; live
 * producers' watermarks are handed on as their least ({@link ProducerWatermarks}, a producer trailing by 30 s left
 * out). A partition with more than 5,000 records fetched is paused.
 * Thread-safe: the consumers are touched by the subscription's thread only.
 */
final class PartitionedSubscription<E extends DomainEvent> extends GroupConsumer<E> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedSubscription.class);

    private static final int FETCHED_PER_PARTITION = 5_000;
    /** The longest a stalled subscription waits for its handler before it polls again. */
    private static final Duration STALLED = Duration.ofMillis(20);
    /** How far a live producer's watermark may trail a partition's most advanced before it no longer holds it back. */
    static final Duration PRODUCER_GONE = Duration.ofSeconds(30);

    private final KafkaBusConfig config;
    private final PartitionHandler<E> handler;
    private final boolean inOrder;
    private final Runnable beforeCommit;
    /** Per partition held, records fetched and not yet handed on, decoded (null: not a Shekara event). */
    private final Map<TopicPartition, ArrayDeque<Fetched<E>>> fetched = new TreeMap<>(
            java.util.Comparator.comparingInt(TopicPartition::partition));
    private final AtomicInteger queued = new AtomicInteger();
    private final ProducerWatermarks producers = new ProducerWatermarks(PRODUCER_GONE);
    private boolean held;

    /** A record fetched: its event (null: none, or not a Shekara event), or the time of a producer's watermark. */
    private record Fetched<E>(ConsumerRecord<String, byte[]> record, E event, java.time.Instant watermark) {
        /** A live producer's watermark is the partition's least over its producers ({@link ProducerWatermarks}): null when that did not move. */
        static <E> Fetched<E> of(ConsumerRecord<String, byte[]> r, java.util.function.Function<ConsumerRecord<String, byte[]>, E> decode,
                                 java.util.function.Consumer<RuntimeException> failed, ProducerWatermarks producers) {
            try {
                java.time.Instant w = EventRecords.watermarkOf(r);
                String producer = w == null ? null : EventRecords.producerOf(r);
                if (producer != null) {
                    return new Fetched<>(r, null, producers.take(r.partition(), producer, w));
                }
                return new Fetched<>(r, w == null ? decode.apply(r) : null, w);
            } catch (IllegalArgumentException e) {
                failed.accept(e);
                return new Fetched<>(r, null, null);
            }
        }
    }

    PartitionedSubscription(KafkaBusConfig config, Topic<E> topic, String kafkaTopic, String group,
                            PartitionHandler<E> handler, boolean inOrder, Runnable beforeCommit, Runnable onClose) {
        super(config, topic, kafkaTopic, group, onClose);
        this.config = config;
        this.handler = handler;
        this.inOrder = inOrder;
        this.beforeCommit = beforeCommit;
    }


    @Override
    void handle(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            ArrayDeque<Fetched<E>> q = fetched.computeIfAbsent(tp, k -> new ArrayDeque<>());
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                q.add(Fetched.of(r, this::decode, this::failed, producers));
            }
            queued.addAndGet(records.records(tp).size());
            if (q.size() >= FETCHED_PER_PARTITION) {
                consumer.pause(List.of(tp));
            }
        }
        held = release(records.isEmpty());
        try {
            if (held) {
                handler.stalled(STALLED);
                held = release(records.isEmpty());
            } else if (records.isEmpty()) {
                handler.stalled(Duration.ZERO);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No wait in the poll while the handler holds records back: it waited in {@link PartitionHandler#stalled}. */
    @Override
    Duration pollTimeout() {
        return held ? Duration.ZERO : POLL;
    }

    /**
     * Hands on the records fetched, earliest first, in order while every partition held has one fetched or is
     * read to its end ({@code idle}: the last poll brought nothing, so what is fetched is all there is); a
     * partition whose next record the handler is not ready for is passed over. Returns whether records are
     * held back by the handler.
     */
    private boolean release(boolean idle) {
        Set<TopicPartition> notReady = new HashSet<>();
        while (true) {
            TopicPartition earliest = null;
            long earliestTime = Long.MAX_VALUE;
            for (TopicPartition tp : consumer.assignment()) {
                ArrayDeque<Fetched<E>> q = fetched.get(tp);
                if (q == null || q.isEmpty()) {
                    if (inOrder && !idle && !readToEnd(tp)) {
                        return !notReady.isEmpty();
                    }
                } else if (!notReady.contains(tp) && q.peekFirst().record().timestamp() < earliestTime) {
                    earliest = tp;
                    earliestTime = q.peekFirst().record().timestamp();
                }
            }
            if (earliest == null) {
                return !notReady.isEmpty();
            }
            ArrayDeque<Fetched<E>> q = fetched.get(earliest);
            Fetched<E> f = q.peekFirst();
            if (f.watermark() != null ? !handler.reached(earliest.partition(), f.watermark())
                    : f.event() != null && !handler.ready(earliest.partition(), f.event())) {
                notReady.add(earliest);
                continue;
            }
            q.pollFirst();
            queued.decrementAndGet();
            int partition = earliest.partition();
            hand(f.record(), f.event(), e -> handler.accept(partition, e));
            if (q.size() == FETCHED_PER_PARTITION / 2 && consumer.paused().contains(earliest)) {
                consumer.resume(List.of(earliest));
            }
        }
    }

    /** Records fetched and not handed on of the partitions given up go: their next owner reads them again. */
    @Override
    void dropFetched(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ArrayDeque<Fetched<E>> q = fetched.remove(tp);
            if (q != null) {
                queued.addAndGet(-q.size());
            }
        }
    }

    /** Outputs first, then offsets: what a commit covers has been sent. */
    @Override
    void beforeCommit() {
        beforeCommit.run();
    }

    @Override
    void stopped() {
        for (TopicPartition tp : List.copyOf(next.keySet())) {
            handler.revoked(tp.partition());
        }
        next.clear();
        dropFetched(List.copyOf(fetched.keySet()));
    }

    @Override
    Rebalance rebalance() {
        return new Rebuilding();
    }

    /** Reads {@code tp} from its start up to {@code end} (exclusive) into the handler's replay. */
    private void rebuild(TopicPartition tp, long end) {
        if (end <= 0) {
            return;
        }
        try (KafkaConsumer<String, byte[]> reader = PartitionReadBack.reader(config, group + "." + topic.name())) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(POLL).records(tp)) {
                    if (r.offset() >= end) {
                        break;
                    }
                    Fetched<E> f = Fetched.of(r, this::decode, this::failed, producers);
                    if (f.watermark() != null) {
                        handler.replayReached(tp.partition(), f.watermark());
                    } else if (f.event() != null) {
                        handler.replay(tp.partition(), f.event());
                    }
                }
            }
        }
        LOG.info("{} on {}: partition {} rebuilt from offsets 0 to {}", group, tp.topic(), tp.partition(), end);
    }

    /**
     * Commits before giving partitions up; rebuilds the state of partitions taken. A partition given up
     * and given back at once (the group's eager rebalance takes every partition back before it deals
     * them out again) keeps its state when nobody committed past this worker meanwhile.
     */
    private final class Rebuilding extends Parking {
        @Override
        void lost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                if (next.remove(tp) != null) {
                    handler.revoked(tp.partition());
                }
            }
        }

        @Override
        void taken(Collection<TopicPartition> partitions) {
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
                    producers.forget(tp.partition());
                    rebuild(tp, from);
                    handler.rebuilt(tp.partition());
                }
                next.put(tp, from);
            }
            parked.keySet().forEach(tp -> handler.revoked(tp.partition()));
            parked.clear();
        }
    }

    /** Records fetched and not yet handed on. */
    @Override
    public int queueDepth() {
        return queued.get();
    }
}
