package kz.shekara.server.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Bus} on Apache Kafka: the same topics and partition keys (the sector) as the in-process
 * bus, one Kafka topic per {@link Topic} (created on first use with {@link KafkaBusConfig#partitions}
 * partitions), events as {@link EventRecords} (the event log's JSON, event time as the record time).
 * One idempotent producer ({@code acks=all}: a retried send is never stored twice, and a key's
 * events stay in publish order); each subscription is a consumer in the group
 * {@code groupPrefix + group + "." + topic}, so the same subscriber in several processes shares the
 * partitions (each sector is handled by one of them) while different subscribers each see every event.
 *
 * <p>Differences from {@link kz.shekara.server.bus.InMemoryBus}: {@link #publish} returns once the
 * event is handed to the producer (it blocks only when the producer's buffer is full); urgent events do
 * not overtake (a topic partition is one queue) and nothing is superseded; a new subscriber group reads
 * its topic from the start, an existing one from where it last committed. {@link #drain} waits for the
 * partitions this process's subscriptions hold. Thread-safe.
 */
public final class KafkaBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBus.class);
    private static final java.time.Duration ASSIGNMENT_WAIT = java.time.Duration.ofSeconds(10);
    private static final java.time.Duration MAX_BLOCK = java.time.Duration.ofSeconds(5);
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

    private final KafkaBusConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final List<GroupMember> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong sendFailures = new AtomicLong();
    private final SendWindow window;
    /** Publishers whose send the producer refused and who are trying again. */
    private final java.util.concurrent.atomic.AtomicInteger refusedNow = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    public KafkaBus(KafkaBusConfig config) {
        this.config = config;
        this.window = new SendWindow(config.maxUnsent());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(config.batching().linger().toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(config.batching().batchBytes()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A broker away is waited for: sends are retried (in order, never stored twice) until the delivery
        // timeout; a send that cannot even be queued gives up after MAX_BLOCK and is tried again (see send).
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(config.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap()));
    }

    /** The Kafka topic a bus topic maps to. */
    public String kafkaTopic(Topic<?> topic) {
        return config.topicPrefix() + topic.name();
    }

    /** Other nodes publish to the cluster too: a node's log does not see every event. */
    @Override
    public boolean local() {
        return false;
    }

    @Override
    public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
        send(topic, key, event, null);
    }

    /** Completes when the cluster has the event (every in-sync replica), or fails when the producer gives up. */
    @Override
    public <E extends DomainEvent> CompletableFuture<Void> publishAsync(Topic<E> topic, String key, E event) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        send(topic, key, event, stored);
        return stored;
    }

    /**
     * Hands the event to the producer, first waiting while {@link KafkaBusConfig#maxUnsent} events are
     * unsent (back-pressure: the publisher, an input's reader, is held); a send the producer refuses at
     * once (no room or no metadata within MAX_BLOCK, the broker away) is counted and tried again, so the
     * publisher's events reach the producer whole and in order.
     */
    private void send(Topic<?> topic, String key, DomainEvent event, CompletableFuture<Void> stored) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        String name = ensure(topic);
        send(name, EventRecords.record(name, key, event), stored);
    }

    /**
     * Writes a {@linkplain EventRecords#watermark watermark} on partition {@code partition} of {@code topic}: the
     * caller promises that what it publishes there from now on is of event time {@code reached} or later. Sent
     * as events are (in order with them, back-pressure alike).
     */
    public void watermark(Topic<?> topic, int partition, java.time.Instant reached) {
        watermark(topic, partition, reached, null);
    }

    /** As above, a live producer's ({@link EventRecords#watermark(String, int, java.time.Instant, String)}). */
    public void watermark(Topic<?> topic, int partition, java.time.Instant reached, String producer) {
        String name = ensure(topic);
        send(name, EventRecords.watermark(name, partition, reached, producer), null);
    }

    private void send(String name, org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record,
                      CompletableFuture<Void> stored) {
        boolean held = false;
        try {
            while (true) {
                window.acquire(() -> closed);
                if (trySend(name, record, stored)) {
                    return;
                }
                window.release();
                if (!held) {
                    held = true;
                    window.refused();
                    refusedNow.incrementAndGet();
                }
                if (closed) {
                    throw new IllegalStateException("bus is closed");
                }
                LOG.warn("Kafka producer could not queue an event for topic {} within {}: trying again", name, MAX_BLOCK);
            }
        } finally {
            if (held) {
                refusedNow.decrementAndGet();
            }
        }
    }

    /** One send; false when the producer refused it at once (not queued: to be tried again). */
    private boolean trySend(String name, org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record,
                            CompletableFuture<Void> stored) {
        Thread caller = Thread.currentThread();
        boolean[] refused = new boolean[1];
        boolean[] returned = new boolean[1];
        producer.send(record, (meta, e) -> {
            if (e instanceof org.apache.kafka.common.errors.TimeoutException && !returned[0]
                    && Thread.currentThread() == caller) {
                refused[0] = true;
                return;
            }
            window.release();
            if (e != null) {
                sendFailures.incrementAndGet();
                LOG.warn("event not stored on Kafka topic {}: {}", name, e.toString());
            }
            if (stored != null) {
                if (e == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(e);
                }
            }
        });
        returned[0] = true;
        return !refused[0];
    }

    private String ensure(Topic<?> topic) {
        String name = kafkaTopic(topic);
        if (!created.contains(name)) {
            KafkaTopics.ensure(admin, List.of(name), config.partitions());
            created.add(name);
        }
        return name;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group, Consumer<? super E> handler) {
        return add(topic, group, handler, false);
    }

    @Override
    public <E extends DomainEvent> Subscription subscribeInOrder(Topic<E> topic, String group,
                                                                Consumer<? super E> handler) {
        return add(topic, group, handler, true);
    }

    private <E extends DomainEvent> Subscription add(Topic<E> topic, String group, Consumer<? super E> handler,
                                                    boolean inOrder) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        String name = ensure(topic);
        GroupMember[] self = new GroupMember[1];
        KafkaSubscription<E> sub = new KafkaSubscription<>(config, topic, name, group, handler, inOrder,
                () -> subscriptions.remove(self[0]));
        self[0] = sub;
        subscriptions.add(sub);
        sub.start();
        return sub;
    }

    /**
     * Subscribes a handler that keeps state per partition (see {@link PartitionHandler} and
     * {@link PartitionedSubscription}): a partition it takes is first rebuilt from the partition's
     * records before the group's committed offset; offsets are committed only once what the handler
     * published through this bus is on the cluster. {@code inOrder}: records are handed on earliest first
     * across the partitions held (else as they come).
     */
    public <E extends DomainEvent> Subscription subscribePartitioned(Topic<E> topic, String group,
                                                                    PartitionHandler<E> handler, boolean inOrder) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        String name = ensure(topic);
        GroupMember[] self = new GroupMember[1];
        PartitionedSubscription<E> sub = new PartitionedSubscription<>(config, topic, name, group, handler, inOrder,
                producer::flush, () -> subscriptions.remove(self[0]));
        self[0] = sub;
        subscriptions.add(sub);
        sub.start();
        return sub;
    }

    /**
     * Subscribes the event store to every topic (see {@link StoreSubscription}): one consumer in the group
     * {@code groupPrefix + "store"}, shared by every store node, writing each event into {@code log} once, in
     * batches of up to {@code maxBatch}.
     */
    public StoreSubscription subscribeStore(kz.shekara.server.store.EventLog log, int maxBatch) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        Map<String, Topic<?>> names = new HashMap<>();
        KafkaTopics.all().forEach(t -> names.put(ensure(t), t));
        GroupMember[] self = new GroupMember[1];
        StoreSubscription sub = new StoreSubscription(config, log, names, maxBatch, () -> subscriptions.remove(self[0]));
        self[0] = sub;
        subscriptions.add(sub);
        sub.start();
        return sub;
    }

    /** Events handed to the producer and not yet on the cluster. */
    public long unsent() {
        return window.unsent();
    }

    /** Publishes that had to wait for the cluster (the unsent bound reached, or the producer could not queue them). */
    public long backPressured() {
        return window.waits();
    }

    /** Publishers waiting for the cluster now (at the unsent bound, or trying again a send the producer refused). */
    public int waitingPublishers() {
        return window.waiting() + refusedNow.get();
    }

    /**
     * The consumer lag of every partition this bus's subscriptions hold: records on the partition not
     * yet handled, as of each consumer's last fetch (cheap: no call to the cluster).
     */
    public List<ConsumerLag> lag() {
        List<ConsumerLag> all = new java.util.ArrayList<>();
        for (GroupMember s : subscriptions) {
            s.lag().forEach((tp, n) -> all.add(new ConsumerLag(s.kafkaGroup(), tp.topic(), tp.partition(), n)));
        }
        return all;
    }

    /** Whether a broker of the cluster answers within {@code timeout}. */
    public boolean reachable(java.time.Duration timeout) {
        return KafkaTopics.reachable(admin, timeout);
    }

    /** The bootstrap address of the cluster. */
    public String bootstrap() {
        return config.bootstrap();
    }

    /**
     * Subscribes a worker whose state spans several input topics keyed by sector (see
     * {@link SectorSubscription}): one consumer over every input topic, a partition taken rebuilt from the
     * outputs and the handled inputs (those within {@code inputWindow} of the latest) before its new
     * records are handed on.
     */
    public Subscription subscribeSectors(String group, List<Topic<?>> inputs, List<Topic<?>> sectorOutputs,
                                         List<Topic<?>> otherOutputs, java.time.Duration inputWindow,
                                         SectorHandler handler) {
        if (closed) {
            throw new IllegalStateException("bus is closed");
        }
        java.util.stream.Stream.of(inputs, sectorOutputs, otherOutputs).flatMap(List::stream).forEach(this::ensure);
        GroupMember[] self = new GroupMember[1];
        SectorSubscription sub = new SectorSubscription(config, group, inputs, sectorOutputs, otherOutputs,
                inputWindow, handler, producer::flush, () -> subscriptions.remove(self[0]));
        self[0] = sub;
        subscriptions.add(sub);
        sub.start();
        return sub;
    }

    /** Events the producer gave up on (the cluster unreachable past its delivery timeout). */
    public long sendFailures() {
        return sendFailures.get();
    }

    /**
     * Blocks until everything published so far is on the cluster and every subscription of this bus
     * has handled what was on the partitions it holds, including what the handlers published meanwhile.
     */
    @Override
    public void drain() throws InterruptedException {
        // A group's first assignment may be empty while it is still forming: give every subscription a
        // while to hold some partition (one that never does, in a group with more members than
        // partitions, is then taken as it is).
        long settle = System.nanoTime() + ASSIGNMENT_WAIT.toNanos();
        while (subscriptions.stream().anyMatch(s -> s.partitions().isEmpty()) && System.nanoTime() < settle) {
            Thread.sleep(20);
        }
        Map<TopicPartition, Long> before = null;
        while (true) {
            producer.flush();
            while (!subscriptions.stream().allMatch(s -> s.caughtUp(Map.of()))) {
                Thread.sleep(5);
            }
            Map<TopicPartition, Long> ends = endOffsets();
            while (!subscriptions.stream().allMatch(s -> s.caughtUp(ends))) {
                Thread.sleep(5);
            }
            if (ends.equals(before)) {
                return;
            }
            before = ends;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        subscriptions.forEach(s -> s.partitions().forEach(tp -> latest.put(tp, OffsetSpec.latest())));
        if (latest.isEmpty()) {
            return Map.of();
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.listOffsets(latest).all().get();
            Map<TopicPartition, Long> ends = new HashMap<>();
            r.forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read Kafka end offsets: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Stops every subscription (committing what it handled), sends what is buffered (waiting at most 30 s
     * for the cluster; what it has not taken by then is lost and logged), then disconnects.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.wake();
        subscriptions.forEach(GroupMember::close);
        // A broker away at shutdown does not hold the process for the whole delivery timeout.
        producer.close(CLOSE_WAIT);
        if (window.unsent() > 0) {
            LOG.warn("{} events not stored on Kafka: the cluster did not take them within {} of closing",
                    window.unsent(), CLOSE_WAIT);
        }
        admin.close();
    }
}
