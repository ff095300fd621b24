package kz.shekara.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.Release;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Role;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.ReleaseBook;
import kz.shekara.server.view.Viewer;
import kz.shekara.theatre.Agency;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Theatre;

/**
 * A real bus, live picture and API server with the sharing routes (releases, partner feeds) as the
 * server wires them, on a free port. Each request is made as a real account of the agency the test
 * names ({@link #identity}), logged in over HTTP. Alerts and incidents are lists the test fills.
 */
final class SharingHarness implements AutoCloseable {
    static final String HOME = FixtureTheatre.HOME.originator();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    /** The partner agencies and their clearance; uz-bs has sensors and units withheld. */
    static final List<Agency> AGENCIES = List.of(new Agency("kz-mod", "Ministry of Defence", Classification.SECRET),
            new Agency("kz-customs", "Customs", Classification.RESTRICTED),
            new Agency("uz-bs", "Neighbouring border service", Classification.RESTRICTED,
                    Set.of(Redaction.SENSOR, Redaction.UNIT)));

    final Theatre theatre;
    final InMemoryBus bus = new InMemoryBus(2, 4096);
    final LiveState live = new LiveState(bus, LiveStateConfig.defaults());
    final ReleaseBook book = new ReleaseBook();
    final List<AlertBook.Entry> alerts = new CopyOnWriteArrayList<>();
    final List<Incident> incidents = new CopyOnWriteArrayList<>();
    final ApiServer server;
    final PartnerStream stream;
    final int port;
    private final java.util.Map<String, HttpClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.nio.file.Path accessDir;
    private final kz.shekara.server.access.AccessDatabase accounts;
    private final Bus.Subscription releases;

    /** @param exercise whether the deployment is an exercise */
    SharingHarness(boolean exercise) {
        Theatre f = FixtureTheatre.create();
        theatre = new Theatre(f.name(), f.defaultMarking(), f.sectors(), f.zones(), f.sensors(), f.bases(), f.units(),
                AGENCIES);
        live.start();
        releases = bus.subscribe(Topic.RELEASES, "release-book", book::accept);
        server = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .sharing(book, exercise);
        try {
            accessDir = java.nio.file.Files.createTempDirectory("shekara-sharing");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        accounts = kz.shekara.server.access.AccessDatabase.open(kz.shekara.server.store.EventLogs.jdbcUrl(null, accessDir));
        server.access(new kz.shekara.server.access.AccessService(accounts, kz.shekara.server.config.AccessConfig.defaults(),
                Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                kz.shekara.server.access.AuditSink.NONE));
        ReleasesApi.Subjects subjects = s -> switch (s.kind()) {
            case TRACK -> live.tracks(Viewer.home(HOME)).stream().filter(t -> t.latest().track().equals(s.id()))
                    .findFirst().map(t -> t.latest().marking());
            case ALERT -> alerts.stream().filter(e -> e.id().equals(s.id())).findFirst().map(e -> e.alert().marking());
            case INCIDENT -> incidents.stream().filter(i -> i.id().equals(s.id())).findFirst().map(Incident::marking);
        };
        server.addRoutes(new ReleasesApi(theatre, bus, book, subjects, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC),
                server::viewer, exercise)::register);
        stream = new PartnerStream(bus, ws -> server.viewer(Caller.of(ws)), server.redactor());
        server.addRoutes(new FeedsApi(theatre, live, () -> alerts, () -> incidents, server::viewer, server.redactor(),
                stream)::register);
        port = server.start();
    }

    /**
     * The account a test acts as on {@code path} ({@code #post} appended for a write): a partner account
     * on a feed; else the home agency's commander, and another agency's operator for reads (as the
     * defence ministry's are) and partner for writes.
     */
    static Identity identity(String agency, String role, String path) {
        boolean feed = path.startsWith("/api/v1/feeds/");
        boolean write = path.startsWith("/api/v1/releases#post");
        Role r = role != null ? Role.of(role) : feed ? Role.PARTNER : agency.equals(HOME) ? Role.COMMANDER
                : write ? Role.PARTNER : Role.OPERATOR;
        return new Identity("test-" + agency + "-" + r.id(), r, agency, Identity.Kind.ACCOUNT);
    }

    static Identity identity(String agency, String role) {
        return identity(agency, role, "/api/v1/");
    }

    /** A client logged in as the account {@link #identity} names, created in the server's accounts at first use. */
    HttpClient client(String agency, String path) {
        Identity id = identity(agency == null ? HOME : agency, null, path);
        return clients.computeIfAbsent(id.name(), n -> {
            if (new kz.shekara.server.access.AccountStore(accounts).find(n).isEmpty()) {
                kz.shekara.server.access.TestAccounts.add(accounts, n, id.role(), id.agency());
            }
            return kz.shekara.server.access.TestAccounts.client(n);
        });
    }

    /** The viewer the server makes of a caller of {@code agency}. */
    Viewer viewer(String agency) {
        return server.viewer(identity(agency, null));
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Publishes as the adapters and engines do and waits until every subscriber has it. */
    void publish(DomainEvent... events) throws InterruptedException {
        for (DomainEvent e : events) {
            switch (e) {
                case UnitPosition p -> bus.publish(Topic.UNIT_POSITIONS, p.unit(), p);
                case Detection d -> bus.publish(Topic.OBSERVATIONS, d.sensor(), d);
                case TrackUpdate t -> bus.publish(Topic.TRACKS, t.sector(), t);
                case ChatMessage m -> bus.publish(Topic.MESSAGES, m.chatroom(), m);
                case Alert a -> {
                    alerts.add(new AlertBook.Entry(a, kz.shekara.model.AlertState.RAISED, null, null, null, null, null, ""));
                    bus.publish(Topic.ALERTS, a.id(), a);
                }
                case AlertChange c -> bus.publish(Topic.ALERT_CHANGES, c.alert(), c);
                case IncidentEvent i -> bus.publish(Topic.INCIDENTS, i.incident(), i);
                case Release r -> bus.publish(Topic.RELEASES, r.object(), r);
                default -> throw new IllegalArgumentException(e.toString());
            }
        }
        bus.drain();
    }

    HttpResponse<String> get(String path, String agency) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        return client(agency, path).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path, String agency) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, agency);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " as " + agency + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * Posts as an operator does and waits until every subscriber has what the request published (a release reaches
     * the feeds through the bus, after the answer: read at once, a loaded machine could show the feed before it).
     */
    HttpResponse<String> post(String path, String agency, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = client(agency, path + "#post").send(b.build(), HttpResponse.BodyHandlers.ofString());
        bus.drain();
        return r;
    }

    static Marking marking(Classification c, String originator, String... releasableTo) {
        return Marking.of(c, originator, List.of(releasableTo));
    }

    @Override
    public void close() {
        server.close();
        stream.close();
        releases.close();
        live.close();
        bus.close();
    }
}
