package kz.shekara.server.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import kz.shekara.model.DomainEvent;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reading partitions back with a consumer of no group (assigned, not subscribed), as a worker rebuilds what it takes over. */
final class PartitionReadBack {
    private static final Duration POLL = Duration.ofMillis(100);

    private PartitionReadBack() {
    }

    /** A consumer of no group for reading back ({@code clientId} made unique), committing nothing; the caller closes it. */
    static KafkaConsumer<String, byte[]> reader(KafkaBusConfig config, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + ".rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Per input partition with records below {@code ends}, the first offset within {@code window} of
     * the latest record time below {@code ends} on any of them (record times are event times).
     */
    static Map<TopicPartition, Long> windowStarts(Consumer<String, byte[]> reader, Map<TopicPartition, Long> ends,
                                                  Duration window) {
        long latest = Long.MIN_VALUE;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (e.getValue() > 0) {
                TopicPartition tp = e.getKey();
                reader.assign(List.of(tp));
                reader.seek(tp, e.getValue() - 1);
                while (reader.position(tp) < e.getValue()) {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(POLL).records(tp)) {
                        latest = Math.max(latest, r.timestamp());
                    }
                }
            }
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (latest == Long.MIN_VALUE) {
            return starts;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        long from = latest - window.toMillis();
        ends.forEach((tp, end) -> {
            if (end > 0) {
                query.put(tp, from);
            }
        });
        reader.offsetsForTimes(query).forEach((tp, found) -> starts.put(tp, found == null ? ends.get(tp) : found.offset()));
        return starts;
    }

    /** Each partition's events (those {@code decode} gives, not null) from {@code starts} (else its start) to its end (exclusive), in offset order. */
    static Map<TopicPartition, List<DomainEvent>> read(Consumer<String, byte[]> reader, Map<TopicPartition, Long> starts,
                                                       Map<TopicPartition, Long> ends,
                                                       Function<ConsumerRecord<String, byte[]>, DomainEvent> decode) {
        Map<TopicPartition, List<DomainEvent>> read = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        List<TopicPartition> todo = new ArrayList<>();
        ends.forEach((tp, end) -> {
            read.put(tp, new ArrayList<>());
            if (end > starts.getOrDefault(tp, 0L)) {
                todo.add(tp);
            }
        });
        reader.assign(todo);
        reader.seekToBeginning(todo);
        starts.forEach((tp, start) -> {
            if (start > 0 && todo.contains(tp)) {
                reader.seek(tp, start);
            }
        });
        while (todo.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : reader.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < ends.get(tp)) {
                    DomainEvent e = decode.apply(r);
                    if (e != null) {
                        read.get(tp).add(e);
                    }
                }
            }
        }
        return read;
    }
}
