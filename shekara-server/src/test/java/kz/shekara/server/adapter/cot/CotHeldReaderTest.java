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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CoT timeouts blame a client only for the time it kept the server waiting: while the server
 * holds a client's reader itself (back-pressure from the bus, as a Kafka bus with its cluster away
 * applies), the part of the next event already received is not the client dribbling, and the client
 * is neither idle nor slow. Once the reader waits on the client again, the guard applies as before.
 */
class CotHeldReaderTest {
    private static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** How long the bus holds the reader: several event timeouts and more than the idle timeout. */
    private static final Duration HELD = Duration.ofSeconds(7);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HoldingBus bus = new HoldingBus();
    private final BlockingQueue<UnitPosition> published = new LinkedBlockingQueue<>();
    private final List<TakTestClient> clients = new ArrayList<>();
    private CotServer server;

    @AfterEach
    void stop() throws Exception {
        bus.release();
        TakTestClient.closeAll(clients, server, bus);
    }

    @Test
    void aClientWhoseReaderTheServerHoldsPastTheTimeoutsStaysWhileOneThatLeavesAnEventHalfSentIsClosed()
            throws Exception {
        bus.subscribe(Topic.UNIT_POSITIONS, "test", published::add);
        server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50, null)
                .withLimits(CotLimits.DEFAULTS.withTimeouts(IDLE_TIMEOUT, EVENT_TIMEOUT)), bus,
                CotDeviceTimeTest.MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
        TakTestClient device = new TakTestClient(server.port());
        clients.add(device);
        byte[] second = report(1);

        // The first report whole and half the second, read together: the half is left pending.
        device.send(concat(report(0), Arrays.copyOf(second, second.length / 2)));
        assertThat(nextPosition().lat()).isEqualTo(lat(0));
        // The bus holds every publisher from now on: the rest of the second report completes it, and
        // publishing it holds the reader, which had that report pending since the read before.
        bus.hold();
        device.send(Arrays.copyOfRange(second, second.length / 2, second.length));
        assertThat(bus.held.await(20, TimeUnit.SECONDS)).as("the reader is held by the bus").isTrue();
        Thread.sleep(HELD.toMillis());
        assertThat(device.closedWithin(0)).as("not closed while the server held its reader").isFalse();
        assertThat(rejected("event-timeout")).isZero();
        assertThat(rejected("idle-timeout")).isZero();

        bus.release();
        assertThat(nextPosition().lat()).isEqualTo(lat(1));
        device.send(report(2));
        assertThat(nextPosition().lat()).as("the connection went on").isEqualTo(lat(2));
        assertThat(rejected("event-timeout")).isZero();
        assertThat(rejected("idle-timeout")).isZero();

        // Now the client itself leaves an event half sent: the guard closes it.
        byte[] last = report(3);
        device.send(Arrays.copyOf(last, last.length / 2));
        assertThat(device.closedWithin(20)).as("closed for the event it left half sent").isTrue();
        assertThat(rejected("event-timeout")).isEqualTo(1);
        assertThat(rejected("idle-timeout")).isZero();
        assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private UnitPosition nextPosition() throws InterruptedException {
        UnitPosition p = published.poll(20, TimeUnit.SECONDS);
        assertThat(p).as("a position published").isNotNull();
        return p;
    }

    private static double lat(int n) {
        return 42.3 + n * 0.01;
    }

    /** The device's n-th report, each a second after the one before. */
    private static byte[] report(int n) {
        return sa("HELD", "HELD", "Cyan", lat(n), 69.6, NOW.minusSeconds(60 - n)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private double rejected(String reason) {
        var c = registry.find("shekara.adapter.rejections").tag("adapter", "cot").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** An in-memory bus whose publishers wait, once told to hold, until it is released. */
    private static final class HoldingBus implements Bus {
        private final InMemoryBus inner = new InMemoryBus(2, 10_000);
        private final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch held = new CountDownLatch(1);
        private volatile boolean holding;

        void hold() {
            holding = true;
        }

        void release() {
            released.countDown();
        }

        @Override
        public <E extends DomainEvent> void publish(Topic<E> topic, String key, E event) {
            if (holding) {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while held", e);
                }
            }
            inner.publish(topic, key, event);
        }

        @Override
        public <E extends DomainEvent> Subscription subscribe(Topic<E> topic, String group,
                                                             Consumer<? super E> handler) {
            return inner.subscribe(topic, group, handler);
        }

        @Override
        public void drain() throws InterruptedException {
            inner.drain();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
