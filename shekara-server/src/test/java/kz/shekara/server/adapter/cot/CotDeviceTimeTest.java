package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device clocks and uid ownership over real sockets: placement on the server's clock, order, one connection per uid. */
class CotDeviceTimeTest {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of());
    static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final BlockingQueue<UnitPosition> published = new LinkedBlockingQueue<>();
    private final List<TakTestClient> clients = new ArrayList<>();
    private CotServer server;

    @BeforeEach
    void start() throws Exception {
        bus.subscribe(Topic.UNIT_POSITIONS, "test", published::add);
        server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50, null),
                bus, MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (TakTestClient c : clients) {
            c.close();
        }
        server.close();
        bus.close();
    }

    private TakTestClient connect() throws Exception {
        TakTestClient c = new TakTestClient(server.port());
        clients.add(c);
        return c;
    }

    private UnitPosition nextPublished() throws InterruptedException {
        UnitPosition p = published.poll(20, TimeUnit.SECONDS);
        assertThat(p).as("published").isNotNull();
        return p;
    }

    private double notices(String reason) {
        var c = registry.find("shekara.cot.notices").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aReportFromADeviceClockFiveMinutesOffIsPlacedAtItsReceiveTime() throws Exception {
        TakTestClient behind = connect();
        behind.send(sa("SLOW", "SLOW", "Cyan", 42.3, 69.6, NOW.minus(Duration.ofMinutes(5))));
        UnitPosition p = nextPublished();
        assertThat(p.time()).as("on the server's clock, never before what it answers").isEqualTo(NOW);
        assertThat(notices("clock-skew")).isEqualTo(1);

        TakTestClient onTime = connect();
        onTime.send(sa("GOOD", "GOOD", "Cyan", 42.3, 69.6, NOW.minusSeconds(3)));
        assertThat(nextPublished().time()).as("within the allowed skew: the device's time").isEqualTo(NOW.minusSeconds(3));
        assertThat(notices("clock-skew")).isEqualTo(1);
    }

    @Test
    void aReportOlderThanOneAlreadyPlacedNeverMovesTheUnitBack() throws Exception {
        TakTestClient a = connect();
        TakTestClient b = connect();
        a.send(sa("A", "ALPHA", "Cyan", 42.30, 69.60, NOW.minusSeconds(5)));
        assertThat(nextPublished().lat()).isEqualTo(42.30);
        // Received before the next reports are sent: a queued position of a uid is replaced by its newer one.
        assertThat(b.nextWithUid("A").lat()).isEqualTo(42.30);
        a.send(sa("A", "ALPHA", "Cyan", 42.10, 69.10, NOW.minusSeconds(10)));
        a.send(sa("A", "ALPHA", "Cyan", 42.35, 69.65, NOW));
        assertThat(nextPublished().lat()).as("the late report is not published").isEqualTo(42.35);
        assertThat(b.nextWithUid("A").lat()).as("nor relayed").isEqualTo(42.35);
        assertThat(notices("out-of-order")).isEqualTo(1);
    }

    @Test
    void aNewerReportIsNeverPlacedBeforeOnePlacedAtItsReceiveTime() throws Exception {
        TakTestClient a = connect();
        TakTestClient b = connect();
        a.send(sa("A", "ALPHA", "Cyan", 42.30, 69.60, NOW.minusSeconds(60)));
        assertThat(nextPublished().time()).isEqualTo(NOW);
        a.send(sa("A", "ALPHA", "Cyan", 42.35, 69.65, NOW.minusSeconds(20)));
        UnitPosition newer = nextPublished();
        assertThat(newer.lat()).as("newer by the device's clock: applied").isEqualTo(42.35);
        assertThat(newer.time()).as("not before the last placed").isEqualTo(NOW);
        // A position still queued for b is replaced by the newer one of the same uid: read until the newer.
        CotEvent seen;
        do {
            seen = b.nextWithUid("A");
        } while (seen.lat() != 42.35);
        assertThat(seen.lat()).isEqualTo(42.35);
        assertThat(notices("out-of-order")).isZero();
    }

    @Test
    void aSecondPlainTcpConnectionAnnouncingAUidIsCountedAndLogged() throws Exception {
        TakTestClient first = connect();
        first.send(sa("DUP", "FIRST", "Cyan", 42.3, 69.6, NOW));
        nextPublished();
        TakTestClient second = connect();
        second.send(sa("DUP", "SECOND", "Cyan", 42.4, 69.7, NOW));
        nextPublished();
        assertThat(notices("uid-conflict")).isEqualTo(1);

        first.close();
        CotRoutingTest.await(() -> server.connectedClients().size() == 1);
        second.send(sa("DUP", "SECOND", "Cyan", 42.5, 69.8, NOW));
        nextPublished();
        assertThat(notices("uid-conflict")).as("free once its owner has gone").isEqualTo(1);
    }
}
