package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LoggedBus}'s bulk lane: chunks of {@link LoggedBus#publishAllAsync} are stored in order among
 * themselves and delivered only once stored, while whatever else is handed over after them (an
 * asynchronous event, an alarm, the alert it raises) is stored in the next commit, ahead of them. The
 * writer is held on a commit (by a view that blocks while applying it) so that a backlog is queued
 * when the front events arrive.
 */
class BulkLaneTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static Theatre theatre;

    @BeforeAll
    static void loadTheatre() throws Exception {
        theatre = TheatreLoader.loadDefault();
    }

    /** A view that, once armed, holds the log writer on the next event it applies until released. */
    private static final class WriterHold implements LogView {
        private volatile boolean armed;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        void arm() {
            armed = true;
        }

        void awaitHolding() throws InterruptedException {
            assertThat(holding.await(30, TimeUnit.SECONDS)).as("the writer reached the hold").isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public String name() {
            return "writer-hold";
        }

        @Override
        public void apply(StoredEvent event) {
            if (armed) {
                armed = false;
                holding.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public byte[] snapshot() {
            return new byte[0];
        }

        @Override
        public void restore(byte[] state) {
            // holds nothing
        }
    }

    private static List<DomainEvent> logged(EventLog log) {
        return EventLogContract.all(log).stream().map(StoredEvent::event).toList();
    }

    private static long seqOf(EventLog log, Object event) {
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            return s.filter(e -> e.event().equals(event)).mapToLong(StoredEvent::seq).findFirst().orElse(0);
        }
    }

    private static List<UnitPosition> chunk(int first, int size) {
        List<UnitPosition> c = new ArrayList<>();
        for (int i = first; i < first + size; i++) {
            c.add(EventFixtures.position(i, 100, T0, 1));
        }
        return c;
    }

    @Test
    void eventsHandedOverAfterBulkChunksAreStoredInTheNextCommitAheadOfThem() throws InterruptedException {
        WriterHold hold = new WriterHold();
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of(hold))) {
            bus.start();
            List<Boolean> storedWhenDelivered = new CopyOnWriteArrayList<>();
            List<UnitPosition> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "check", p -> {
                storedWhenDelivered.add(seqOf(log, p) > 0);
                delivered.add(p);
            });
            UnitPosition held = EventFixtures.position(99, 100, T0, 1);
            hold.arm();
            bus.publishAsync(Topic.UNIT_POSITIONS, "S1", held);
            hold.awaitHolding();

            List<UnitPosition> bulk = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                List<UnitPosition> chunk = chunk(c * 10, 10);
                bulk.addAll(chunk);
                bus.publishAllAsync(Topic.UNIT_POSITIONS, "S1", chunk);
            }
            UnitPosition first = EventFixtures.position(60, 100, T0, 1);
            bus.publishAsync(Topic.UNIT_POSITIONS, "S1", first);
            List<UnitPosition> last = chunk(50, 10); // every unit once: a newer position supersedes none queued
            bulk.addAll(last);
            bus.publishAllAsync(Topic.UNIT_POSITIONS, "S1", last);
            UnitPosition second = EventFixtures.position(61, 100, T0, 1);
            bus.publishAsync(Topic.UNIT_POSITIONS, "S1", second);
            hold.release();
            bus.drain();

            List<DomainEvent> expected = new ArrayList<>(List.of(held, first, second));
            expected.addAll(bulk);
            assertThat(logged(log)).containsExactlyElementsOf(expected);
            assertThat(storedWhenDelivered).hasSize(63).containsOnly(true);
            assertThat(delivered.stream().filter(bulk::contains).toList()).containsExactlyElementsOf(bulk);
            assertThat(delivered.stream().filter(p -> p == first || p == second).toList()).containsExactly(first, second);
        }
    }

    @Test
    void aFrontEventOvertakesABulkBacklogOfSeveralCommitsWhichKeepsItsOrder() throws InterruptedException {
        StoreConfig config = new StoreConfig(StoreConfig.Synchronous.FULL, 0, 100, 100_000, RetentionPolicy.defaults());
        WriterHold hold = new WriterHold();
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), config);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, registry, List.of(hold))) {
            bus.start();
            List<Long> seqs = new CopyOnWriteArrayList<>();
            bus.subscribeInLogOrder(Topic.UNIT_POSITIONS, "in-log-order", (seq, p) -> seqs.add(seq));
            UnitPosition held = EventFixtures.position(9_999, 100, T0, 1);
            hold.arm();
            bus.publishAsync(Topic.UNIT_POSITIONS, "S1", held);
            hold.awaitHolding();

            List<UnitPosition> bulk = new ArrayList<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                List<UnitPosition> chunk = chunk(c * 50, 50); // 1,000 events: ten commits of 100
                bulk.addAll(chunk);
                futures.add(bus.publishAllAsync(Topic.UNIT_POSITIONS, "S1", chunk));
            }
            UnitPosition front = EventFixtures.position(5_000, 100, T0, 1);
            CompletableFuture<Void> frontDelivered = bus.publishAsync(Topic.UNIT_POSITIONS, "S1", front);
            hold.release();
            futures.forEach(CompletableFuture::join);
            frontDelivered.join();
            bus.drain();

            assertThat(seqOf(log, front)).as("stored in the commit after the held one").isEqualTo(2);
            assertThat(logged(log).subList(2, 1_002)).containsExactlyElementsOf(bulk);
            assertThat(seqs).containsExactlyElementsOf(EventLogContract.all(log).stream().map(StoredEvent::seq).toList());
        }
    }

    @Test
    void anAlarmAndItsAlertAreStoredAheadOfThePlotChunksQueuedBeforeThemAndTheAlertOnlyDeliveredOnceStored()
            throws Exception {
        WriterHold hold = new WriterHold();
        InMemoryBus memory = new InMemoryBus();
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(memory, log, StoreConfig.defaults(), registry, List.of(hold))) {
            bus.start();
            List<Alert> alerts = new CopyOnWriteArrayList<>();
            List<Boolean> storedWhenDelivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.ALERTS, "check", a -> {
                storedWhenDelivered.add(seqOf(log, a) > 0);
                alerts.add(a);
            });
            List<Detection> plotsDelivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.OBSERVATIONS, "plots", d -> {
                if (d.kind() == SensorKind.RADAR) {
                    plotsDelivered.add(d);
                }
            });
            try (RulesService rules = new RulesService(RulesSettings.defaults(), bus, theatre, new SimpleMeterRegistry(),
                    Clock.fixed(T0, ZoneOffset.UTC))) {
                rules.start();
                hold.arm();
                bus.publishAsync(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(0, 1, T0, 1));
                hold.awaitHolding();

                Sensor radar = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).findFirst()
                        .orElseThrow();
                List<Detection> plots = new ArrayList<>();
                for (int c = 0; c < 20; c++) {
                    List<Detection> chunk = new ArrayList<>();
                    for (int k = 0; k < 50; k++) {
                        chunk.add(new Detection(T0.plusMillis(10L * c), radar.id(), SensorKind.RADAR,
                                radar.lat() + k * 1e-4, radar.lon(), radar.sigmaM(), theatre.defaultMarking()));
                    }
                    plots.addAll(chunk);
                    bus.publishAllAsync(Topic.OBSERVATIONS, radar.sector(), chunk);
                }
                Sensor fence = theatre.sensors().stream().filter(s -> s.kind().isAlarm()).findFirst().orElseThrow();
                Detection alarm = new Detection(T0.plusMillis(200), fence.id(), fence.kind(), fence.lat(), fence.lon(),
                        fence.sigmaM(), theatre.defaultMarking());
                bus.publishAllAsync(Topic.OBSERVATIONS, fence.sector(), List.of(alarm));
                memory.drain(); // the rules have seen the alarm and handed over their alert
                assertThat(plotsDelivered).as("no plot delivered before it is stored").isEmpty();
                assertThat(alerts).as("no alert delivered before it is stored").isEmpty();
                hold.release();
                bus.drain();

                long alarmSeq = seqOf(log, alarm);
                Alert alert = alerts.stream().filter(a -> a.rule() == RuleKind.SENSOR_ALARM).findFirst().orElseThrow();
                long firstPlot = plots.stream().mapToLong(p -> seqOf(log, p)).min().orElseThrow();
                assertThat(alarmSeq).as("the alarm stored in the commit after the held one").isEqualTo(2);
                assertThat(seqOf(log, alert)).as("the alert after its alarm, before the plots queued earlier")
                        .isGreaterThan(alarmSeq).isLessThan(firstPlot);
                assertThat(storedWhenDelivered).isNotEmpty().containsOnly(true);
                assertThat(plotsDelivered).containsExactlyElementsOf(plots);
            }
        }
    }
}
