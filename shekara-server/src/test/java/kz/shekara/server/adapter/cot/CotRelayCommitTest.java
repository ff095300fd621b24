package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.EventLogs;
import kz.shekara.server.store.ForwardingEventLog;
import kz.shekara.server.store.LogEntry;
import kz.shekara.server.store.LoggedBus;
import kz.shekara.server.store.StoreConfig;
import kz.shekara.server.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay never waits for the disk, over real sockets and a real SQLite log: while the log's
 * commit is held back, a device's reports reach another device (its second report too, so its
 * reader is not parked on the first one's commit), nothing of them is in the log or delivered to
 * the rest of the server yet; once the commit goes through they are stored in the order sent and
 * delivered, and after the server and its log are closed and the file opened again every accepted
 * report is there.
 */
class CotRelayCommitTest {
    private static final Instant T = CotRoutingTest.T;

    @TempDir
    Path dir;

    @Test
    void reportsAreRelayedWhileTheCommitIsHeldAndStoredInOrderOnceItGoesThrough() throws Exception {
        HeldLog log = new HeldLog(EventLogs.open(null, dir, StoreConfig.defaults()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoggedBus bus = new LoggedBus(new InMemoryBus(2, 10_000), log, StoreConfig.defaults(), registry, List.of());
        bus.start();
        List<String> delivered = new CopyOnWriteArrayList<>();
        bus.subscribe(Topic.UNIT_POSITIONS, "test", p -> delivered.add(p.unit() + "@" + p.time()));
        CotServer server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2),
                50, null), bus, CotRoutingTest.MARKING, registry, Clock.fixed(CotRoutingTest.NOW, ZoneOffset.UTC));
        try (TakTestClient listener = new TakTestClient(server.start());
             TakTestClient device = new TakTestClient(server.port())) {
            log.hold();
            device.send(TakXml.sa("DEV-1", "Alpha", 42.30, 69.60, T));
            assertThat(log.awaitHeld()).as("the first report's commit is under way and held").isTrue();
            assertThat(listener.nextWithUid("DEV-1").time()).isEqualTo(T);
            // Each next report is relayed while the first one's commit is still held.
            for (int i = 1; i < 3; i++) {
                device.send(TakXml.sa("DEV-1", "Alpha", 42.30 + i * 0.01, 69.60, T.plusSeconds(i)));
                assertThat(listener.nextWithUid("DEV-1").time()).isEqualTo(T.plusSeconds(i));
            }
            assertThat(delivered).as("nothing reaches the rest of the server before it is stored").isEmpty();
            assertThat(stored(log)).as("nothing is stored while the commit is held").isEmpty();

            log.release();
            bus.drain();
            assertThat(stored(log)).as("stored in the order sent").containsExactly(T, T.plusSeconds(1),
                    T.plusSeconds(2));
            // Delivered once stored (a queued older position of the unit may be replaced by its newer one).
            assertThat(delivered).isNotEmpty().last().isEqualTo("DEV-1@" + T.plusSeconds(2));
        } finally {
            log.release();
            server.close();
            bus.close();
            log.close();
        }
        try (EventLog reopened = EventLogs.open(null, dir, StoreConfig.defaults())) {
            assertThat(stored(reopened)).as("every accepted report, in the order sent, after a restart")
                    .containsExactly(T, T.plusSeconds(1), T.plusSeconds(2));
        }
    }

    @Test
    void reportsHandedOverWhileTheCommitIsHeldAreStoredWhenTheServerCloses() throws Exception {
        HeldLog log = new HeldLog(EventLogs.open(null, dir, StoreConfig.defaults()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoggedBus bus = new LoggedBus(new InMemoryBus(2, 10_000), log, StoreConfig.defaults(), registry, List.of());
        bus.start();
        CotServer server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2),
                50, null), bus, CotRoutingTest.MARKING, registry, Clock.fixed(CotRoutingTest.NOW, ZoneOffset.UTC));
        try (TakTestClient listener = new TakTestClient(server.start());
             TakTestClient device = new TakTestClient(server.port())) {
            log.hold();
            for (int i = 0; i < 5; i++) {
                device.send(TakXml.sa("DEV-2", "Bravo", 42.30, 69.60, T.plusSeconds(i)));
                assertThat(listener.nextWithUid("DEV-2").time()).isEqualTo(T.plusSeconds(i));
            }
            assertThat(log.awaitHeld()).isTrue();
        }
        server.close();
        // Closing the bus stores everything handed over: the held commit goes through as it closes.
        Thread closer = Thread.ofVirtual().start(bus::close);
        log.release();
        closer.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(closer.isAlive()).isFalse();
        log.close();
        try (EventLog reopened = EventLogs.open(null, dir, StoreConfig.defaults())) {
            assertThat(stored(reopened)).containsExactly(T, T.plusSeconds(1), T.plusSeconds(2), T.plusSeconds(3),
                    T.plusSeconds(4));
        }
    }

    private static List<Instant> stored(EventLog log) {
        try (Stream<StoredEvent> events = log.readAfter(0)) {
            return events.map(StoredEvent::event).filter(e -> e instanceof UnitPosition)
                    .map(e -> ((UnitPosition) e).time()).toList();
        }
    }

    /** A real log whose appends can be held back at will, as a slow disk would hold them. */
    private static final class HeldLog extends ForwardingEventLog {
        private final CountDownLatch held = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        HeldLog(EventLog delegate) {
            super(delegate);
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        /** True once an append is waiting at the gate (bounded wait). */
        boolean awaitHeld() throws InterruptedException {
            return held.await(20, TimeUnit.SECONDS);
        }

        @Override
        public long append(List<LogEntry> entries) {
            CountDownLatch g = gate;
            if (g.getCount() > 0) {
                held.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.append(entries);
        }
    }
}
