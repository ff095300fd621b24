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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing over real sockets: groups come from the connection (every plain TCP client in the one
 * anonymous group, whatever its team colour), a silent client receives, a late client gets the
 * latest SA, emergencies reach every client and repeat until cancelled, raw detections go only to
 * the groups that ask for them.
 */
class CotRoutingTest {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of());
    static final Instant T = Instant.parse("2026-03-14T06:30:00Z");
    static final Instant NOW = T.plusSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final List<TakTestClient> clients = new ArrayList<>();
    private CotServer server;

    private void start(CotServerConfig config) throws Exception {
        server = new CotServer(config, bus, MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
    }

    private static CotServerConfig config() {
        return new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50, null);
    }

    @AfterEach
    void stop() throws Exception {
        for (TakTestClient c : clients) {
            c.close();
        }
        server.close();
        bus.close();
    }

    /** Connects a client that sends nothing and returns once the server has it. */
    private TakTestClient silent() throws Exception {
        int before = server.connectedClients().size();
        TakTestClient c = new TakTestClient(server.port());
        clients.add(c);
        await(() -> server.connectedClients().size() == before + 1);
        return c;
    }

    static String emergency(String deviceUid, String callsign, String type, Instant t) {
        boolean cancel = type.equals(EmergencyRepeater.CANCEL);
        String what = cancel ? "cancel=\"true\"" : "type=\"911 Alert\"";
        return "<event version=\"2.0\" uid=\"" + deviceUid + "-9-1-1\" type=\"" + type + "\" how=\"h-e\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(20) + "\"><point lat=\"42.3\" lon=\"69.6\" hae=\"0\""
                + " ce=\"10\" le=\"9999999\"/><detail><link uid=\"" + deviceUid + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/>"
                + "<contact callsign=\"" + callsign + "-Alert\"/><emergency " + what + ">" + callsign
                + "</emergency></detail></event>";
    }

    @Test
    void twoTeamColoursSeeEachOtherAndAClientThatHasSentNothingReceivesBoth() throws Exception {
        start(config());
        TakTestClient quiet = silent();
        TakTestClient cyan = silent();
        TakTestClient red = silent();

        cyan.send(sa("CYAN-1", "ALPHA", "Cyan", 42.31, 69.61, T));
        red.send(sa("RED-1", "RUBY", "Red", 42.41, 69.71, T.plusSeconds(1)));

        assertThat(red.nextWithUid("CYAN-1").detail().groupName()).isEqualTo("Cyan");
        assertThat(cyan.nextWithUid("RED-1").detail().groupName()).isEqualTo("Red");
        // Two senders: no order between them.
        List<CotEvent> heard = List.of(quiet.next(), quiet.next());
        assertThat(heard).extracting(CotEvent::uid).containsExactlyInAnyOrder("CYAN-1", "RED-1");
    }

    @Test
    void aLateClientGetsTheLatestUnexpiredPositionOfEveryDeviceAndUnitAtOnce() throws Exception {
        start(config());
        TakTestClient a = silent();
        TakTestClient b = silent();
        a.send(sa("A", "ALPHA", "Cyan", 42.30, 69.60, T));
        b.send(sa("B", "BRAVO", "Red", 42.40, 69.70, T));
        b.send(sa("B", "BRAVO", "Red", 42.45, 69.75, T.plusSeconds(5)));
        // An SA already stale at the server's clock is not handed to late clients.
        String expired = sa("GONE", "GONE", "Cyan", 42.0, 69.0, NOW.minusSeconds(5))
                .replace("stale=\"" + NOW.minusSeconds(5).plusSeconds(120), "stale=\"" + NOW.minusSeconds(1));
        a.send(expired);
        bus.publish(Topic.UNIT_POSITIONS, "default", new UnitPosition(NOW, "HELI-1", "BERKUT-1", "a-f-A-M-H", 43.65,
                51.2, 270, 55, UnitStatus.AVAILABLE, MARKING));
        bus.drain();
        // Positions replace queued ones under the same uid: wait for B's latest.
        while (a.nextWithUid("B").lat() != 42.45) {
            continue;
        }
        b.nextWithUid("GONE");

        TakTestClient late = silent();
        List<CotEvent> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(late.next());
        }
        assertThat(got).extracting(CotEvent::uid).containsExactlyInAnyOrder("A", "B", "HELI-1");
        assertThat(got).filteredOn(e -> e.uid().equals("B")).singleElement()
                .satisfies(e -> assertThat(e.lat()).as("the latest of B").isEqualTo(42.45));
        assertThat(late.pending()).isZero();
    }

    @Test
    void anEmergencyReachesAnotherTeamAndRepeatsUntilCancelled() throws Exception {
        start(config().withEmergencyRepeat(Duration.ofMillis(200)));
        TakTestClient cyan = silent();
        TakTestClient red = silent();
        cyan.send(sa("CYAN-1", "ALPHA", "Cyan", 42.31, 69.61, T));
        red.nextWithUid("CYAN-1");

        cyan.send(emergency("CYAN-1", "ALPHA", "b-a-o-tbl", NOW));
        for (int i = 0; i < 3; i++) {
            CotEvent e = red.nextWithUid("CYAN-1-9-1-1");
            assertThat(e.type()).isEqualTo("b-a-o-tbl");
        }
        // The repeater counts a repeat once it has gone to every client: it may lag the copy just read.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (registry.get("shekara.cot.emergency.repeats").counter().count() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(registry.get("shekara.cot.emergency.repeats").counter().count()).isGreaterThanOrEqualTo(2);
        TakTestClient late = silent();
        assertThat(late.nextWithUid("CYAN-1-9-1-1").type()).as("active emergency to a client that connects")
                .isEqualTo("b-a-o-tbl");

        cyan.send(emergency("CYAN-1", "ALPHA", EmergencyRepeater.CANCEL, NOW.plusSeconds(1)));
        CotEvent e;
        do {
            e = red.nextWithUid("CYAN-1-9-1-1");
        } while (!e.type().equals(EmergencyRepeater.CANCEL));
        late.nextWithUid("CYAN-1-9-1-1");
        TakTestClient afterCancel = silent();
        afterCancel.send(CotServerTest.ping("X"));
        assertThat(afterCancel.xmlUpToType("t-x-c-t-r")).as("nothing active after the cancel")
                .noneMatch(x -> x.contains("b-a-o-tbl"));
    }

    @Test
    void devicesGetUnitsTracksAndAlertsButRawDetectionsOnlyWhereTheirGroupAsks() throws Exception {
        start(config());
        TakTestClient plain = silent();
        deliverDetectionThenTrack();
        CotEvent first = plain.next();
        assertThat(first.uid()).as("no raw detection for the anonymous group by default").isEqualTo("T-1");
        server.close();

        start(config().withRawDetectionGroups(Set.of(CotConnection.ANONYMOUS)));
        TakTestClient asking = silent();
        deliverDetectionThenTrack();
        assertThat(asking.next().uid()).startsWith("shekara.detection.radar-7");
        assertThat(asking.next().uid()).isEqualTo("T-1");
    }

    private void deliverDetectionThenTrack() throws InterruptedException {
        bus.publish(Topic.OBSERVATIONS, "default", new Detection(NOW, "radar-7", SensorKind.RADAR, 41.52, 69.01, 25,
                MARKING));
        bus.drain();
        bus.publish(Topic.TRACKS, "default", new TrackUpdate(NOW, "T-1", "default", 41.52, 69.01, 1, 0, 1, 0, 1,
                TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-7")), MARKING));
        bus.drain();
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
