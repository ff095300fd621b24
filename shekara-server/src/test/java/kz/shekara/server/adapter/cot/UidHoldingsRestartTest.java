package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import kz.shekara.server.access.AccessDatabase;
import kz.shekara.server.access.UidHoldings;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.store.EventLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A uid a certificate spoke for stays its own across a real restart of the server and its store
 * (a new CoT server over the same SQLite file, opened again): another certificate is refused it
 * after the restart, the holder keeps it.
 */
class UidHoldingsRestartTest {
    private static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");

    @TempDir
    Path dir;

    private record Running(CotServer server, InMemoryBus bus, SimpleMeterRegistry registry, int tlsPort) {
        void close() {
            server.close();
            bus.close();
        }

        double uidNotYours() {
            var c = registry.find("shekara.adapter.rejections").tags("adapter", "cot", "reason", "uid-not-yours")
                    .counter();
            return c == null ? 0 : c.count();
        }
    }

    /** A CoT server over the store in {@code data}, opened afresh, as a server start does. */
    private Running start(Path data) throws Exception {
        String url = EventLogs.jdbcUrl(null, data);
        AccessDatabase db = AccessDatabase.open(url);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InMemoryBus bus = new InMemoryBus(2, 10_000);
        CotServer server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50,
                null), bus, CotTlsTest.MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
        server.uidHoldings(new UidHoldings(db, Clock.systemUTC())::hold);
        CertificateAuthority ca = CertificateAuthority.open(data, Clock.systemUTC());
        int port = server.startTls(ca.serverContext(server::tlsRefused), 0, new kz.shekara.server.access.AccountStore(db)::find);
        return new Running(server, bus, registry, port);
    }

    private static TakTestClient connect(Path out, String user, int port) throws Exception {
        return new TakTestClient(TestTls.socket(out, user, port));
    }

    @Test
    void aUidHeldBeforeARestartCannotBeTakenByAnotherCertificateAfterIt() throws Exception {
        Path data = dir.resolve("data");
        CertificateAuthority ca = CertificateAuthority.init(data, Clock.systemUTC());
        ClientFiles.write(ca.issue("holder", "kz-bs"), dir.resolve("holder"), "atakatak", "localhost", 8089);
        ClientFiles.write(ca.issue("taker", "kz-bs"), dir.resolve("taker"), "atakatak", "localhost", 8089);

        Running first = start(data);
        try (TakTestClient holder = connect(dir.resolve("holder"), "holder", first.tlsPort());
             TakTestClient taker = connect(dir.resolve("taker"), "taker", first.tlsPort())) {
            CotRoutingTest.await(() -> first.server().connectedClients().size() == 2);
            holder.send(sa("DEV-9", "HOLDER", "Cyan", 42.31, 69.61, NOW));
            assertThat(taker.nextWithUid("DEV-9").detail().callsign()).isEqualTo("HOLDER");
        }
        first.close();

        Running second = start(data);
        try (TakTestClient taker = connect(dir.resolve("taker"), "taker", second.tlsPort());
             TakTestClient holder = connect(dir.resolve("holder"), "holder", second.tlsPort())) {
            CotRoutingTest.await(() -> second.server().connectedClients().size() == 2);
            // The holder is not connected as DEV-9 yet: only the holding kept in the store refuses the taker.
            taker.send(sa("DEV-9", "TAKER", "Cyan", 42.0, 69.0, NOW.plusSeconds(1)));
            CotRoutingTest.await(() -> second.uidNotYours() == 1);
            holder.send(sa("DEV-9", "HOLDER", "Cyan", 42.32, 69.62, NOW.plusSeconds(2)));
            assertThat(taker.nextWithUid("DEV-9").detail().callsign()).as("the holder keeps it").isEqualTo("HOLDER");
        } finally {
            second.close();
        }
        assertThat(second.uidNotYours()).isEqualTo(1);
    }
}
