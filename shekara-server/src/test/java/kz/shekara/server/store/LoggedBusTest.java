package kz.shekara.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.response.UnitStateView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class LoggedBusTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static boolean stored(EventLog log, UnitPosition p) {
        try (Stream<StoredEvent> s = log.readAfter(0)) {
            return s.anyMatch(e -> e.event().equals(p));
        }
    }

    @Test
    void subscribersSeeOnlyWhatIsAlreadyStored() throws InterruptedException {
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of())) {
            bus.start();
            List<Boolean> storedWhenDelivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "check", p -> storedWhenDelivered.add(stored(log, p)));
            for (int i = 0; i < 20; i++) {
                bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(i, 20, T0, 1));
            }
            bus.drain();
            assertThat(storedWhenDelivered).hasSize(20).containsOnly(true);
            assertThat(registry.get("shekara.store.appended").counter().count()).isEqualTo(20);
        }
    }

    @Test
    void awaitHandedOnWaitsForTheForwarderAndIsWokenWhenItHasHandedEverythingOn() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kz.shekara.server.bus.Bus held = new kz.shekara.server.bus.ForwardingBus(new InMemoryBus()) {
            @Override
            public <E extends kz.shekara.model.DomainEvent> void publish(Topic<E> topic, String key, E event) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.publish(topic, key, event);
            }
        };
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(held, log, StoreConfig.defaults(), registry, List.of())) {
            bus.start();
            assertThat(bus.awaitHandedOn(Duration.ZERO)).as("nothing given yet").isTrue();
            java.util.concurrent.CompletableFuture<Void> delivered =
                    bus.publishAsync(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(0, 1, T0, 1));
            assertThat(bus.awaitHandedOn(Duration.ofMillis(300))).as("held by the bus it hands on to").isFalse();
            assertThat(bus.pendingCount()).isEqualTo(1);
            java.util.concurrent.CompletableFuture<Boolean> waiting = new java.util.concurrent.CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    waiting.complete(bus.awaitHandedOn(Duration.ofMinutes(2)));
                } catch (InterruptedException e) {
                    waiting.completeExceptionally(e);
                }
            });
            release.countDown();
            assertThat(waiting.get(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            waiter.join();
            delivered.join();
            assertThat(bus.pendingCount()).isZero();
        }
    }

    @Test
    void refusesEventsWhileThePostgresServerIsDownAndRecoversWhenItReturns(LocalPostgres pg) throws InterruptedException {
        String url = pg.createDatabase();
        UnitStateView units = new UnitStateView();
        try (EventLog log = new PostgresEventLog(url);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of(units))) {
            bus.start();
            List<UnitPosition> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "seen", delivered::add);
            UnitPosition first = EventFixtures.position(0, 3, T0, 1);
            UnitPosition lost = EventFixtures.position(1, 3, T0, 1);
            UnitPosition after = EventFixtures.position(2, 3, T0, 1);
            bus.publish(Topic.UNIT_POSITIONS, "S1", first);

            pg.stopServer();
            try {
                assertThatThrownBy(() -> bus.publish(Topic.UNIT_POSITIONS, "S1", lost))
                        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("connection lost");
                assertThat(bus.health().status()).isEqualTo(StoreHealth.Status.DOWN);
                assertThat(bus.health().detail()).startsWith("connection lost");
                assertThat(registry.get("shekara.store.failures").counter().count()).isEqualTo(1);
                assertThat(registry.get("shekara.store.up").gauge().value()).isZero();
                assertThat(units.unit("U-0")).contains(first); // reads go on from the views
            } finally {
                pg.startServer();
            }
            assertThat(bus.health().up()).isTrue(); // the health check itself probes the store again
            bus.publish(Topic.UNIT_POSITIONS, "S1", after);
            bus.drain();
            assertThat(delivered).containsExactly(first, after);
            assertThat(EventLogContract.all(log).stream().map(StoredEvent::event)).containsExactly(first, after);
            assertThat(EventLogContract.all(log).stream().map(StoredEvent::seq)).containsExactly(1L, 2L);
            assertThat(units.units().keySet()).containsExactly("U-0", "U-2");
        }
    }

    @Test
    void reportsAFullSqliteStoreAndRecoversWhenSpaceIsFreed() {
        StoreConfig config = StoreConfig.defaults().withSqliteMaxBytes(256 * 1024);
        try (EventLog log = new SqliteEventLog(dir.resolve("small.db"), config);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, registry, List.of())) {
            bus.start();
            int accepted = 0;
            StoreUnavailableException full = null;
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(i, 2, T0, 1));
                    accepted++;
                } catch (StoreUnavailableException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull().hasMessageContaining("disk full");
            assertThat(bus.health().up()).isFalse();
            assertThat(EventLogContract.all(log)).hasSize(accepted); // reads still served; nothing half-stored
            assertThat(log.downsample(Set.of("unit-positions"), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
                    .isPositive();
            bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(accepted, 2, T0, 1));
            assertThat(bus.health().up()).isTrue();
        }
    }

    @Test
    void asynchronousEventsAreDeliveredOnlyOnceStoredAndInTheOrderHandedOver() throws InterruptedException {
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of())) {
            bus.start();
            List<Boolean> storedWhenDelivered = new CopyOnWriteArrayList<>();
            List<UnitPosition> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "check", p -> {
                storedWhenDelivered.add(stored(log, p));
                delivered.add(p);
            });
            List<UnitPosition> sent = new java.util.ArrayList<>();
            List<UnitPosition> sentAsync = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                UnitPosition p = EventFixtures.position(i, 300, T0, 1);
                sent.add(p);
                if (i % 50 == 7) {
                    bus.publish(Topic.UNIT_POSITIONS, "S1", p); // stored after everything handed over before it
                    assertThat(stored(log, sent.get(i - 1))).isTrue();
                } else {
                    bus.publishAsync(Topic.UNIT_POSITIONS, "S1", p);
                    sentAsync.add(p);
                }
            }
            bus.drain();
            assertThat(storedWhenDelivered).hasSize(300).containsOnly(true);
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(delivered.stream().filter(sentAsync::contains).toList()).containsExactlyElementsOf(sentAsync);
            assertThat(EventLogContract.all(log).stream().map(StoredEvent::event)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void chunksPublishedWithoutWaitingAreDeliveredOnlyOnceStoredInOrderAndTheLogOrderFeedSeesTheirSeqs()
            throws InterruptedException {
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of())) {
            bus.start();
            List<Boolean> storedWhenDelivered = new CopyOnWriteArrayList<>();
            List<UnitPosition> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "check", p -> {
                storedWhenDelivered.add(stored(log, p));
                delivered.add(p);
            });
            List<Long> seqs = new CopyOnWriteArrayList<>();
            bus.subscribeInLogOrder(Topic.UNIT_POSITIONS, "in-log-order", (seq, p) -> seqs.add(seq));
            List<UnitPosition> sent = new java.util.ArrayList<>();
            List<java.util.concurrent.CompletableFuture<Void>> futures = new java.util.ArrayList<>();
            for (int chunk = 0; chunk < 40; chunk++) {
                List<UnitPosition> c = new java.util.ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    c.add(EventFixtures.position(chunk * 25 + i, 1_000, T0, 1));
                }
                sent.addAll(c);
                futures.add(bus.publishAllAsync(Topic.UNIT_POSITIONS, "S1", c));
            }
            futures.forEach(java.util.concurrent.CompletableFuture::join);
            bus.drain();
            assertThat(storedWhenDelivered).hasSize(1_000).containsOnly(true);
            assertThat(delivered).containsExactlyElementsOf(sent);
            assertThat(EventLogContract.all(log).stream().map(StoredEvent::event)).containsExactlyElementsOf(sent);
            assertThat(seqs).containsExactlyElementsOf(EventLogContract.all(log).stream().map(StoredEvent::seq).toList());
        }
    }

    @Test
    void anAsynchronousEventTheStoreRefusesIsReportedKeptAndStoredOnceThereIsRoom() throws InterruptedException {
        StoreConfig config = StoreConfig.defaults().withSqliteMaxBytes(256 * 1024);
        try (EventLog log = new SqliteEventLog(dir.resolve("small.db"), config);
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, config, registry, List.of())) {
            bus.start();
            List<UnitPosition> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(Topic.UNIT_POSITIONS, "seen", delivered::add);
            int accepted = 0;
            boolean full = false;
            for (int i = 0; i < 100_000 && !full; i++) {
                try {
                    bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(i, 2, T0, 1));
                    accepted++;
                } catch (StoreUnavailableException e) {
                    full = true;
                }
            }
            assertThat(full).isTrue();
            UnitPosition kept = EventFixtures.position(accepted + 1, 2, T0.plus(Duration.ofDays(2)), 1);
            UnitPosition next = EventFixtures.position(accepted + 2, 2, T0.plus(Duration.ofDays(2)), 1);
            var refused = bus.publishAsync(Topic.UNIT_POSITIONS, "S1", kept);
            assertThatThrownBy(refused::join).hasCauseInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("disk full");
            assertThat(bus.health().up()).isFalse();
            assertThat(stored(log, kept)).isFalse();
            assertThat(delivered).doesNotContain(kept); // not delivered before it is stored

            assertThat(log.downsample(Set.of("unit-positions"), T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
                    .isPositive();
            bus.publishAsync(Topic.UNIT_POSITIONS, "S1", next).join();
            bus.drain();
            assertThat(bus.health().up()).isTrue();
            assertThat(stored(log, kept)).isTrue();
            assertThat(delivered.subList(delivered.size() - 2, delivered.size())).containsExactly(kept, next);
        }
    }

    @Test
    void refusesToPublishBeforeStart() {
        try (EventLog log = new SqliteEventLog(dir.resolve("events.db"), StoreConfig.defaults());
             LoggedBus bus = new LoggedBus(new InMemoryBus(), log, StoreConfig.defaults(), registry, List.of())) {
            assertThatThrownBy(() -> bus.publish(Topic.UNIT_POSITIONS, "S1", EventFixtures.position(0, 1, T0, 1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
