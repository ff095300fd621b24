package kz.shekara.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The in-JVM broker of {@code shekara broker}: Shekara's topics exist, and records go round. */
class KafkaBrokerTest {
    @Test
    void createsEveryTopicWithItsPartitions() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap()))) {
            List<String> names = KafkaTopics.all().stream().map(Topic::name).toList();
            assertThat(names).contains("observations", "tracks", "alerts", "incidents", "unit-positions");
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            assertThat(topics).hasSize(names.size());
            topics.values().forEach(t -> assertThat(t.partitions()).hasSize(TestBroker.PARTITIONS));
        }
    }

    @Test
    void aProducedRecordIsConsumed() {
        String topic = Topic.MESSAGES.name();
        String value = "round-trip-" + TestBroker.prefix();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap()),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                     Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrap(),
                             ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + value,
                             ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "sector-1", value));
            producer.flush();
            consumer.subscribe(List.of(topic));
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 300 && !seen.contains(value); i++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(r.value());
                }
            }
            assertThat(seen).contains(value);
        }
    }
}
