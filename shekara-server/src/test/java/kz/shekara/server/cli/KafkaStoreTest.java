package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.KafkaTopics;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.LocalPostgres;
import kz.shekara.server.store.PostgresExtension;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.theatre.TheatreLoader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event store as a consumer group ({@code serve --kafka … --roles store}): every event on the topics,
 * whoever published it ({@code publish}, another node), ends in the store node's event log exactly once, each
 * partition's events in offset order; a store node killed with SIGKILL mid-stream and started again stores
 * the rest and nothing twice; the store's readers read them back.
 */
@ExtendWith(PostgresExtension.class)
class KafkaStoreTest {
    private static final int PARTITIONS = 3;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);

    @Test
    void storeNodeOnSqliteStoresEveryEventOfThePipelineOnceInPartitionOrder() throws Exception {
        String kafka = TestBroker.bootstrap();
        Path sim = simulate();
        String prefix = TestBroker.prefix();
        KafkaBusConfig bus = nodes.bus(kafka, prefix);
        createTopics(kafka, prefix, PARTITIONS);
        List<TopicReader.Read> onTopics;
        try (ShekaraServer store = KafkaNode.start(nodes.nodeConfig("store"), TheatreLoader.loadDefault(), Clock.systemUTC(),
                bus, NodeRoles.parse(List.of("store")))) {
            publish(kafka, prefix, sim.resolve("detections.jsonl"), sim.resolve("units.jsonl"));
            // Another node works the recording: its tracks, alerts and incidents reach the store from the topics.
            try (ShekaraServer worker = KafkaNode.start(nodes.nodeConfig("worker"), TheatreLoader.loadDefault(),
                    Clock.systemUTC(), bus, NodeRoles.parse(List.of("all")))) {
                worker.bus().drain();
            }
            onTopics = TopicReader.readAll(kafka, prefix, KafkaTopics.all(), Duration.ofSeconds(3), b -> { });
            assertThat(onTopics.stream().map(r -> r.topic().substring(prefix.length())).distinct())
                    .contains(Topic.OBSERVATIONS.name(), Topic.UNIT_POSITIONS.name(), Topic.TRACKS.name(),
                            Topic.ALERTS.name(), Topic.INCIDENTS.name());
            EventLog log = store.bus().log();
            nodes.await("the store holds every event on the topics", () -> count(log) >= onTopics.size());
            store.bus().drain();
            assertOncePerPartitionInOrder(log, prefix, onTopics);

            // The store's readers: the alerts of the period, and one incident's history, as the review reads them.
            List<String> alerts = ids(onTopics, Topic.ALERTS);
            Instant from = Instant.parse("2000-01-01T00:00:00Z");
            Instant to = Instant.parse("2100-01-01T00:00:00Z");
            try (Stream<StoredEvent> s = log.readTimeRange(from, to, Set.of(Topic.ALERTS.name()))) {
                assertThat(s.map(e -> ((Alert) e.event()).id()).toList()).containsExactlyInAnyOrderElementsOf(alerts);
            }
            IncidentEvent incident = (IncidentEvent) onTopics.stream()
                    .filter(r -> r.event() instanceof IncidentEvent).findFirst().orElseThrow().event();
            try (Stream<StoredEvent> s = log.readEntity(Topic.INCIDENTS.name(), incident.incident())) {
                assertThat(s.map(StoredEvent::event).toList()).contains(incident);
            }
        }
    }

    @Test
    void storeNodeOnPostgresKilledMidStreamStoresEveryEventOnceAfterItsRestart(LocalPostgres pg) throws Exception {
        String kafka = TestBroker.bootstrap();
        Path sim = simulate();
        List<Path> thirds = WorkerNodes.thirds(dir, sim.resolve("detections.jsonl"));
        String prefix = TestBroker.prefix();
        String db = pg.createDatabase();

        createTopics(kafka, prefix, PARTITIONS);
        Process first = startStore(kafka, prefix, db, "store-1");
        publish(kafka, prefix, thirds.get(0), null);
        long firstThird = events(kafka, prefix).size();
        nodes.await("the store node stored the first third", () -> rows(db) >= firstThird);
        // The second third is published while the node stores it; it dies part-way, with no last commit.
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> publish(kafka, prefix, thirds.get(1), null));
        nodes.await("the store node is storing the second third",
                () -> rows(db) > firstThird + 200 || (second.isDone() && rows(db) > firstThird));
        first.destroyForcibly(); // SIGKILL
        first.waitFor();
        long atKill = rows(db);
        second.join();
        publish(kafka, prefix, thirds.get(2), null);
        System.out.printf("store node killed with %d events stored%n", atKill); // for the record

        Process again = startStore(kafka, prefix, db, "store-2");
        List<TopicReader.Read> onTopics = events(kafka, prefix);
        assertThat(atKill).as("killed mid-stream").isGreaterThan(firstThird).isLessThan(onTopics.size());
        nodes.await("the restarted store node stored everything", () -> rows(db) >= onTopics.size());
        Thread.sleep(2_000); // anything stored twice would arrive now
        try (EventLog log = EventLogs.open(db, dir, StoreConfig.defaults())) {
            assertOncePerPartitionInOrder(log, prefix, onTopics);
        }
        assertThat(again.isAlive()).isTrue();
    }

    @Test
    void storeRunsAloneOnItsNodeAndIsNotPartOfAll() {
        assertThat(NodeRoles.parse(List.of("all")).has(NodeRoles.Role.STORE)).isFalse();
        assertThat(NodeRoles.parse(List.of("all")).whole()).isTrue();
        assertThat(NodeRoles.parse(List.of("store")).toString()).isEqualTo("store");
        assertThatThrownBy(() -> NodeRoles.parse(List.of("store", "api")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--roles store");
    }

    /**
     * Each partition of each topic, as the store holds it (its events in seq order, the partition found from the
     * key as the producer finds it), equals the partition on the topic in offset order: nothing lost, nothing
     * twice, nothing out of order.
     */
    private static void assertOncePerPartitionInOrder(EventLog log, String prefix, List<TopicReader.Read> onTopics) {
        EventCodec codec = EventCodec.standard();
        Map<String, List<String>> expected = new HashMap<>();
        for (TopicReader.Read r : onTopics) {
            expected.computeIfAbsent(r.topic().substring(prefix.length()) + "/" + r.partition(), k -> new ArrayList<>())
                    .add(codec.encode(r.event()));
        }
        Map<String, List<String>> stored = new HashMap<>();
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            s.forEach(e -> {
                assertThat(e.key()).as("key of a stored %s", e.topic()).isNotNull();
                int partition = SectorPartitions.of(e.key(), PARTITIONS);
                stored.computeIfAbsent(e.topic() + "/" + partition, k -> new ArrayList<>()).add(codec.encode(e.event()));
            });
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((p, events) -> assertThat(stored.get(p)).as(p).isEqualTo(events));
    }

    private static List<String> ids(List<TopicReader.Read> reads, Topic<Alert> topic) {
        return reads.stream().filter(r -> topic.type().isInstance(r.event())).map(r -> ((Alert) r.event()).id()).toList();
    }

    private Path simulate() {
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "3m", "--out", sim.toString());
        return sim;
    }

    private static List<TopicReader.Read> events(String kafka, String prefix) {
        return TopicReader.readAll(kafka, prefix, KafkaTopics.all(), Duration.ofSeconds(2), b -> { });
    }

    private void publish(String kafka, String prefix, Path detections, Path units) {
        nodes.publish(kafka, prefix, detections, units == null ? new String[0] : new String[] {"--units", units.toString()});
    }

    /** Every topic with the test's partitions, before anything reads or writes them. */
    static void createTopics(String kafka, String prefix, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(KafkaTopics.all().stream()
                    .map(t -> new NewTopic(prefix + t.name(), partitions, (short) 1).configs(Map.of("retention.ms", "-1")))
                    .toList()).all().get();
        }
    }


    /** {@code serve --kafka … --roles store --db URL} in a child JVM. */
    private Process startStore(String kafka, String prefix, String db, String name) throws Exception {
        return nodes.start(name, kafka, prefix, "store", "--db", db);
    }

    /** Events in the store's log (read with a connection of the test's own). */
    private static long rows(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM event_log")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0; // not migrated yet
        }
    }

    private static long count(EventLog log) {
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            return s.count();
        }
    }
}
