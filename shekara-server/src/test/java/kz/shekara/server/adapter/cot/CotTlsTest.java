package kz.shekara.server.adapter.cot;

import static kz.shekara.server.adapter.cot.CotServerTest.chat;
import static kz.shekara.server.adapter.cot.CotServerTest.sa;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLSocket;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS streaming over real sockets with certificates from the built-in authority, each client
 * connecting with the .p12 files {@code certs issue} writes: an issued certificate connects and
 * exchanges SA and GeoChat, its agency is its routing group, a revoked or unknown certificate is
 * refused at the handshake, and a second certificate cannot take a uid.
 */
class CotTlsTest {
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());
    static final Instant NOW = Instant.parse("2026-03-14T06:30:00Z");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryBus bus = new InMemoryBus(2, 10_000);
    private final List<TakTestClient> clients = new ArrayList<>();
    private CertificateAuthority ca;
    private CotServer server;
    private int tlsPort;
    private kz.shekara.server.access.AccountStore accounts;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.init(dir.resolve("data"), Clock.systemUTC());
        server = new CotServer(new CotServerConfig("127.0.0.1", 0, -1, 8192, 1000, Duration.ofMinutes(2), 50, null),
                bus, MARKING, registry, Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
        accounts = new kz.shekara.server.access.AccountStore(kz.shekara.server.access.AccessDatabase.open(
                kz.shekara.server.store.EventLogs.jdbcUrl(null, dir.resolve("data"))));
        tlsPort = server.startTls(ca.serverContext(server::tlsRefused), 0, accounts::find);
    }

    @AfterEach
    void stop() throws Exception {
        for (TakTestClient c : clients) {
            c.close();
        }
        server.close();
        bus.close();
    }

    /** Issues {@code user} a certificate into its own folder and connects with the files written there. */
    private TakTestClient connect(CertificateAuthority authority, String user, String agency) throws Exception {
        Path out = dir.resolve("out-" + user);
        ClientFiles.write(authority.issue(user, agency), out, "atakatak", "localhost", tlsPort);
        return connectWith(out, user);
    }

    private TakTestClient connectWith(Path out, String user) throws Exception {
        SSLSocket s = TestTls.socket(out, user, tlsPort);
        TakTestClient c = new TakTestClient(s);
        clients.add(c);
        return c;
    }

    private double refusals(String reason) {
        var c = registry.find("shekara.cot.tls.refusals").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void issuedCertificatesConnectAndExchangeSaAndGeoChatInTheirAgencysGroup() throws Exception {
        TakTestClient alpha = connect(ca, "alpha", "kz-bs");
        TakTestClient bravo = connect(ca, "bravo", "kz-bs");
        TakTestClient plain = new TakTestClient(server.port());
        clients.add(plain);
        CotRoutingTest.await(() -> server.connectedClients().size() == 3);

        alpha.send(sa("ALPHA-1", "ALPHA", "Cyan", 42.31, 69.61, NOW));
        assertThat(bravo.nextWithUid("ALPHA-1").detail().callsign()).isEqualTo("ALPHA");
        bravo.send(sa("BRAVO-1", "BRAVO", "Red", 42.41, 69.71, NOW));
        assertThat(alpha.nextWithUid("BRAVO-1").detail().groupName()).isEqualTo("Red");
        alpha.send(chat("ALPHA-1", "ALPHA", "m1", "Vehicle at post 14", null));
        assertThat(bravo.nextWithUid("GeoChat.ALPHA-1.All Chat Rooms.m1").detail().remarks())
                .isEqualTo("Vehicle at post 14");

        assertThat(server.connectedClients()).filteredOn(c -> c.certificateSubject() != null).hasSize(2)
                .allSatisfy(c -> assertThat(c.routingGroups()).containsExactly("kz-bs"));
        assertThat(server.connectedClients()).filteredOn(c -> "ALPHA".equals(c.callsign())).singleElement()
                .satisfies(c -> assertThat(c.certificateSubject()).contains("CN=alpha").contains("O=kz-bs"));
        plain.send(CotServerTest.ping("P"));
        assertThat(plain.xmlUpToType("t-x-c-t-r")).as("the anonymous group does not see the agency's devices")
                .noneMatch(x -> x.contains("ALPHA-1") || x.contains("BRAVO-1"));
    }

    @Test
    void aRevokedCertificateIsRefusedAtTheHandshakeAndSoIsOneFromAnotherAuthority() throws Exception {
        Path out = dir.resolve("out-mallory");
        ClientFiles.write(ca.issue("mallory", "kz-bs"), out, "atakatak", "localhost", tlsPort);
        TakTestClient before = connectWith(out, "mallory");
        CotRoutingTest.await(() -> server.connectedClients().size() == 1);
        before.close();
        CotRoutingTest.await(() -> server.connectedClients().isEmpty());

        assertThat(ca.revoke("mallory")).isEqualTo(1);
        TakTestClient revoked = connectWith(out, "mallory");
        try {
            revoked.send(sa("M-1", "MALLORY", "Cyan", 42.0, 69.0, NOW));
        } catch (java.io.IOException refusedAlready) {
            // the handshake failed on write
        }
        assertThat(revoked.closedWithin(20)).isTrue();
        CotRoutingTest.await(() -> refusals("revoked") == 1);

        CertificateAuthority stranger = CertificateAuthority.init(dir.resolve("other"), Clock.systemUTC());
        Path strangerOut = dir.resolve("out-eve");
        ClientFiles.write(stranger.issue("eve", "kz-bs"), strangerOut, "atakatak", "localhost", tlsPort);
        // Eve trusts Shekara's CA (the server is real) but her certificate is from another authority.
        Files.copy(out.resolve("truststore.p12"), strangerOut.resolve("truststore.p12"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TakTestClient eve = connectWith(strangerOut, "eve");
        try {
            eve.send(sa("E-1", "EVE", "Cyan", 42.0, 69.0, NOW));
        } catch (java.io.IOException refusedAlready) {
            // the handshake failed on write
        }
        assertThat(eve.closedWithin(20)).isTrue();
        CotRoutingTest.await(() -> refusals("unknown") == 1);
        assertThat(server.connectedClients()).isEmpty();
    }

    @Test
    void aSecondCertificateCannotTakeAUidWhileTheFirstIsConnected() throws Exception {
        TakTestClient first = connect(ca, "first", "kz-bs");
        TakTestClient second = connect(ca, "second", "kz-bs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);
        first.send(sa("DEV-1", "FIRST", "Cyan", 42.31, 69.61, NOW));
        assertThat(second.nextWithUid("DEV-1").detail().callsign()).isEqualTo("FIRST");

        second.send(sa("DEV-1", "IMPOSTOR", "Cyan", 42.0, 69.0, NOW.plusSeconds(1)));
        second.send(sa("DEV-2", "SECOND", "Cyan", 42.41, 69.71, NOW.plusSeconds(2)));
        CotEvent next = first.next();
        assertThat(next.uid()).as("the impostor's SA is refused, the next one relayed").isEqualTo("DEV-2");
        // Another certificate's uid: refused as not its own, before any question of connections.
        assertThat(registry.get("shekara.adapter.rejections").tags("adapter", "cot", "reason", "uid-not-yours")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aCertificateWhoseUserHasAnAccountTakesItsAgencyAndADisabledAccountIsRefused() throws Exception {
        // Issued as the border service's, but its user is the defence ministry's operator.
        accounts.add("mod-ops", kz.shekara.server.access.Role.OPERATOR, "kz-mod", "unused", NOW);
        accounts.add("gone", kz.shekara.server.access.Role.OPERATOR, "kz-bs", "unused", NOW);
        TakTestClient mod = connect(ca, "mod-ops", "kz-bs");
        TakTestClient field = connect(ca, "field-1", "kz-bs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);
        assertThat(server.connectedClients()).filteredOn(c -> c.certificateSubject().contains("CN=mod-ops"))
                .singleElement().satisfies(c -> assertThat(c.routingGroups()).containsExactly("kz-mod"));
        assertThat(server.connectedClients()).filteredOn(c -> c.certificateSubject().contains("CN=field-1"))
                .as("a device with no account keeps its certificate's agency").singleElement()
                .satisfies(c -> assertThat(c.routingGroups()).containsExactly("kz-bs"));
        mod.send(sa("MOD-1", "MOD", "Cyan", 42.31, 69.61, NOW));
        field.send(sa("FIELD-1", "FIELD", "Cyan", 42.41, 69.71, NOW));
        field.send(CotServerTest.ping("P"));
        assertThat(field.xmlUpToType("t-x-c-t-r")).as("groups of different agencies do not see each other")
                .noneMatch(x -> x.contains("MOD-1"));

        assertThat(accounts.disable("gone")).isTrue();
        TakTestClient refused = connect(ca, "gone", "kz-bs");
        try {
            refused.send(sa("G-1", "GONE", "Cyan", 42.0, 69.0, NOW));
        } catch (java.io.IOException closedAlready) {
            // refused before the write
        }
        assertThat(refused.closedWithin(20)).isTrue();
        CotRoutingTest.await(() -> refusals("account-disabled") == 1);
        assertThat(server.connectedClients()).hasSize(2);
    }
    @Test
    void devicesOfAccountsSharingANamedGroupSeeEachOtherAcrossAgenciesAndAThirdDoesNot() throws Exception {
        accounts.add("bs-joint", kz.shekara.server.access.Role.OPERATOR, "kz-bs", "unused", NOW,
                Set.of("joint-ops"));
        accounts.add("mod-joint", kz.shekara.server.access.Role.OPERATOR, "kz-mod", "unused", NOW,
                Set.of("joint-ops", "caspian"));
        accounts.add("customs", kz.shekara.server.access.Role.OPERATOR, "kz-customs", "unused", NOW);
        TakTestClient bs = connect(ca, "bs-joint", "kz-bs");
        TakTestClient mod = connect(ca, "mod-joint", "kz-mod");
        TakTestClient customs = connect(ca, "customs", "kz-customs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 3);
        assertThat(server.connectedClients()).filteredOn(c -> c.certificateSubject().contains("CN=mod-joint"))
                .singleElement().satisfies(c -> assertThat(c.routingGroups())
                        .containsExactlyInAnyOrder("kz-mod", "joint-ops", "caspian"));

        bs.send(sa("BS-J", "BS-JOINT", "Cyan", 42.31, 69.61, NOW));
        assertThat(mod.nextWithUid("BS-J").detail().callsign()).as("another agency, a shared group").isEqualTo("BS-JOINT");
        mod.send(sa("MOD-J", "MOD-JOINT", "Red", 42.41, 69.71, NOW));
        assertThat(bs.nextWithUid("MOD-J").detail().callsign()).isEqualTo("MOD-JOINT");
        customs.send(sa("CUS-1", "CUSTOMS", "Green", 42.5, 69.8, NOW));
        customs.send(CotServerTest.ping("C"));
        assertThat(customs.xmlUpToType("t-x-c-t-r")).as("no shared group").noneMatch(x -> x.contains("BS-J")
                || x.contains("MOD-J"));
        bs.send(CotServerTest.ping("B"));
        assertThat(bs.xmlUpToType("t-x-c-t-r")).noneMatch(x -> x.contains("CUS-1"));
    }

    @Test
    void aPartnerAgencysDeviceGetsWhatItMaySeeRedactedAsItsPartnerFeedIs() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        ReleaseBook book = new ReleaseBook();
        server.viewers("kz-bs", a -> Viewer.of(theatre, a, "device").sharing(book, false, "kz-bs"),
                new Redactor(theatre), uid -> null);
        Unit unit = theatre.units().getFirst();
        String alias = new Redactor(theatre).unit(Viewer.of(theatre, "uz-bs", "device"), unit.id());
        Marking home = theatre.defaultMarking();
        Marking forUz = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-customs", "kz-mod", "uz-bs"));
        bus.publish(Topic.UNIT_POSITIONS, unit.id(), new UnitPosition(NOW, unit.id(), unit.callsign(), "a-f-G-U-C",
                41.3, 69.4, 0, 0, UnitStatus.AVAILABLE, forUz));
        bus.drain();
        TakTestClient uz = connect(ca, "uz-dev", "uz-bs");
        TakTestClient kz = connect(ca, "kz-dev", "kz-bs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);
        // The latest SA on connecting: the unit by kind to the partner, as itself to the home agency's device.
        assertThat(uz.nextWithUid(alias).detail().callsign()).isEqualTo(alias);
        assertThat(kz.nextWithUid(unit.id()).detail().callsign()).isEqualTo(unit.callsign());

        book.accept(new Release(NOW, Release.Kind.TRACK, "trk-released", "uz-bs", "commander", "joint", forUz));
        for (String id : List.of("trk-unreleased", "trk-released")) {
            bus.publish(Topic.TRACKS, id, new TrackUpdate(NOW, id, "south", 41.2, 69.5, 1, 1, 100, 0, 100,
                    TrackStatus.CONFIRMED, TargetClass.VEHICLE, new TreeSet<>(Set.of("RADAR-7")), home));
        }
        List<String> got = new ArrayList<>();
        do {
            got.add(uz.nextXml());
        } while (!got.getLast().contains("uid=\"trk-released\""));
        assertThat(got).noneMatch(x -> x.contains("trk-unreleased") || x.contains("RADAR-7")
                || x.contains("\"" + unit.id() + "\"") || x.contains(unit.callsign()));
        assertThat(kz.nextWithUid("trk-released").detail().remarks()).contains("RADAR-7");
    }

    @Test
    void aTlsDeviceMayNotSpeakForAnotherAgencysUnitNorForAUidAnotherCertificateHolds() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        server.viewers("kz-bs", a -> Viewer.of(theatre, a, "device"), new Redactor(theatre),
                uid -> uid.equals("GP-UNIT") ? "kz-bs" : null);
        List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        var sub = bus.subscribe(Topic.UNIT_POSITIONS, "test", p -> published.add(p.unit() + "/" + p.callsign()));
        TakTestClient uz = connect(ca, "uz-dev", "uz-bs");
        TakTestClient first = connect(ca, "first", "kz-bs");
        TakTestClient watcher = connect(ca, "watcher", "kz-bs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 3);

        uz.send(sa("GP-UNIT", "FAKE", "Cyan", 42.0, 69.0, NOW));
        uz.send(sa("UZ-1", "UZ", "Cyan", 42.0, 69.0, NOW.plusSeconds(1)));
        first.send(sa("DEV-1", "FIRST", "Cyan", 42.31, 69.61, NOW));
        assertThat(watcher.nextWithUid("DEV-1").detail().callsign()).isEqualTo("FIRST");
        first.close();
        CotRoutingTest.await(() -> server.connectedClients().size() == 2);

        // The uid stays its first certificate's after that device has gone.
        TakTestClient second = connect(ca, "second", "kz-bs");
        CotRoutingTest.await(() -> server.connectedClients().size() == 3);
        second.send(sa("DEV-1", "IMPOSTOR", "Cyan", 42.0, 69.0, NOW.plusSeconds(2)));
        second.send(sa("DEV-2", "SECOND", "Cyan", 42.41, 69.71, NOW.plusSeconds(3)));
        assertThat(watcher.next().uid()).as("the impostor's SA is refused, the next one relayed").isEqualTo("DEV-2");
        CotRoutingTest.await(() -> published.contains("DEV-2/SECOND") && published.contains("UZ-1/UZ"));
        bus.drain();
        assertThat(published).containsOnly("UZ-1/UZ", "DEV-1/FIRST", "DEV-2/SECOND");
        assertThat(registry.get("shekara.adapter.rejections").tags("adapter", "cot", "reason", "uid-not-yours")
                .counter().count()).isEqualTo(2);
        sub.close();
    }
}
