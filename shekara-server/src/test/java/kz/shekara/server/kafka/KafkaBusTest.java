package kz.shekara.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Detection;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.BusContractTest;
import kz.shekara.server.bus.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The bus contract on a real Kafka broker, and what only the Kafka bus does. */
class KafkaBusTest extends BusContractTest {
    @Override
    protected Bus newBus(int partitions, int capacity) {
        return new KafkaBus(TestBroker.config(partitions));
    }

    /**
     * On Kafka the merge by event time is exact for what is on the partitions when it is read (a
     * backlog: a worker that starts or takes partitions over). Records still being published can
     * race it: a partition read to its end may yet receive an earlier record than one just handed on
     * from another, by as much event time as is published within the produce-to-consume delay (a few
     * milliseconds live, but 600 records a second apart in a tight loop). So the recording is on the
     * topic before the in-order subscriber joins (a new group reads from the start).
     */
    @Override
    @Test
    protected void inOrderSubscriberSeesEventTimeOrderAcrossKeys() throws InterruptedException {
        try (Bus bus = newBus(3, 16)) {
            for (int i = 0; i < 600; i++) {
                bus.publish(Topic.OBSERVATIONS, "sector-" + (i % 6), det(i, "radar-" + (i % 6)));
            }
            bus.drain();
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            bus.subscribeInOrder(Topic.OBSERVATIONS, "serial", seen::add);
            bus.drain();
            assertThat(seen).hasSize(600);
            assertThat(seen).extracting(Detection::time).isSorted();
        }
    }

    /**
     * A consumer here fetches at most 500 records a poll, so a new group on a partition of 2,000 records has
     * a backlog after its first poll: the lag its handler sees meanwhile is positive, and once everything
     * is handled it is zero, reported for the one partition held, by group and topic.
     */
    @Test
    void lagIsWhatIsOnAHeldPartitionAndNotYetHandled() throws InterruptedException {
        KafkaBusConfig.Batching b = KafkaBusConfig.Batching.defaults();
        KafkaBusConfig config = TestBroker.config(1).withBatching(new KafkaBusConfig.Batching(b.commitInterval(),
                b.commitRecords(), b.linger(), b.batchBytes(), 500));
        try (KafkaBus bus = new KafkaBus(config)) {
            for (int i = 0; i < 2_000; i++) {
                bus.publish(Topic.OBSERVATIONS, "sector-1", det(i, "radar-1"));
            }
            bus.drain();
            java.util.concurrent.atomic.AtomicLong mostSeen = new java.util.concurrent.atomic.AtomicLong();
            bus.subscribe(Topic.OBSERVATIONS, "lag", d -> mostSeen.accumulateAndGet(
                    bus.lag().stream().mapToLong(ConsumerLag::lag).sum(), Math::max));
            bus.drain();
            assertThat(mostSeen.get()).as("lag seen while the backlog was handled").isPositive();
            ConsumerLag caughtUp = new ConsumerLag(config.groupPrefix() + "lag." + Topic.OBSERVATIONS.name(),
                    config.topicPrefix() + Topic.OBSERVATIONS.name(), 0, 0);
            long end = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
            while (!bus.lag().equals(List.of(caughtUp)) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(bus.lag()).containsExactly(caughtUp);
        }
    }

    @Test
    void eventsComeBackEqualWithTheirEventTime() throws InterruptedException {
        try (KafkaBus bus = new KafkaBus(TestBroker.config(2))) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            bus.subscribe(Topic.OBSERVATIONS, "equal", seen::add);
            Detection d = new Detection(T0.plusNanos(123_456_789), "radar-9", kz.shekara.model.SensorKind.RADAR,
                    41.51234567, 69.2, 25, M);
            bus.publish(Topic.OBSERVATIONS, "sector-1", d);
            bus.drain();
            assertThat(seen).containsExactly(d);
        }
    }

    @Test
    void aSecondSubscriberOfTheSameGroupInAnotherBusSharesThePartitions() throws InterruptedException {
        KafkaBusConfig config = TestBroker.config(4);
        try (KafkaBus one = new KafkaBus(config); KafkaBus two = new KafkaBus(config)) {
            List<Detection> a = Collections.synchronizedList(new ArrayList<>());
            List<Detection> b = Collections.synchronizedList(new ArrayList<>());
            one.subscribe(Topic.OBSERVATIONS, "worker", a::add);
            two.subscribe(Topic.OBSERVATIONS, "worker", b::add);
            one.drain();
            two.drain();
            for (int i = 0; i < 400; i++) {
                one.publish(Topic.OBSERVATIONS, "sector-" + (i % 8), det(i, "radar-" + (i % 8)));
            }
            one.drain();
            two.drain();
            assertThat(a.size() + b.size()).isEqualTo(400);
            // Each sector's events go to one worker only.
            for (int k = 0; k < 8; k++) {
                String sensor = "radar-" + k;
                boolean inA = a.stream().anyMatch(d -> d.sensor().equals(sensor));
                boolean inB = b.stream().anyMatch(d -> d.sensor().equals(sensor));
                assertThat(inA ^ inB).as(sensor).isTrue();
            }
        }
    }

    @Test
    void workersOfOneRoleHoldTheSameSectorsOfEveryTopic() throws InterruptedException {
        KafkaBusConfig config = TestBroker.config(4);
        try (KafkaBus one = new KafkaBus(config.withMember("node-a"));
             KafkaBus two = new KafkaBus(config.withMember("node-b"))) {
            Map<String, List<String>> sensorsOf = new java.util.concurrent.ConcurrentHashMap<>();
            for (KafkaBus bus : List.of(one, two)) {
                String name = bus == one ? "a" : "b";
                bus.subscribe(Topic.OBSERVATIONS, "rules",
                        d -> sensorsOf.computeIfAbsent(name + ".obs", k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(d.sensor()));
                bus.subscribe(Topic.HEARTBEATS, "rules",
                        h -> sensorsOf.computeIfAbsent(name + ".hb", k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(h.sensor()));
            }
            one.drain();
            two.drain();
            for (int i = 0; i < 80; i++) {
                String sector = "sector-" + (i % 8);
                one.publish(Topic.OBSERVATIONS, sector, det(i, "radar-" + (i % 8)));
                one.publish(Topic.HEARTBEATS, sector,
                        new kz.shekara.model.SensorHeartbeat(T0.plusSeconds(i), "radar-" + (i % 8), M));
            }
            one.drain();
            two.drain();
            for (String w : List.of("a", "b")) {
                assertThat(java.util.Set.copyOf(sensorsOf.getOrDefault(w + ".hb", List.of())))
                        .as("worker " + w + ": the sectors of its heartbeats are those of its detections")
                        .isEqualTo(java.util.Set.copyOf(sensorsOf.getOrDefault(w + ".obs", List.of())));
            }
            assertThat(sensorsOf.get("a.obs")).as("both workers hold sectors").isNotEmpty();
            assertThat(sensorsOf.get("b.obs")).as("both workers hold sectors").isNotEmpty();
        }
    }

    @Test
    void aRecordThatIsNotAnEventIsCountedAndSkipped() throws InterruptedException {
        KafkaBusConfig config = TestBroker.config(1);
        try (KafkaBus bus = new KafkaBus(config);
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap()),
                     new StringSerializer(), new ByteArraySerializer())) {
            List<Detection> seen = Collections.synchronizedList(new ArrayList<>());
            Bus.Subscription sub = bus.subscribe(Topic.OBSERVATIONS, "strict", seen::add);
            raw.send(new ProducerRecord<>(bus.kafkaTopic(Topic.OBSERVATIONS), "s", "{not json".getBytes(StandardCharsets.UTF_8)));
            raw.flush();
            bus.publish(Topic.OBSERVATIONS, "s", det(1, "radar-1"));
            bus.drain();
            assertThat(seen).hasSize(1);
            assertThat(sub.failures()).isEqualTo(1);
        }
    }
}
