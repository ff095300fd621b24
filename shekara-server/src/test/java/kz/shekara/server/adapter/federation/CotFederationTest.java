package kz.shekara.server.adapter.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.access.AuditSink;
import kz.shekara.server.adapter.cot.CotMapping;
import kz.shekara.server.adapter.cot.cert.CertificateAuthority;
import kz.shekara.server.adapter.cot.cert.ClientFiles;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.FederationConfig;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Redactor;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound CoT feed to a partner's TAK server over real TLS: the partner's server (a TLS
 * listener of a second certificate authority, the partner's) receives exactly what its agency may
 * see, redacted, from the latest state on; never an unreleased object, exercise data of a real
 * deployment, or a withheld sensor or unit; and a server its truststore does not vouch for gets nothing.
 */
class CotFederationTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String HOME = "kz-bs";
    private static final Marking RESTRICTED = Marking.of(Classification.RESTRICTED, HOME,
            List.of("kz-customs", "kz-mod"));
    private static final Marking FOR_UZ = Marking.of(Classification.RESTRICTED, HOME,
            List.of("kz-customs", "kz-mod", "uz-bs"));

    @TempDir
    Path dir;

    private final InMemoryBus bus = new InMemoryBus(2, 4096);
    private final LiveState live = new LiveState(bus, LiveStateConfig.defaults());
    private final ReleaseBook book = new ReleaseBook();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final AuditSink audit = (actor, action, target, outcome, address) ->
            audited.add(actor + " " + action + " " + target + " " + outcome);
    private Theatre theatre;
    private CertificateAuthority partnerCa;
    private CotFederation federation;
    private PartnerTakServer tak;
    private String shownUnit;
    private String shownCallsign;
    private String shownAlias;
    private String hiddenUnit;

    @BeforeEach
    void setUp() throws Exception {
        // The default theatre: uz-bs is cleared to RESTRICTED with sensors and units withheld.
        theatre = TheatreLoader.loadDefault();
        Viewer uz = Viewer.of(theatre, "uz-bs", "partner");
        assertThat(uz.redacts(Redaction.SENSOR) && uz.redacts(Redaction.UNIT)).isTrue();
        Unit first = theatre.units().getFirst();
        Unit second = theatre.units().get(1);
        shownUnit = first.id();
        shownCallsign = first.callsign();
        shownAlias = new Redactor(theatre).unit(uz, first.id());
        hiddenUnit = second.id();
        live.start();
        // The partner's authority issues our client certificate and gives us its own certificate to trust.
        partnerCa = CertificateAuthority.init(dir.resolve("partner"), Clock.systemUTC());
        ClientFiles.write(partnerCa.issue("shekara-kz", HOME), dir.resolve("fed"), "atakatak", "localhost", 8089);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (federation != null) {
            federation.close();
        }
        if (tak != null) {
            tak.close();
        }
        live.close();
        bus.close();
    }

    @Test
    void partnerReceivesWhatWasReleasedToItRedactedAndNothingElse() throws Exception {
        release(Release.Kind.TRACK, "trk-released");
        // Released, but exercise data never reaches a partner of a real deployment.
        release(Release.Kind.TRACK, "trk-exercise");
        release(Release.Kind.ALERT, "al-released");
        publish(track("trk-released", 41.10, T0, RESTRICTED), track("trk-unreleased", 41.11, T0, RESTRICTED),
                track("trk-exercise", 41.12, T0, RESTRICTED.asExercise()),
                unit(hiddenUnit, RESTRICTED), unit(shownUnit, FOR_UZ));
        tak = new PartnerTakServer(partnerCa.serverContext((reason, subject) -> { }));
        federation = federation(tak.port()).start(bus);

        // The latest state first: the released track and the unit releasable to uz-bs, by kind only.
        assertThat(tak.await("trk-released", LIMIT)).isTrue();
        assertThat(tak.await(shownAlias, LIMIT)).isTrue();
        assertThat(tak.subjects()).singleElement().asString().contains("CN=shekara-kz");

        // Later updates: an unreleased and an exercise track and an unreleased alert before those that may go.
        publish(track("trk-unreleased", 41.21, T0.plusSeconds(5), RESTRICTED),
                track("trk-exercise", 41.22, T0.plusSeconds(5), RESTRICTED.asExercise()),
                alert("al-unreleased"), alert("al-released"),
                track("trk-released", 41.20, T0.plusSeconds(5), RESTRICTED));
        assertThat(tak.await("shekara-alert-al-released", LIMIT)).isTrue();
        assertThat(tak.await(T0.plusSeconds(5).toString().replace("Z", ""), LIMIT)).isTrue();

        String got = tak.received();
        assertThat(got).contains("uid=\"trk-released\"", "uid=\"" + shownAlias + "\"")
                .doesNotContain("trk-unreleased", "trk-exercise", "al-unreleased", "\"" + hiddenUnit + "\"",
                        "\"" + shownUnit + "\"", shownCallsign, "RADAR-7");
        assertThat(counter("shekara.federation.events.sent")).isGreaterThanOrEqualTo(4);
        assertThat(audited).anyMatch(a -> a.startsWith("federation federation.connect uz-bs ok: 2 objects"));
    }

    @Test
    void reconnectsAfterTheLinkDropsAndSendsTheLatestStateAgain() throws Exception {
        release(Release.Kind.TRACK, "trk-released");
        publish(track("trk-released", 41.10, T0, RESTRICTED));
        tak = new PartnerTakServer(partnerCa.serverContext((reason, subject) -> { }));
        federation = federation(tak.port()).start(bus);
        assertThat(tak.await("trk-released", LIMIT)).isTrue();

        publish(track("trk-released", 41.30, T0.plusSeconds(9), RESTRICTED));
        assertThat(tak.await(T0.plusSeconds(9).toString().replace("Z", ""), LIMIT)).isTrue();
        int before = occurrences(tak.received(), "uid=\"trk-released\"");
        tak.dropAll();

        // Connected again: the latest position once more, without anything new being published.
        long end = System.nanoTime() + LIMIT.toNanos();
        while (occurrences(tak.received(), "uid=\"trk-released\"") == before && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(occurrences(tak.received(), "uid=\"trk-released\"")).isEqualTo(before + 1);
        assertThat(tak.subjects()).hasSize(2);
        assertThat(counter("shekara.federation.reconnects")).isGreaterThanOrEqualTo(1);
        assertThat(audited).anyMatch(a -> a.startsWith("federation federation.disconnect uz-bs lost"));
        assertThat(audited.stream().filter(a -> a.contains("federation.connect uz-bs ok"))).hasSize(2);
    }

    @Test
    void serverThePartnersAuthorityDidNotCertifyGetsNothing() throws Exception {
        release(Release.Kind.TRACK, "trk-released");
        publish(track("trk-released", 41.10, T0, RESTRICTED));
        CertificateAuthority impostor = CertificateAuthority.init(dir.resolve("impostor"), Clock.systemUTC());
        tak = new PartnerTakServer(impostor.serverContext((reason, subject) -> { }));
        federation = federation(tak.port()).start(bus);

        long end = System.nanoTime() + LIMIT.toNanos();
        while (counter("shekara.federation.connect.failures") < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(counter("shekara.federation.connect.failures")).isGreaterThanOrEqualTo(2);
        assertThat(federation.connected()).isZero();
        assertThat(tak.received()).isEmpty();
        // A run of failures is audited once.
        assertThat(audited).singleElement().asString().startsWith("federation federation.connect uz-bs failed");
    }

    private CotFederation federation(int port) throws Exception {
        FederationConfig.Partner p = new FederationConfig.Partner("uz-bs", "localhost", port,
                dir.resolve("fed/shekara-kz.p12").toString(), "atakatak", dir.resolve("fed/truststore.p12").toString(),
                "atakatak", Duration.ofMillis(50), Duration.ofMillis(200));
        return new CotFederation(new FederationConfig(List.of(p)),
                agency -> Viewer.of(theatre, agency, "partner").sharing(book, false, HOME), new Redactor(theatre),
                new CotMapping(Duration.ofMinutes(2), 50), live, List::of, audit, meters);
    }

    private void release(Release.Kind kind, String id) {
        book.accept(new Release(T0, kind, id, "uz-bs", "commander", "joint search", FOR_UZ));
    }

    private void publish(DomainEvent... events) throws InterruptedException {
        for (DomainEvent e : events) {
            switch (e) {
                case TrackUpdate t -> bus.publish(Topic.TRACKS, t.track(), t);
                case UnitPosition p -> bus.publish(Topic.UNIT_POSITIONS, p.unit(), p);
                case Alert a -> bus.publish(Topic.ALERTS, a.id(), a);
                default -> throw new IllegalArgumentException(e.toString());
            }
        }
        bus.drain();
    }

    private static TrackUpdate track(String id, double lat, Instant t, Marking m) {
        return new TrackUpdate(t, id, "south", lat, 69.5, 1, 1, 100, 0, 100, TrackStatus.CONFIRMED,
                TargetClass.VEHICLE, new TreeSet<>(Set.of("RADAR-7")), m);
    }

    private UnitPosition unit(String id, Marking m) {
        String callsign = theatre.units().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow().callsign();
        return new UnitPosition(T0, id, callsign, "a-f-G-U-C", 41.3, 69.4, 0, 0, UnitStatus.AVAILABLE, m);
    }

    private static Alert alert(String id) {
        return new Alert(T0.plusSeconds(4), id, RuleKind.BORDER_CROSSING, Severity.HIGH, "south", null,
                "trk-released", "RADAR-7", null, 41.2, 69.5, new TreeSet<>(Set.of("RADAR-7")),
                "track crossed the border, seen by RADAR-7", RESTRICTED);
    }

    private double counter(String name) {
        var c = meters.find(name).tag("agency", "uz-bs").counter();
        return c == null ? 0 : c.count();
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
