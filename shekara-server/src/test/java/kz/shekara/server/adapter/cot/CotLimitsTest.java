package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a CoT input tolerates, over real sockets: connection caps in all and per address, the idle
 * and the event timeouts (a client dribbling an event a byte at a time; one quiet between events is
 * idle, not dribbling), and reports stamped ahead
 * of the server's clock, refused or placed at their receive time; each counted.
 */
class CotLimitsTest {
    private static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final BlockingQueue<UnitPosition> published = new LinkedBlockingQueue<>();
    private final List<TakTestClient> clients = new ArrayList<>();
    private CotServer server;

    private void start(CotLimits limits) throws Exception {
        bus.subscribe(Topic.UNIT_POSITIONS, "test", published::add);
        server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50, null)
                .withLimits(limits), bus, CotDeviceTimeTest.MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        TakTestClient.closeAll(clients, server, bus);
    }

    private TakTestClient connect() throws Exception {
        TakTestClient c = new TakTestClient(server.port());
        clients.add(c);
        return c;
    }

    private double rejected(String reason) {
        var c = registry.find("shekara.adapter.rejections").tag("adapter", "cot").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private double notices(String reason) {
        var c = registry.find("shekara.cot.notices").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Joins as a device and waits until the server has its SA: the client is in. */
    private TakTestClient join(String uid) throws Exception {
        TakTestClient c = connect();
        c.send(sa(uid, uid, "Cyan", 42.3, 69.6, NOW));
        await(() -> server.connectedClients().stream().anyMatch(k -> uid.equals(k.uid())));
        return c;
    }

    @Test
    void aClientOverThePerAddressCapIsClosedAndCountedAndOneLeavingMakesRoom() throws Exception {
        start(CotLimits.DEFAULTS.withConnections(100, 2));
        TakTestClient a = join("A");
        join("B");
        TakTestClient third = connect();
        assertThat(third.closedWithin(20)).as("a third client from 127.0.0.1 is closed").isTrue();
        assertThat(rejected("max-per-address")).isEqualTo(1);
        assertThat(server.connectedClients()).hasSize(2);

        a.close();
        await(() -> server.connectedClients().size() == 1);
        join("C");
        assertThat(server.connectedClients()).extracting(ConnectedClient::uid).containsExactlyInAnyOrder("B", "C");
        assertThat(rejected("max-per-address")).isEqualTo(1);
    }

    @Test
    void aClientOverTheConnectionCapIsClosedAndCounted() throws Exception {
        start(CotLimits.DEFAULTS.withConnections(2, 100));
        join("A");
        join("B");
        TakTestClient third = connect();
        assertThat(third.closedWithin(20)).isTrue();
        assertThat(rejected("max-connections")).isEqualTo(1);
        assertThat(rejected("max-per-address")).isZero();
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheIdleTimeoutWhileAnActiveOneStays() throws Exception {
        start(CotLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(1)));
        TakTestClient silent = connect();
        TakTestClient active = join("ACTIVE");
        // The active device reports every 200 ms, a tenth of the idle timeout, until the silent one is gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!silent.closedWithin(0) && System.nanoTime() < deadline) {
            active.send(sa("ACTIVE", "ACTIVE", "Cyan", 42.3, 69.6, NOW));
            Thread.sleep(200);
        }
        assertThat(silent.closedWithin(0)).as("the silent client is closed").isTrue();
        assertThat(rejected("idle-timeout")).isEqualTo(1);
        assertThat(server.connectedClients()).extracting(ConnectedClient::uid).containsExactly("ACTIVE");
    }

    @Test
    void aClientDribblingAnEventAByteAtATimeIsClosedAfterTheEventTimeout() throws Exception {
        start(CotLimits.DEFAULTS.withTimeouts(Duration.ofMinutes(1), Duration.ofSeconds(2)));
        TakTestClient good = join("GOOD");
        TakTestClient loris = connect();
        byte[] event = sa("LORIS", "LORIS", "Cyan", 42.3, 69.6, NOW).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int sent = 0;
        // A byte every 100 ms: never idle, and the event (a few hundred bytes) would take half a minute.
        while (!loris.closedWithin(0) && System.nanoTime() < deadline && sent < event.length - 1) {
            try {
                loris.send(new byte[] {event[sent++]});
            } catch (java.io.IOException closed) {
                break;
            }
            good.send(sa("GOOD", "GOOD", "Cyan", 42.3, 69.6, NOW));
            Thread.sleep(100);
        }
        assertThat(loris.closedWithin(20)).as("the dribbling client is closed").isTrue();
        assertThat(sent).as("before its event was complete").isLessThan(event.length - 1);
        assertThat(rejected("event-timeout")).isEqualTo(1);
        assertThat(rejected("idle-timeout")).isZero();
        assertThat(server.connectedClients()).extracting(ConnectedClient::uid).containsExactly("GOOD");
    }

    @Test
    void aClientQuietAfterEventsEndedByANewlineIsIdleNotDribblingAndIsClosedOnlyAfterTheIdleTimeout()
            throws Exception {
        start(CotLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)));
        // Each event ends with a newline, as most clients send them: nothing of a next event is held.
        TakTestClient quiet = join("QUIET");
        quiet.send(sa("QUIET", "QUIET", "Cyan", 42.31, 69.6, NOW) + "\r\n");
        // Three event timeouts of quiet: no event is incomplete, so the event timeout does not apply.
        Thread.sleep(3_000);
        assertThat(quiet.closedWithin(0)).as("not closed for an event it never began").isFalse();
        assertThat(rejected("event-timeout")).isZero();

        assertThat(quiet.closedWithin(30)).as("closed once idle for the idle timeout").isTrue();
        assertThat(rejected("idle-timeout")).isEqualTo(1);
        assertThat(rejected("event-timeout")).isZero();
    }

    @Test
    void aReportAnHourAheadIsRefusedWhenConfiguredAndCounted() throws Exception {
        start(CotLimits.DEFAULTS.withRefuseAhead(true));
        TakTestClient a = connect();
        a.send(sa("FAST", "FAST", "Cyan", 42.3, 69.6, NOW.plus(Duration.ofHours(1))));
        a.send(sa("GOOD", "GOOD", "Cyan", 42.3, 69.6, NOW.minusSeconds(2)));
        UnitPosition p = published.poll(20, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.unit()).as("the report ahead is not published").isEqualTo("GOOD");
        assertThat(rejected("time-ahead")).isEqualTo(1);
        assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aReportAnHourAheadIsPlacedAtItsReceiveTimeByDefaultAndCounted() throws Exception {
        start(CotLimits.DEFAULTS);
        TakTestClient a = connect();
        a.send(sa("FAST", "FAST", "Cyan", 42.3, 69.6, NOW.plus(Duration.ofHours(1))));
        UnitPosition p = published.poll(20, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        assertThat(p.time()).as("on the server's clock, not the device's").isEqualTo(NOW);
        assertThat(notices("time-ahead")).isEqualTo(1);
        assertThat(notices("clock-skew")).isZero();
        assertThat(rejected("time-ahead")).isZero();

        // The device's clock is right again: its next report is applied, not held back as older than the glitch.
        a.send(sa("FAST", "FAST", "Cyan", 42.4, 69.7, NOW.minusSeconds(1)));
        UnitPosition next = published.poll(20, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next.lat()).isEqualTo(42.4);
        assertThat(next.time()).as("never before the one placed").isEqualTo(NOW);
        assertThat(notices("out-of-order")).isZero();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }
}
