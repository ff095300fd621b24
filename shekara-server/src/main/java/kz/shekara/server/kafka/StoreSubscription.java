package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.SourceOffset;
import kz.shekara.server.store.StoreUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as a consumer group: one consumer in the group {@code groupPrefix + "store"} over every
 * topic, writing each event into the {@link EventLog} under its topic's name and key, in batches (one
 * transaction of up to {@code maxBatch} events, by the log's bulk insert), each partition's events in offset
 * order. A batch is stored together with how far it takes each of its partitions
 * ({@link EventLog#appendConsumed}); offsets are committed to the group only once the batch is durable. A
 * partition taken (at start, in a rebalance, after a crash) is read from its stored position, and the log
 * skips whatever it already holds: every event is stored once. A record that is not a Shekara event is
 * counted as a failure and skipped. While the store refuses writes, the consumer pauses and retries the
 * batch every second (counted and logged once). Thread-safe: the consumer is touched by its own thread only.
 */
public final class StoreSubscription extends ConsumerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSubscription.class);
    static final String GROUP = "store";
    /** A batch waits at most this long for more records before it is written. */
    private static final long LINGER_NS = Duration.ofMillis(200).toNanos();
    private static final long RETRY_NS = Duration.ofSeconds(1).toNanos();

    private final EventLog log;
    private final Map<String, Topic<?>> topics;
    private final int maxBatch;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong storeRefusals = new AtomicLong();
    /** The batch being gathered; touched by the consumer's thread only. */
    private final List<LogEntry> entries = new ArrayList<>();
    private final List<SourceOffset> places = new ArrayList<>();
    private final Map<TopicPartition, Long> ends = new LinkedHashMap<>();
    private volatile int gathered;
    private long batchStarted;
    private long retryAt;
    private boolean refusing;

    /** @param topics the Kafka topic name of each of Shekara's topics */
    StoreSubscription(KafkaBusConfig config, EventLog log, Map<String, Topic<?>> topics, int maxBatch, Runnable onClose) {
        super(config, GROUP, GROUP, List.copyOf(topics.keySet()), Math.min(positive(maxBatch), 2_000), onClose);
        this.log = log;
        this.topics = Map.copyOf(topics);
        this.maxBatch = maxBatch;
    }

    private static int positive(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        return maxBatch;
    }

    /** Events stored by this consumer. */
    public long stored() {
        return stored.get();
    }

    /** Events handed to the log again that it already held (after a restart or a rebalance), not stored twice. */
    public long skipped() {
        return skipped.get();
    }

    /** Batches the store refused (it was down); each is retried until it is stored. */
    public long storeRefusals() {
        return storeRefusals.get();
    }

    /** Writes the batch once it is full or has waited long enough. */
    @Override
    void afterPoll(int polled) {
        if (!ends.isEmpty() && (places.size() >= maxBatch || System.nanoTime() - batchStarted >= LINGER_NS)) {
            flush();
        }
    }

    @Override
    void finish() {
        flush();
    }

    /** Adds a poll's records to the batch (those that are no event advance their partition only). */
    @Override
    void handle(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            if (ends.isEmpty()) {
                batchStarted = System.nanoTime();
            }
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            ends.put(tp, r.offset() + 1);
            Topic<?> topic = topics.get(r.topic());
            DomainEvent e;
            try {
                e = EventRecords.event(topic, r);
            } catch (IllegalArgumentException ex) {
                failed(ex);
                continue;
            }
            if (e == null) {
                continue; // a producer's watermark: no event to store
            }
            entries.add(LogEntry.encoded(topic.name(), r.key(), e, r.value())); // the record's value is the log's JSON
            places.add(new SourceOffset(r.topic(), r.partition(), r.offset()));
        }
        gathered = places.size();
    }

    /**
     * Stores the batch with its partitions' positions, then commits its offsets; while the store refuses,
     * pauses the partitions and leaves the batch to be retried (at most every second).
     */
    private void flush() {
        if (ends.isEmpty() || (refusing && System.nanoTime() < retryAt)) {
            return;
        }
        List<SourceOffset> to = new ArrayList<>(ends.size());
        ends.forEach((tp, at) -> to.add(new SourceOffset(tp.topic(), tp.partition(), at)));
        int n;
        try {
            n = log.appendConsumed(kafkaGroup(), entries, places, to);
        } catch (StoreUnavailableException e) {
            storeRefusals.incrementAndGet();
            if (!refusing) {
                LOG.error("event store consumer: the store refused a batch of {} events ({}); pausing the topics and "
                        + "retrying every second", entries.size(), e.getMessage());
                consumer.pause(consumer.assignment());
            }
            refusing = true;
            retryAt = System.nanoTime() + RETRY_NS;
            return;
        }
        if (refusing) {
            LOG.info("event store consumer: the store took the batch again; resuming");
            consumer.resume(consumer.paused());
            refusing = false;
        }
        stored.addAndGet(n);
        skipped.addAndGet(entries.size() - n);
        ends.forEach((tp, at) -> {
            toCommit.put(tp, new OffsetAndMetadata(at));
            next.computeIfPresent(tp, (k, was) -> Math.max(was, at));
        });
        entries.clear();
        places.clear();
        ends.clear();
        gathered = 0;
        commit(false); // for the lag and for tools: the stored positions rule
    }

    /** Drops the gathered records of the partitions given (another consumer stores them from the stored positions). */
    private void drop(Collection<TopicPartition> partitions) {
        for (int i = places.size() - 1; i >= 0; i--) {
            SourceOffset o = places.get(i);
            if (partitions.contains(new TopicPartition(o.topic(), o.partition()))) {
                places.remove(i);
                entries.remove(i);
            }
        }
        ends.keySet().removeAll(partitions);
        gathered = places.size();
    }

    /** Stores what was gathered before partitions leave; reads the partitions taken from their stored positions. */
    private final class FromStoredPositions extends Rebalance {
        @Override
        void revoked(Collection<TopicPartition> partitions) {
            refusing = false; // one more try before they go
            flush();
            drop(partitions);
            next.keySet().removeAll(partitions);
        }

        @Override
        void lost(Collection<TopicPartition> partitions) {
            drop(partitions);
            next.keySet().removeAll(partitions);
        }

        @Override
        void taken(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> at = storedPositions();
            for (TopicPartition tp : partitions) {
                Long from = at.get(tp);
                if (from != null) {
                    consumer.seek(tp, from);
                }
                next.put(tp, from != null ? from : consumer.position(tp));
            }
            if (refusing) {
                consumer.pause(partitions);
            }
        }
    }

    @Override
    Rebalance rebalance() {
        return new FromStoredPositions();
    }

    /** The log's stored positions, waiting (every second) while the store is down. */
    private Map<TopicPartition, Long> storedPositions() {
        while (true) {
            try {
                Map<TopicPartition, Long> at = new HashMap<>();
                for (SourceOffset o : log.sourcePositions(kafkaGroup())) {
                    at.put(new TopicPartition(o.topic(), o.partition()), o.offset());
                }
                return at;
            } catch (StoreUnavailableException e) {
                storeRefusals.incrementAndGet();
                LOG.warn("event store consumer: cannot read the stored positions ({}); trying again", e.getMessage());
                try {
                    Thread.sleep(RETRY_NS / 1_000_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException();
                }
            }
        }
    }

    @Override
    public int queueDepth() {
        return gathered;
    }
}
