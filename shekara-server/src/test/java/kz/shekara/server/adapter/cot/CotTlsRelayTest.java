package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import kz.shekara.server.bus.InMemoryBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay over TLS under a burst: several devices, each with its own issued certificate, send
 * their positions all at once, and every device receives every position of every other device, in
 * the order sent. A client whose queue is far from full is not slow, so none of its positions is
 * superseded however the writers are scheduled (a TLS writer gathers what arrives within
 * {@link CotConnection#TLS_FLUSH_GAP} of its last write into its next: order and count stay).
 */
class CotTlsRelayTest {
    private static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");
    private static final int DEVICES = 6;
    private static final int POSITIONS = 150;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final List<TakTestClient> clients = new ArrayList<>();
    private CotServer server;

    @AfterEach
    void stop() throws Exception {
        TakTestClient.closeAll(clients, server, bus);
    }

    @Test
    void everyTlsDeviceGetsEveryPositionOfTheOthersWhenAllSendAtOnce() throws Exception {
        CertificateAuthority ca = CertificateAuthority.init(dir.resolve("data"), Clock.systemUTC());
        // Room for every event a client gets in this test, so a full queue is never the reason to shed.
        int capacity = (DEVICES - 1) * POSITIONS + 100;
        server = new CotServer(new CotServerConfig("127.0.0.1", -1, -1, 8192, capacity, Duration.ofMinutes(2), 50,
                null), bus, CotTlsTest.MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
        int port = server.startTls(ca.serverContext(server::tlsRefused), 0, user -> java.util.Optional.empty());
        for (int d = 0; d < DEVICES; d++) {
            Path out = dir.resolve("out-" + d);
            ClientFiles.write(ca.issue("dev-" + d, "kz-bs"), out, "atakatak", "localhost", port);
            clients.add(new TakTestClient(TestTls.socket(out, "dev-" + d, port)));
        }
        CotRoutingTest.await(() -> server.connectedClients().size() == DEVICES);

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String burst = burst(d);
            TakTestClient c = clients.get(d);
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    c.send(burst);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : senders) {
            t.join();
        }

        for (int d = 0; d < DEVICES; d++) {
            Map<String, List<Instant>> got = new HashMap<>();
            CotEvent next;
            for (int i = 0; i < (DEVICES - 1) * POSITIONS && (next = clients.get(d).poll(20)) != null; i++) {
                got.computeIfAbsent(next.uid(), u -> new ArrayList<>()).add(next.time());
            }
            assertThat(got.keySet()).as("device %d hears every other device and not itself", d)
                    .hasSize(DEVICES - 1).doesNotContain(uid(d));
            for (Map.Entry<String, List<Instant>> e : got.entrySet()) {
                assertThat(e.getValue()).as("device %d got every position of %s in order", d, e.getKey())
                        .containsExactlyElementsOf(times());
            }
        }
        assertThat(registry.get("shekara.adapter.events.in").counter().count()).isEqualTo(DEVICES * POSITIONS);
        assertThat(registry.get("shekara.cot.slow.clients").counter().count()).isZero();
    }

    @Test
    void aTlsDeviceThatStopsReadingIsDroppedWithoutHoldingUpTheOthers() throws Exception {
        CertificateAuthority ca = CertificateAuthority.init(dir.resolve("data"), Clock.systemUTC());
        server = new CotServer(new CotServerConfig("127.0.0.1", -1, -1, 8192, 200, Duration.ofMinutes(2), 50,
                null), bus, CotTlsTest.MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
        int port = server.startTls(ca.serverContext(server::tlsRefused), 0, user -> java.util.Optional.empty());
        List<String> users = List.of("dev-a", "dev-b", "dev-s");
        for (String user : users) {
            Path out = dir.resolve("out-" + user);
            ClientFiles.write(ca.issue(user, "kz-bs"), out, "atakatak", "localhost", port);
            javax.net.ssl.SSLSocket s = TestTls.socket(out, user, port);
            s.startHandshake();
            clients.add(new TakTestClient(s, !"dev-s".equals(user)));
        }
        TakTestClient a = clients.get(0);
        TakTestClient b = clients.get(1);
        CotRoutingTest.await(() -> server.connectedClients().size() == users.size());

        // Far more than the stalled device's socket buffers and its 200-event queue hold: its writer blocks
        // in a TLS write, and the device is dropped while that write still holds the connection.
        String padding = "p".repeat(2000);
        for (int r = 0; r < 40; r++) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                batch.append(CotServerTest.chat("A", "ALPHA", "m" + r + "-" + i, padding, null));
            }
            a.send(batch.toString());
            for (int i = 0; i < 100; i++) {
                assertThat(b.next().detail().chat().messageId()).as("B keeps getting A's chats")
                        .isEqualTo("m" + r + "-" + i);
            }
        }
        assertThat(registry.get("shekara.cot.slow.clients").counter().count()).isEqualTo(1);
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);
    }

    private static String uid(int device) {
        return "DEV-" + device;
    }

    /** Device {@code d}'s positions, 100 ms apart by its clock, as one write. */
    private static String burst(int d) {
        StringBuilder b = new StringBuilder();
        List<Instant> times = times();
        for (int i = 0; i < times.size(); i++) {
            b.append(sa(uid(d), "D" + d, "Cyan", 42.0 + i * 1e-4, 69.0 + d * 1e-2, times.get(i)));
        }
        return b.toString();
    }

    private static List<Instant> times() {
        List<Instant> t = new ArrayList<>();
        for (int i = 0; i < POSITIONS; i++) {
            t.add(NOW.plusMillis(100L * i));
        }
        return t;
    }
}
