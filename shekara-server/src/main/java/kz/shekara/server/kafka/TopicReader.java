package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads whole topics from their start, outside any consumer group (nothing is committed), until
 * nothing new has come for an idle time: for {@code collect} and tests. Stateless.
 */
public final class TopicReader {
    /** One event read, with where it was. */
    public record Read(DomainEvent event, String topic, int partition, long offset) {
    }

    private TopicReader() {
    }

    /**
     * Every event on the given topics (no prefix) of the cluster at {@code bootstrap}, per partition in
     * offset order; a record that is not an event goes to {@code bad} and is skipped.
     */
    public static List<Read> readAll(String bootstrap, List<Topic<?>> topics, Duration idle, Consumer<String> bad) {
        return readAll(bootstrap, "", topics, idle, bad);
    }

    /** As above, for the topics named {@code prefix + topic} (see {@link KafkaBusConfig#topicPrefix}). */
    public static List<Read> readAll(String bootstrap, String prefix, List<Topic<?>> topics, Duration idle,
                                     Consumer<String> bad) {
        return readAll(bootstrap, prefix, topics, idle, () -> -1, Duration.ZERO, bad);
    }

    /**
     * As above, and not idle while {@code pending} (asked about once a second) is above zero and moving: a
     * change of it counts as something new; with it above zero and standing still, the read ends only after
     * {@code patience} more than the idle time (what comes later is then not read: the caller says so).
     */
    public static List<Read> readAll(String bootstrap, String prefix, List<Topic<?>> topics, Duration idle,
                                     java.util.function.LongSupplier pending, Duration patience, Consumer<String> bad) {
        Map<String, Topic<?>> byName = new HashMap<>();
        topics.forEach(t -> byName.put(prefix + t.name(), t));
        List<Read> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "collect-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String name : byName.keySet()) {
                List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
                infos.forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleNanos = idle.toNanos();
            long lastNew = System.nanoTime();
            long asked = lastNew;
            long left = pending.getAsLong();
            while (System.nanoTime() - lastNew < idleNanos + (left > 0 ? patience.toNanos() : 0)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    lastNew = System.nanoTime();
                }
                if (System.nanoTime() - asked >= 1_000_000_000L) {
                    asked = System.nanoTime();
                    long now = pending.getAsLong();
                    if (now != left) {
                        lastNew = asked;
                        left = now;
                    }
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    try {
                        DomainEvent e = EventRecords.event(byName.get(r.topic()), r);
                        if (e != null) {
                            read.add(new Read(e, r.topic(), r.partition(), r.offset()));
                        }
                    } catch (IllegalArgumentException e) {
                        bad.accept(e.getMessage());
                    }
                }
            }
        }
        return read;
    }
}
