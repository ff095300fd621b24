package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.server.adapter.cot.takproto.Contact;
import kz.shekara.server.adapter.cot.takproto.Detail;
import kz.shekara.server.adapter.cot.takproto.Group;
import kz.shekara.server.adapter.cot.takproto.TakMessage;
import kz.shekara.server.adapter.cot.takproto.Track;
import kz.shekara.server.bus.InMemoryBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TAK protocol v1 over real sockets: the server offers version 1 on connect, a client that asks for
 * it gets a positive answer and both switch to protobuf framing; a v1 client and an XML client see
 * each other's events; a v1 mesh datagram on the UDP input is accepted like XML.
 */
class CotTakV1Test {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KZ-BG", List.of());
    static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final List<AutoCloseable> open = new ArrayList<>();
    private CotServer server;

    @BeforeEach
    void start() throws Exception {
        server = new CotServer(new CotServerConfig("127.0.0.1", 0, 0, 8192, 1000, Duration.ofMinutes(2), 50, null),
                bus, MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        server.close();
        bus.close();
    }

    /** A client that reads the offer, asks for version 1 and, once agreed, speaks protobuf. */
    private static final class V1Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        V1Client(int port) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(20_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** The next XML event, read byte by byte so nothing after it is consumed. */
        String nextXml() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (!b.toString(StandardCharsets.UTF_8).endsWith("</event>")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed");
                }
                b.write(c);
            }
            return b.toString(StandardCharsets.UTF_8).strip();
        }

        void negotiate() throws IOException {
            String offer = nextXml();
            assertThat(offer).contains("type=\"t-x-takp-v\"").contains("<TakProtocolSupport version=\"1\"/>");
            out.write(("<event version=\"2.0\" uid=\"V1\" type=\"t-x-takp-q\" how=\"m-g\" time=\"" + NOW + "\" start=\""
                    + NOW + "\" stale=\"" + NOW.plusSeconds(60) + "\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"999999\""
                    + " le=\"999999\"/><detail><TakControl><TakRequest version=\"1\"/></TakControl></detail></event>")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer;
            do {
                answer = nextXml();
            } while (!answer.contains("t-x-takp-r"));
            assertThat(answer).contains("<TakResponse status=\"true\"/>");
        }

        TakMessage next() throws IOException {
            assertThat(in.read()).as("magic").isEqualTo(0xbf);
            int size = 0;
            int shift = 0;
            int b;
            do {
                b = in.read();
                size |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return TakMessage.parseFrom(in.readNBytes(size));
        }

        TakMessage nextWithUid(String uid) throws IOException {
            while (true) {
                TakMessage m = next();
                if (m.getCotEvent().getUid().equals(uid)) {
                    return m;
                }
            }
        }

        void send(TakMessage m) throws IOException {
            byte[] bytes = m.toByteArray();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(0xbf);
            int n = bytes.length;
            while (n >= 0x80) {
                b.write((n & 0x7f) | 0x80);
                n >>>= 7;
            }
            b.write(n);
            b.writeBytes(bytes);
            out.write(b.toByteArray());
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static TakMessage v1Sa(String uid, String callsign, String team, double lat, double lon, Instant t) {
        return TakMessage.newBuilder().setCotEvent(kz.shekara.server.adapter.cot.takproto.CotEvent.newBuilder()
                .setType("a-f-G-U-C").setUid(uid).setHow("m-g").setSendTime(t.toEpochMilli())
                .setStartTime(t.toEpochMilli()).setStaleTime(t.plusSeconds(120).toEpochMilli()).setLat(lat).setLon(lon)
                .setHae(300).setCe(10).setLe(9_999_999)
                .setDetail(Detail.newBuilder().setContact(Contact.newBuilder().setCallsign(callsign)
                        .setEndpoint("*:-1:stcp")).setGroup(Group.newBuilder().setName(team).setRole("Team Member"))
                        .setTrack(Track.newBuilder().setCourse(45).setSpeed(2.5))
                        .setXmlDetail("<uid Droid=\"" + callsign + "\"/>"))).build();
    }

    @Test
    void aVersionOneClientAndAnXmlClientSeeEachOthersEvents() throws Exception {
        V1Client v1 = new V1Client(server.port());
        open.add(v1);
        v1.negotiate();
        TakTestClient xml = new TakTestClient(server.port());
        open.add(xml);
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);

        xml.send(sa("XML-1", "ALPHA", "Cyan", 42.31, 69.61, NOW));
        TakMessage got = v1.nextWithUid("XML-1");
        assertThat(got.getCotEvent().getType()).isEqualTo("a-f-G-U-C");
        assertThat(got.getCotEvent().getLat()).isEqualTo(42.31);
        assertThat(got.getCotEvent().getSendTime()).isEqualTo(NOW.toEpochMilli());
        assertThat(got.getCotEvent().getDetail().getContact().getCallsign()).isEqualTo("ALPHA");
        assertThat(got.getCotEvent().getDetail().getGroup().getName()).isEqualTo("Cyan");
        assertThat(got.getCotEvent().getDetail().getTrack().getSpeed()).isEqualTo(1.5);
        assertThat(got.getCotEvent().getDetail().getXmlDetail()).doesNotContain("<contact").doesNotContain("__group");

        v1.send(v1Sa("V1-1", "BRAVO", "Red", 42.41, 69.71, NOW.plusSeconds(1)));
        CotEvent e = xml.nextWithUid("V1-1");
        assertThat(e.lat()).isEqualTo(42.41);
        assertThat(e.time()).isEqualTo(NOW.plusSeconds(1));
        assertThat(e.detail().callsign()).isEqualTo("BRAVO");
        assertThat(e.detail().groupName()).isEqualTo("Red");
        assertThat(e.detail().courseDeg()).isEqualTo(45.0);
        assertThat(server.connectedClients()).anySatisfy(c -> assertThat(c.callsign()).isEqualTo("BRAVO"));
    }

    @Test
    void aVersionOneMeshDatagramIsAcceptedOnTheUdpInput() throws Exception {
        TakTestClient xml = new TakTestClient(server.port());
        open.add(xml);
        CotRoutingTest.await(() -> server.connectedClients().size() == 1);
        byte[] msg = v1Sa("MESH-1", "CHARLIE", "Cyan", 42.5, 69.5, NOW).toByteArray();
        byte[] datagram = new byte[msg.length + 3];
        datagram[0] = (byte) 0xbf;
        datagram[1] = 1;
        datagram[2] = (byte) 0xbf;
        System.arraycopy(msg, 0, datagram, 3, msg.length);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", server.udpPort())));
        }
        CotEvent e = xml.nextWithUid("MESH-1");
        assertThat(e.detail().callsign()).isEqualTo("CHARLIE");
        assertThat(e.lat()).isEqualTo(42.5);
    }
}
