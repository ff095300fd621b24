package kz.shekara.server.adapter.cot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
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
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CotServerTest {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of());
    static final Instant NOW = Instant.parse("2026-03-14T06:30:10Z");
    static final Instant T = Instant.parse("2026-03-14T06:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final BlockingQueue<DomainEvent> published = new LinkedBlockingQueue<>();
    private final List<TakTestClient> clients = new ArrayList<>();
    private final List<java.util.Map.Entry<String, TakTestClient>> joined = new ArrayList<>();
    private CotServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        bus.subscribe(Topic.UNIT_POSITIONS, "test", published::add);
        bus.subscribe(Topic.MESSAGES, "test", published::add);
        bus.subscribe(Topic.OBSERVATIONS, "test", published::add);
        bus.subscribe(Topic.HEARTBEATS, "test", published::add);
        start(1000);
    }

    private void start(int queueCapacity) throws Exception {
        start(queueCapacity, null);
    }

    private void start(int queueCapacity, String agency) throws Exception {
        if (server != null) {
            server.close();
        }
        CotServerConfig config = new CotServerConfig("127.0.0.1", 0, 0, 4096, queueCapacity,
                Duration.ofMinutes(2), 50, agency);
        server = new CotServer(config, bus, MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        port = server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (TakTestClient c : clients) {
            c.close();
        }
        server.close();
        bus.close();
    }

    static String sa(String uid, String callsign, String group, double lat, double lon, Instant t) {
        String g = group == null ? "" : "<__group name=\"" + group + "\" role=\"Team Member\"/>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + t
                + "\" start=\"" + t + "\" stale=\"" + t.plusSeconds(120) + "\"><point lat=\"" + lat + "\" lon=\""
                + lon + "\" hae=\"300\" ce=\"10\" le=\"9999999\"/><detail><contact callsign=\"" + callsign
                + "\" endpoint=\"*:-1:stcp\"/>" + g + "<track course=\"10\" speed=\"1.5\"/></detail></event>\n";
    }

    static String ping(String uid) {
        return "<event version=\"2.0\" uid=\"" + uid + "-ping\" type=\"t-x-c-t\" how=\"m-g\" time=\"" + T
                + "\" start=\"" + T + "\" stale=\"" + T.plusSeconds(20)
                + "\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"9999999\" le=\"9999999\"/><detail/></event>";
    }

    static String chat(String fromUid, String fromCallsign, String id, String text, String destCallsign) {
        String dest = destCallsign == null ? "" : "<marti><dest callsign=\"" + destCallsign + "\"/></marti>";
        String room = destCallsign == null ? "All Chat Rooms" : destCallsign;
        return "<event version=\"2.0\" uid=\"GeoChat." + fromUid + "." + room + "." + id
                + "\" type=\"b-t-f\" how=\"h-g-i-g-o\" time=\"" + T + "\" start=\"" + T + "\" stale=\""
                + T.plusSeconds(86_400) + "\"><point lat=\"42.3\" lon=\"69.6\" hae=\"0\" ce=\"10\" le=\"9999999\"/>"
                + "<detail><__chat parent=\"RootContactGroup\" groupOwner=\"false\" chatroom=\"" + room + "\" id=\""
                + room + "\" senderCallsign=\"" + fromCallsign + "\" messageId=\"" + id + "\"><chatgrp uid0=\""
                + fromUid + "\" uid1=\"" + room + "\" id=\"" + room + "\"/></__chat><link uid=\"" + fromUid
                + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/><remarks source=\"BAO.F.ATAK." + fromUid + "\" to=\""
                + room + "\" time=\"" + T + "\">" + text + "</remarks>" + dest + "</detail></event>";
    }

    private TakTestClient connect() throws Exception {
        TakTestClient c = new TakTestClient(port);
        clients.add(c);
        return c;
    }

    /**
     * Connects a client and sends its SA; returns once the server has handled it (its pong came back)
     * and every client joined before has taken what this SA relayed to it, so each test starts clean.
     */
    private TakTestClient join(String uid, String callsign, String group) throws Exception {
        TakTestClient c = connect();
        c.send(sa(uid, callsign, group, 42.3, 69.6, T));
        untilPong(c, uid);
        for (var j : joined) {
            untilPong(j.getValue(), j.getKey());
        }
        joined.add(java.util.Map.entry(uid, c));
        return c;
    }

    /**
     * Pings and returns what arrived before the pong. The server handles one client's input in order
     * and queues its output in order, so anything relayed to this client before the ping is in the list.
     */
    private static List<CotEvent> untilPong(TakTestClient c, String uid) throws Exception {
        c.send(ping(uid));
        List<CotEvent> before = new ArrayList<>();
        while (true) {
            CotEvent e = c.next();
            if (e.type().equals("t-x-c-t-r")) {
                return before;
            }
            before.add(e);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private double rejections(String reason) {
        var c = registry.find("shekara.adapter.rejections").tags("adapter", "cot", "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private <E> E nextPublished(Class<E> type) throws InterruptedException {
        while (true) {
            DomainEvent e = published.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("published on the bus").isNotNull();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    @Test
    void relaysPositionToEveryPlainTcpClientWhateverItsTeamColourAndNeverBackToSender() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        TakTestClient c = join("C", "CHARLIE", "Red");
        TakTestClient d = join("D", "DELTA", null);

        a.send(sa("A", "ALPHA", "Cyan", 42.31, 69.61, T.plusSeconds(5)));
        assertThat(untilPong(a, "A")).as("sender gets nothing back").isEmpty();

        List<CotEvent> atB = untilPong(b, "B");
        assertThat(atB).extracting(CotEvent::uid).containsExactly("A");
        assertThat(atB.get(0).lat()).isEqualTo(42.31);
        assertThat(atB.get(0).detail().callsign()).isEqualTo("ALPHA");
        assertThat(atB.get(0).detail().groupName()).as("team colour carried as sent").isEqualTo("Cyan");
        assertThat(untilPong(c, "C")).as("another team colour, same anonymous group").extracting(CotEvent::uid)
                .containsExactly("A");
        assertThat(untilPong(d, "D")).as("no team colour").extracting(CotEvent::uid).containsExactly("A");

        assertThat(server.connectedClients()).extracting(ConnectedClient::callsign)
                .containsExactly("ALPHA", "BRAVO", "CHARLIE", "DELTA");
        assertThat(server.connectedClients().get(0).group()).isEqualTo("Cyan");
        assertThat(server.connectedClients()).allSatisfy(cl -> {
            assertThat(cl.routingGroups()).containsExactly(CotConnection.ANONYMOUS);
            assertThat(cl.certificateSubject()).isNull();
        });
        assertThat(registry.get("shekara.cot.clients").gauge().value()).isEqualTo(4.0);
    }

    @Test
    void relaysChatToTheGroupAndNarrowsToMartiDestination() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        TakTestClient c = join("C", "CAESAR", "Cyan");

        a.send(chat("A", "ALPHA", "m1", "All stations report", null));
        a.send(chat("A", "ALPHA", "m2", "Bravo only", "BRAVO"));
        untilPong(a, "A");
        List<CotEvent> atB = untilPong(b, "B");
        assertThat(atB).extracting(e -> e.detail().remarks()).containsExactly("All stations report", "Bravo only");
        assertThat(untilPong(c, "C")).extracting(e -> e.detail().remarks()).containsExactly("All stations report");

        ChatMessage m1 = nextPublished(ChatMessage.class);
        assertThat(m1.senderUid()).isEqualTo("A");
        assertThat(m1.text()).isEqualTo("All stations report");
        assertThat(m1.chatroom()).isEqualTo("All Chat Rooms");
    }

    @Test
    void answersPingWithPongStampedByTheClockAndTakProtocolQueriesForXmlAndProtobuf() throws Exception {
        TakTestClient a = connect();
        a.send(ping("A"));
        CotEvent pong = a.next();
        assertThat(pong.type()).isEqualTo("t-x-c-t-r");
        assertThat(pong.time()).isEqualTo(NOW);
        assertThat(pong.stale()).isAfter(NOW);

        String v1 = new String(CotFixtures.bytes("takp-query.xml"), StandardCharsets.UTF_8);
        a.send(v1.replace("version=\"1\"", "version=\"0\""));
        assertThat(a.next().detail().takResponseStatus()).as("XML stays XML").isTrue();
        a.send(v1.replace("version=\"1\"", "version=\"2\""));
        assertThat(a.next().detail().takResponseStatus()).as("no version 2").isFalse();
        a.send(v1);
        CotEvent agreed = a.next();
        assertThat(agreed.type()).isEqualTo("t-x-takp-r");
        assertThat(agreed.detail().takResponseStatus()).as("protobuf v1 (the stream switches, see CotTakV1Test)")
                .isTrue();
    }

    @Test
    void publishesAcceptedEventsOnTheBus() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        UnitPosition p = nextPublished(UnitPosition.class);
        assertThat(p.unit()).isEqualTo("A");
        assertThat(p.callsign()).isEqualTo("ALPHA");
        assertThat(p.time()).isEqualTo(T);
        a.send(CotFixtures.bytes("marker-hostile.xml"));
        Detection d = nextPublished(Detection.class);
        assertThat(d.sensor()).as("the reporting client is the sensor").isEqualTo("A");
        assertThat(d.sigmaM()).isEqualTo(35.0);
        assertThat(d.marking().exercise()).isTrue();
        assertThat(registry.get("shekara.adapter.events.in").tags("adapter", "cot").counter().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFixedSensorsOwnSaIsPublishedAsItsHeartbeat() throws Exception {
        TakTestClient sensor = connect();
        sensor.send(CotFixtures.bytes("sensor-heartbeat.xml"));
        kz.shekara.model.SensorHeartbeat h = nextPublished(kz.shekara.model.SensorHeartbeat.class);
        assertThat(h.sensor()).isEqualTo("ugs-uz-01-1");
        assertThat(h.time()).isEqualTo(T);
        assertThat(h.marking()).isEqualTo(MARKING);
    }

    @Test
    void sendsBusObjectsToClientsAsCotWithoutEchoingClientEvents() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        assertThat(nextPublished(UnitPosition.class).unit()).isEqualTo("A");
        assertThat(nextPublished(UnitPosition.class).unit()).isEqualTo("B");

        a.send(sa("A", "ALPHA", "Cyan", 42.32, 69.62, T.plusSeconds(10)));
        assertThat(nextPublished(UnitPosition.class).lat()).isEqualTo(42.32);
        // Same key, same bus partition: the CoT output has seen A's position before this one.
        UnitPosition heli = new UnitPosition(T.plusSeconds(11), "HELI-1", "BERKUT-1", "a-f-A-M-H", 43.65, 51.2,
                270, 55, UnitStatus.EN_ROUTE, MARKING.asExercise());
        bus.publish(Topic.UNIT_POSITIONS, "default", heli);
        bus.drain();

        List<CotEvent> atB = new ArrayList<>();
        CotEvent e;
        do {
            e = b.next();
            atB.add(e);
        } while (!e.uid().equals("HELI-1"));
        assertThat(atB).extracting(CotEvent::uid).as("relayed once, never echoed").containsExactly("A", "HELI-1");
        assertThat(e.type()).isEqualTo("a-f-A-M-H");
        assertThat(e.opex()).isEqualTo("e");
        assertThat(e.detail().remarks()).startsWith("EXERCISE");
        assertThat(e.detail().callsign()).isEqualTo("BERKUT-1");
        assertThat(e.stale()).isEqualTo(heli.time().plus(Duration.ofMinutes(2)));
        assertThat(a.nextWithUid("HELI-1").lat()).isEqualTo(43.65);
    }

    @Test
    void sendsAlertsToClientsAsCot() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        assertThat(nextPublished(UnitPosition.class).unit()).isEqualTo("A");
        kz.shekara.model.Alert alert = new kz.shekara.model.Alert(T.plusSeconds(20), "AL-1",
                kz.shekara.model.RuleKind.SENSOR_ALARM, kz.shekara.model.Severity.HIGH, "uz-03", null, null,
                "fence-uz-03", null, 41.48, 69.37, new java.util.TreeSet<>(List.of("fence-uz-03")),
                "fence cut", MARKING.asExercise());
        bus.publish(Topic.ALERTS, "uz-03", alert);
        bus.drain();
        CotEvent e = a.nextWithUid("shekara-alert-AL-1");
        assertThat(e.lat()).isEqualTo(41.48);
        assertThat(e.lon()).isEqualTo(69.37);
        assertThat(e.time()).isEqualTo(alert.time());
        assertThat(e.opex()).isEqualTo("e");
        assertThat(e.detail().remarks()).startsWith("EXERCISE sensor-alarm");
    }

    @Test
    void sendsEachDeviceTheAlertSentenceInItsCrewsLanguageAndOthersTheDefault() throws Exception {
        server.alertLanguages(java.util.Map.of("GP-KK", "kk", "GP-RU", "ru")::get, "ru");
        TakTestClient kk = join("GP-KK", "SHEKARA 11", "Cyan");
        TakTestClient ru = join("GP-RU", "SHEKARA 12", "Cyan");
        TakTestClient other = join("ATAK-X", "VISITOR", "Cyan");
        kz.shekara.model.AlertFacts.Place gate = new kz.shekara.model.AlertFacts.Place("cp-1", "Zhibek Zholy",
                java.util.Map.of("kk", "Жібек жолы", "ru", "Жибек Жолы"));
        kz.shekara.model.Alert alert = new kz.shekara.model.Alert(T.plusSeconds(20), "AL-2",
                kz.shekara.model.RuleKind.BORDER_CROSSING, kz.shekara.model.Severity.HIGH, "uz-03", "cp-1", "uz-03-7",
                null, null, 41.48, 69.37, new java.util.TreeSet<>(List.of("radar-7")), "inbound crossing", MARKING,
                new kz.shekara.model.AlertFacts.Crossing(true, gate, true, T.plusSeconds(15)));
        bus.publish(Topic.ALERTS, "uz-03", alert);
        bus.drain();
        String at = T.plusSeconds(15).toString().substring(11, 19) + " UTC";
        assertThat(kk.nextWithUid("shekara-alert-AL-2").detail().remarks()).isEqualTo("Шекараны кесіп өту (жоғары) трасса "
                + "uz-03-7, аймақ cp-1: Шекараны ел ішіне қарай кесіп өту, «Жібек жолы» өткізу пунктінде, уақыты " + at);
        assertThat(ru.nextWithUid("shekara-alert-AL-2").detail().remarks()).isEqualTo("Пересечение границы (высокая) трасса "
                + "uz-03-7, зона cp-1: Пересечение границы внутрь страны у пункта пропуска «Жибек Жолы» в " + at);
        assertThat(other.nextWithUid("shekara-alert-AL-2").detail().remarks())
                .as("a device of no known crew gets the server's default language")
                .endsWith(": Пересечение границы внутрь страны у пункта пропуска «Жибек Жолы» в " + at);
    }

    @Test
    void anEndedTrackIsSentStaleAtOnceThenDeletedFromEveryClientsMap() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Red");
        java.util.SortedSet<String> sensors = new java.util.TreeSet<>(List.of("radar-7"));
        TrackUpdate live = new TrackUpdate(T.plusSeconds(30), "T-42", "uz-03", 41.5, 69.3, 1, 0, 400, 0, 400,
                TrackStatus.CONFIRMED, TargetClass.WALKER, sensors, MARKING);
        TrackUpdate ended = new TrackUpdate(T.plusSeconds(95), "T-42", "uz-03", 41.5006, 69.3, 1, 0, 900, 0, 900,
                TrackStatus.DELETED, TargetClass.WALKER, sensors, MARKING);
        bus.publish(Topic.TRACKS, "uz-03", live);
        bus.publish(Topic.TRACKS, "uz-03", ended);
        bus.drain();

        CotDecoder decoder = new CotDecoder(1 << 20);
        for (TakTestClient c : List.of(a, b)) {
            // A queued position of the track may be replaced by its last report (same key): read up to the delete.
            List<String> xmls = c.xmlUpToType("t-x-d-d");
            String xml = xmls.getLast();
            CotEvent delete = decoder.decode(xml.getBytes(StandardCharsets.UTF_8));
            List<CotEvent> ofTrack = new ArrayList<>();
            for (String x : xmls) {
                CotEvent e = decoder.decode(x.getBytes(StandardCharsets.UTF_8));
                if (e.uid().equals("T-42")) {
                    ofTrack.add(e);
                }
            }
            CotEvent last = ofTrack.getLast();
            assertThat(last.lat()).isEqualTo(41.5006);
            assertThat(last.stale()).as("stale the moment it ended").isEqualTo(ended.time());
            assertThat(ofTrack).filteredOn(e -> e.time().equals(live.time())).allSatisfy(
                    e -> assertThat(e.stale()).isEqualTo(live.time().plus(Duration.ofMinutes(2))));
            assertThat(delete.type()).isEqualTo("t-x-d-d");
            assertThat(delete.time()).isEqualTo(ended.time());
            assertThat(delete.detail().links()).containsExactly(new CotDetail.CotLink("T-42", "a-u-G", "none"));
            assertThat(xml).contains("<__forcedelete/>");
        }
    }

    @Test
    void rejectsBadInputWithACountedReasonAndKeepsTheConnection() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        a.send(CotFixtures.bytes("reject-malformed-xml.xml"));
        a.send(CotFixtures.bytes("reject-dtd-forbidden__xxe.xml"));
        a.send(CotFixtures.bytes("reject-lat-out-of-range.xml"));
        a.send(CotFixtures.bytes("reject-stale-before-start.xml"));
        a.send("<event uid=\"big\"><detail><remarks>" + "x".repeat(10_000) + "</remarks></detail></event>");
        a.send(sa("A", "ALPHA", "Cyan", 42.33, 69.63, T.plusSeconds(20)));
        assertThat(untilPong(a, "A")).isEmpty();
        assertThat(untilPong(b, "B")).extracting(CotEvent::lat).containsExactly(42.33);
        assertThat(rejections("malformed-xml")).isEqualTo(1);
        assertThat(rejections("dtd-forbidden")).isEqualTo(1);
        assertThat(rejections("lat-out-of-range")).isEqualTo(1);
        assertThat(rejections("stale-before-start")).isEqualTo(1);
        assertThat(rejections("oversized")).isEqualTo(1);
        assertThat(server.connectedClients()).hasSize(2);
    }

    @Test
    void abruptlyClosedAndHalfSentClientsDoNotAffectOthers() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        TakTestClient gone = join("G", "GOLF", "Cyan");
        gone.send("<event version=\"2.0\" uid=\"G\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"" + T + "\"><poi");
        gone.abort();
        await(() -> server.connectedClients().size() == 2);
        a.send(sa("A", "ALPHA", "Cyan", 42.34, 69.64, T.plusSeconds(30)));
        untilPong(a, "A");
        assertThat(untilPong(b, "B")).extracting(CotEvent::uid).containsExactly("A");
        assertThat(registry.get("shekara.cot.clients").gauge().value()).isEqualTo(2.0);
        await(() -> rejections("truncated") == 1);
    }

    @Test
    void garbageBeforeAnEventCostsNotTheEvent() throws Exception {
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        a.send("\u0000\u0001 HTTP/1.1 garbage <event uid=\"cut\"><poi" + sa("A", "ALPHA", "Cyan", 42.35, 69.65,
                T.plusSeconds(40)));
        untilPong(a, "A");
        assertThat(untilPong(b, "B")).extracting(CotEvent::lat).containsExactly(42.35);
        assertThat(rejections("garbage")).isEqualTo(1);
    }

    @Test
    void disconnectsAClientThatStopsReadingWhileOthersGetEverything() throws Exception {
        start(200);
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient b = join("B", "BRAVO", "Cyan");
        TakTestClient stalled = new TakTestClient(port, false);
        clients.add(stalled);
        stalled.send(sa("S", "SIERRA", "Cyan", 42.3, 69.6, T));
        await(() -> server.connectedClients().stream().anyMatch(c -> "SIERRA".equals(c.callsign())));
        // Wait for the relay itself: a ping answered on B's own connection may overtake it.
        assertThat(b.nextWithUid("S").detail().callsign()).isEqualTo("SIERRA");
        assertThat(b.pending()).isZero();

        String padding = "p".repeat(2000);
        int rounds = 40;
        int perRound = 100;
        for (int r = 0; r < rounds; r++) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < perRound; i++) {
                batch.append(chat("A", "ALPHA", "m" + r + "-" + i, padding, null));
            }
            a.send(batch.toString());
            for (int i = 0; i < perRound; i++) {
                assertThat(b.next().detail().chat().messageId()).isEqualTo("m" + r + "-" + i);
            }
        }
        assertThat(stalled.isClosedByServer()).isTrue();
        assertThat(registry.get("shekara.cot.slow.clients").counter().count()).isEqualTo(1);
        assertThat(server.connectedClients()).extracting(ConnectedClient::callsign).containsExactly("ALPHA", "BRAVO");
    }

    @Test
    void aClientThatStopsReadingHasItsQueuedPositionsReplacedOnceFullNotItsConnection() throws Exception {
        start(50);
        TakTestClient a = join("A", "ALPHA", "Cyan");
        TakTestClient stalled = new TakTestClient(port, false);
        clients.add(stalled);
        stalled.send(sa("S", "SIERRA", "Cyan", 42.3, 69.6, T));
        await(() -> server.connectedClients().stream().anyMatch(c -> "SIERRA".equals(c.callsign())));
        // Enough positions of one object to fill the socket buffers and then the 50-event queue.
        for (int r = 0; r < 40; r++) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                batch.append(sa("A", "ALPHA", "Cyan", 42.0 + (r * 500 + i) * 1e-5, 69.6, T.plusSeconds(r * 500L + i + 1)));
            }
            a.send(batch.toString());
            untilPong(a, "A");
        }
        await(() -> registry.get("shekara.cot.superseded").counter().count() > 0);
        assertThat(server.connectedClients()).extracting(ConnectedClient::callsign).contains("SIERRA");
        assertThat(registry.get("shekara.cot.slow.clients").counter().count()).isZero();
    }

    @Test
    void sendsOnlyWhatIsReleasableToTheConfiguredAgency() throws Exception {
        start(1000, "KZ-MOD");
        TakTestClient a = join("A", "ALPHA", "Cyan");
        Marking ownOnly = Marking.of(Classification.SECRET, "KZ-BG", List.of());
        Marking shared = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of("KZ-MOD"));
        bus.publish(Topic.UNIT_POSITIONS, "default", new UnitPosition(T, "HIDDEN-1", "HIDDEN", "a-f-G-U-C", 42.0,
                69.0, Double.NaN, Double.NaN, UnitStatus.AVAILABLE, ownOnly));
        bus.publish(Topic.UNIT_POSITIONS, "default", new UnitPosition(T, "SHARED-1", "SHARED", "a-f-G-U-C", 42.1,
                69.1, Double.NaN, Double.NaN, UnitStatus.AVAILABLE, shared));
        bus.drain();
        assertThat(untilPong(a, "A")).extracting(CotEvent::uid).containsExactly("SHARED-1");
    }

    @Test
    void acceptsSituationalAwarenessOverUdp() throws Exception {
        TakTestClient d = join("D", "DELTA", null);
        assertThat(nextPublished(UnitPosition.class).unit()).isEqualTo("D");
        byte[] sa = sa("U", "UNIFORM", null, 43.2, 76.9, T).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(sa, sa.length, new InetSocketAddress("127.0.0.1", server.udpPort())));
        }
        assertThat(d.next().uid()).isEqualTo("U");
        assertThat(nextPublished(UnitPosition.class).callsign()).isEqualTo("UNIFORM");
        // One datagram at a time: once the next is handled, the first (ended by a newline) is done with.
        byte[] next = sa("U", "UNIFORM", null, 43.3, 76.9, T.plusSeconds(1)).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(next, next.length, new InetSocketAddress("127.0.0.1", server.udpPort())));
        }
        assertThat(nextPublished(UnitPosition.class).lat()).isEqualTo(43.3);
        assertThat(rejections("malformed-xml")).as("a whole event and a newline is no malformed datagram").isZero();
    }
}
