package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.response.UnitStateView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventLog} must do, run against each store (SQLite and PostgreSQL subclasses).
 * Each test gets a new, empty database.
 */
abstract class EventLogContract {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final List<EventLog> opened = new ArrayList<>();

    /** Makes a new empty database for this test; {@link #open()} opens it, as often as asked. */
    abstract void createDatabase() throws Exception;

    /** Opens (and migrates) this test's database. */
    abstract EventLog openStore();

    /** JDBC URL of this test's database, to inspect the schema. */
    abstract String jdbcUrl();

    EventLog open() {
        EventLog log = openStore();
        opened.add(log);
        return log;
    }

    @BeforeEach
    void newDatabase() throws Exception {
        createDatabase();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(EventLog::close);
    }

    static List<StoredEvent> all(EventLog log) {
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            return s.toList();
        }
    }

    @Test
    void migratesAnEmptyDatabaseAndOpensItAgain() throws SQLException {
        EventLog log = open();
        assertThat(log.latestSeq()).isZero();
        assertThat(all(log)).isEmpty();
        log.close();
        EventLog again = open();
        assertThat(again.latestSeq()).isZero();
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                     + " ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
                assertThat(rs.getBoolean(2)).isTrue();
            }
            assertThat(versions).containsExactly("1", "2.6", "3", "4", "5", "6", "7", "8");
        }
        assertThat(again.health().up()).isTrue();
    }

    @Test
    void roundTripsEveryEventType() {
        EventLog log = open();
        List<LogEntry> entries = EventFixtures.everyEventTypeEntries();
        assertThat(log.append(entries)).isEqualTo(1);
        List<StoredEvent> read = all(log);
        assertThat(read).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            StoredEvent s = read.get(i);
            assertThat(s.seq()).isEqualTo(i + 1);
            assertThat(s.topic()).isEqualTo(entries.get(i).topic());
            assertThat(s.key()).isEqualTo(entries.get(i).key());
            assertThat(s.event()).isEqualTo(entries.get(i).event());
        }
    }

    @Test
    void storesEveryColumnAsTheEntryHasIt() throws SQLException {
        EventLog log = open();
        Marking other = Marking.of(Classification.SECRET, "ДПС-Қазақстан", Set.of("MVD", "KNB")).asExercise();
        List<LogEntry> entries = new ArrayList<>(EventFixtures.everyEventTypeEntries());
        for (int i = 0; i < 700; i++) { // over 150 KB of rows: the batch is sent in several pieces
            UnitPosition p = EventFixtures.position(i, 7, T0, 1);
            entries.add(new LogEntry("unit-positions", i % 5 == 0 ? null : "S" + i % 3,
                    i % 3 == 0 ? new UnitPosition(p.time(), p.unit(), "Сұңқар " + i + " 🚤", p.cotType(), p.lat(), p.lon(),
                            p.courseDeg(), p.speedMps(), p.status(), other) : p));
        }
        entries.add(new LogEntry("messages", "S1", new ChatMessage(T0, "m1", "A", "Бүркіт", "All",
                "\"seen\" \\ \n\t né 東 😀", Double.NaN, Double.NaN, other)));
        long first = log.append(entries.subList(0, 5));
        log.append(entries.subList(5, entries.size()));
        EventCodec codec = EventCodec.standard();
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + JdbcEventLog.COLUMNS + " FROM event_log ORDER BY seq")) {
            for (int i = 0; i < entries.size(); i++) {
                assertThat(rs.next()).isTrue();
                LogEntry e = entries.get(i);
                Marking m = e.event().marking();
                assertThat(rs.getLong(1)).isEqualTo(first + i);
                assertThat(rs.getLong(2)).isEqualTo(TimeColumns.toNanos(e.event().time()));
                assertThat(List.of(rs.getString(3), String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))).as("row %d", i)
                        .containsExactly(e.topic(), String.valueOf(e.key()), String.valueOf(codec.typeOf(e.event()).entityOf(e.event())),
                                codec.typeOf(e.event()).tag(), m.classification().name(), m.originator(),
                                String.join(",", m.releasableTo()));
                assertThat(rs.getBoolean(10)).isEqualTo(m.exercise());
                assertThat(rs.getString(11)).as("row %d", i).isEqualTo(codec.encode(e.event()));
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void assignsMonotonicSeqsAcrossBatches() {
        EventLog log = open();
        List<LogEntry> e = EventFixtures.everyEventTypeEntries();
        assertThat(log.append(e.subList(0, 2))).isEqualTo(1);
        assertThat(log.append(e.subList(2, 3))).isEqualTo(3);
        assertThat(log.append(List.of())).isEqualTo(3);
        assertThat(log.append(e.subList(3, 7))).isEqualTo(4);
        assertThat(log.latestSeq()).isEqualTo(7);
        assertThat(all(log).stream().map(StoredEvent::seq)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        try (Stream<StoredEvent> after = log.readAfter(5)) {
            assertThat(after.map(StoredEvent::seq)).containsExactly(6L, 7L);
        }
    }

    @Test
    void readsATimeRangeInSeqOrder() {
        EventLog log = open();
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(EventFixtures.positionEntry(9 - i, 3, T0, 10)); // logged in reverse event-time order
        }
        log.append(entries);
        try (Stream<StoredEvent> s = log.readTimeRange(T0.plusSeconds(20), T0.plusSeconds(50))) {
            List<StoredEvent> got = s.toList();
            assertThat(got.stream().map(e -> e.event().time())).containsExactly(
                    T0.plusSeconds(40), T0.plusSeconds(30), T0.plusSeconds(20));
            assertThat(got.stream().map(StoredEvent::seq)).isSorted();
        }
        try (Stream<StoredEvent> s = log.readTimeRange(T0.plusSeconds(1000), T0.plusSeconds(2000))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void keepsEverythingAcrossCloseAndReopen() {
        EventLog log = open();
        List<LogEntry> entries = EventFixtures.everyEventTypeEntries();
        log.append(entries);
        List<StoredEvent> before = all(log);
        log.close();
        EventLog reopened = open();
        assertThat(all(reopened)).isEqualTo(before);
        assertThat(reopened.append(entries.subList(0, 1))).isEqualTo(entries.size() + 1);
    }

    @Test
    void concurrentPublishersLoseNothingAndKeepTheirOrder() throws Exception {
        EventLog log = open();
        int threads = 8;
        int each = 300;
        try (LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), new SimpleMeterRegistry(), List.of())) {
            bus.start();
            runPublishers(threads, thread -> {
                for (int i = 0; i < each; i++) {
                    bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(thread + i * threads, threads, T0, 1));
                }
            });
        }
        List<StoredEvent> read = all(log);
        assertThat(read).hasSize(threads * each);
        assertThat(read.stream().map(StoredEvent::seq).distinct()).hasSize(threads * each);
        Map<String, List<Instant>> perUnit = new TreeMap<>();
        for (StoredEvent e : read) {
            UnitPosition p = (UnitPosition) e.event();
            perUnit.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(p.time());
        }
        assertThat(perUnit).hasSize(threads); // unit U-t is published by thread t only
        perUnit.values().forEach(times -> assertThat(times).hasSize(each).isSorted());
    }

    @Test
    void manyConcurrentPublishersAndBatchesAreStoredWithoutGapsInTheirOrder() throws Exception {
        EventLog log = open();
        int threads = 64;
        int each = 100;
        int chunk = 50;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of())) {
            bus.start();
            runPublishers(threads, thread -> {
                List<UnitPosition> batch = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    UnitPosition p = EventFixtures.position(thread + i * threads, threads, T0, 1);
                    if (thread % 2 == 0) { // even publishers one event at a time, odd ones in chunks
                        bus.publish(Topic.UNIT_POSITIONS, "S1", p);
                    } else {
                        batch.add(p);
                        if (batch.size() == chunk) {
                            bus.publishAll(Topic.UNIT_POSITIONS, "S1", batch);
                            batch = new ArrayList<>();
                        }
                    }
                }
            });
        }
        List<StoredEvent> read = all(log);
        assertThat(read).extracting(StoredEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList());
        Map<String, List<StoredEvent>> perUnit = new TreeMap<>();
        for (StoredEvent e : read) {
            perUnit.computeIfAbsent(((UnitPosition) e.event()).unit(), u -> new ArrayList<>()).add(e);
        }
        assertThat(perUnit).hasSize(threads); // unit U-t is published by thread t only
        perUnit.forEach((unit, events) -> {
            assertThat(events).extracting(e -> e.event().time()).hasSize(each).isSorted();
            if (Integer.parseInt(unit.substring(2)) % 2 == 1) { // a chunk is one transaction: consecutive seqs
                for (int c = 0; c < each; c += chunk) {
                    assertThat(events.get(c + chunk - 1).seq() - events.get(c).seq()).isEqualTo(chunk - 1);
                }
            }
        });
        int requests = threads / 2 * each + threads / 2 * (each / chunk);
        assertThat(registry.get("shekara.store.batch.size").summary().count())
                .as("commits for %d requests of 64 concurrent publishers", requests).isLessThan(requests);
    }

    /** Runs {@code publisher} for threads 0 .. n-1, each on a thread of its own, and waits for all. */
    private static void runPublishers(int n, java.util.function.IntConsumer publisher) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            done.add(pool.submit((Callable<Void>) () -> {
                publisher.accept(thread);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    @Test
    void restoredViewsEqualACleanReplay() {
        EventLog log = open();
        UnitStateView live = new UnitStateView();
        try (LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults().withSnapshotEvery(100),
                new SimpleMeterRegistry(), List.of(live))) {
            bus.start();
            for (int i = 0; i < 1_000; i += 10) {
                List<UnitPosition> batch = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                    batch.add(EventFixtures.position(j, 17, T0, j % 7 == 0 ? -5 : 1)); // some arrive late
                }
                bus.publishAll(Topic.UNIT_POSITIONS, "S1", batch);
            }
        }
        log.close();
        EventLog reopened = open();
        assertThat(reopened.latestSnapshot("unit-state-v1")).hasValueSatisfying(s -> assertThat(s.seq()).isEqualTo(1_000));
        reopened.append(List.of(EventFixtures.positionEntry(1_000, 17, T0, 1))); // logged after the snapshot
        UnitStateView restored = new UnitStateView();
        assertThat(new Replayer(reopened).rebuild(List.of(restored))).isEqualTo(1_001);
        UnitStateView clean = new UnitStateView();
        new Replayer(reopened).replayAll(List.of(clean));
        assertThat(restored.units()).hasSize(17).isEqualTo(clean.units());
        Map<String, UnitPosition> expected = new TreeMap<>(live.units());
        UnitPosition last = EventFixtures.position(1_000, 17, T0, 1);
        expected.merge(last.unit(), last, (a, b) -> b.time().isBefore(a.time()) ? a : b);
        assertThat(clean.units()).isEqualTo(expected);
    }

    @Test
    void replaysTheSameLogToTheSameBytes() {
        EventLog log = open();
        List<LogEntry> entries = new ArrayList<>(EventFixtures.everyEventTypeEntries());
        for (int i = 0; i < 200; i++) {
            entries.add(EventFixtures.positionEntry(i, 9, T0, i % 5 == 0 ? -3 : 2));
        }
        log.append(entries);
        UnitStateView first = new UnitStateView();
        UnitStateView second = new UnitStateView();
        new Replayer(log).replayAll(List.of(first));
        new Replayer(log).replayAll(List.of(second));
        assertThat(second.snapshot()).isEqualTo(first.snapshot());
        List<String> once = all(log).stream().map(e -> EventCodec.standard().encode(e.event())).toList();
        List<String> twice = all(log).stream().map(e -> EventCodec.standard().encode(e.event())).toList();
        assertThat(twice).isEqualTo(once).hasSize(entries.size());
    }

    @Test
    void replaysEverythingWhenASnapshotIsUnreadable() {
        EventLog log = open();
        log.append(List.of(EventFixtures.positionEntry(0, 2, T0, 1), EventFixtures.positionEntry(1, 2, T0, 1)));
        log.saveSnapshot(new Snapshot("unit-state-v1", 2, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        UnitStateView units = new UnitStateView();
        assertThat(new Replayer(log).rebuild(List.of(units))).isEqualTo(2);
        assertThat(units.units().keySet()).containsExactly("U-0", "U-1");
    }

    @Test
    void aSnapshotSavedAgainAtTheSameSeqReplacesTheFirstAndTheStoreStaysUp() {
        EventLog log = open();
        log.saveSnapshot(new Snapshot("a", 10, new byte[] {1}));
        log.saveSnapshot(new Snapshot("a", 10, new byte[] {2}));
        assertThat(log.latestSnapshot("a")).hasValueSatisfying(s -> {
            assertThat(s.seq()).isEqualTo(10);
            assertThat(s.state()).containsExactly(2);
        });
        assertThat(log.health().up()).isTrue();
    }

    @Test
    void keepsTheLastTwoSnapshotsPerView() {
        EventLog log = open();
        for (long seq = 10; seq <= 40; seq += 10) {
            log.saveSnapshot(new Snapshot("a", seq, new byte[] {(byte) seq}));
        }
        log.saveSnapshot(new Snapshot("b", 5, new byte[] {5}));
        assertThat(log.latestSnapshot("a")).hasValueSatisfying(s -> {
            assertThat(s.seq()).isEqualTo(40);
            assertThat(s.state()).containsExactly(40);
        });
        assertThat(log.latestSnapshot("b").map(Snapshot::seq)).contains(5L);
        assertThat(log.latestSnapshot("c")).isEmpty();
    }

    @Test
    void downsamplesOnlyHighRateTopicsBeforeTheCutoff() {
        EventLog log = open();
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // 2 units, each every 10 s, for 5 minutes
            entries.add(EventFixtures.positionEntry(i, 2, T0, 5));
        }
        ChatMessage chat = new ChatMessage(T0.plusSeconds(30), "m1", "A", "Alpha", "All", "seen", Double.NaN,
                Double.NaN, EventFixtures.MARKING);
        entries.add(new LogEntry("messages", "S1", chat));
        log.append(entries);
        UnitStateView before = new UnitStateView();
        new Replayer(log).replayAll(List.of(before));

        long deleted = log.downsample(Set.of("unit-positions"), T0.plusSeconds(200), Duration.ofMinutes(1));

        List<StoredEvent> left = all(log);
        Map<String, List<Instant>> perUnit = new TreeMap<>();
        for (StoredEvent e : left) {
            if (e.event() instanceof UnitPosition p) {
                perUnit.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(p.time());
            }
        }
        // cutoff 10:03:20 aligns down to 10:03:00: minutes 0, 1, 2 thinned to their last report, the rest untouched
        assertThat(perUnit.get("U-0")).containsExactly(T0.plusSeconds(50), T0.plusSeconds(110), T0.plusSeconds(170),
                T0.plusSeconds(180), T0.plusSeconds(190), T0.plusSeconds(200), T0.plusSeconds(210),
                T0.plusSeconds(220), T0.plusSeconds(230), T0.plusSeconds(240), T0.plusSeconds(250),
                T0.plusSeconds(260), T0.plusSeconds(270), T0.plusSeconds(280), T0.plusSeconds(290));
        assertThat(perUnit.get("U-1")).hasSize(15);
        assertThat(deleted).isEqualTo(60 - 30);
        assertThat(left.stream().map(StoredEvent::event).filter(ChatMessage.class::isInstance)).containsExactly(chat);
        UnitStateView after = new UnitStateView();
        new Replayer(log).replayAll(List.of(after));
        assertThat(after.units()).isEqualTo(before.units());
        assertThat(log.downsample(Set.of("unit-positions"), T0.plusSeconds(200), Duration.ofMinutes(1))).isZero();
    }
}
