package kz.shekara.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Role;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.Viewer;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Operational control and crises over real HTTP on the default theatre, with the real rules and
 * dispatch desk: a crisis hands the Turkistan command's units to the defence ministry's Regional
 * Command South, whose operator then tasks one; the home agency's operators may not; ending the
 * crisis hands them back. Each caller is a real account of its agency,
 * logged in over HTTP.
 */
class CrisisApiTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final java.util.Map<String, HttpClient> clients = new java.util.concurrent.ConcurrentHashMap<>();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;
    private static final Identity HOME_COMMANDER = new Identity("duty-commander", Role.COMMANDER, "kz-bs",
            Identity.Kind.ACCOUNT);
    private static final Identity HOME_OPERATOR = new Identity("duty-operator", Role.OPERATOR, "kz-bs",
            Identity.Kind.ACCOUNT);
    private static final Identity MOD_OPERATOR = new Identity("mod-operator", Role.OPERATOR, "kz-mod",
            Identity.Kind.ACCOUNT);
    private static final Identity MOD_COMMANDER = new Identity("mod-commander", Role.COMMANDER, "kz-mod",
            Identity.Kind.ACCOUNT);
    private static final Identity CUSTOMS_CHIEF = new Identity("customs-chief", Role.COMMANDER, "kz-customs",
            Identity.Kind.ACCOUNT);

    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<CrisisEvent> crises = new CopyOnWriteArrayList<>();
    private final List<ControlChange> controls = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private volatile Identity as = HOME_COMMANDER;
    private Theatre theatre;
    private InMemoryBus bus;
    private LiveState live;
    private RulesService rules;
    private ResponseService responder;
    private ApiServer api;
    private String base;

    @BeforeEach
    void start() throws Exception {
        theatre = TheatreLoader.loadDefault();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.ALERTS, "test", alerts::add);
        bus.subscribe(Topic.CRISES, "test", crises::add);
        bus.subscribe(Topic.UNIT_CONTROL, "test", controls::add);
        live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        rules = new RulesService(RulesConfigLoader.forTheatre(null), bus, theatre, meters, clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
        api = new ApiServer(new HttpConfig("127.0.0.1", 0), theatre, live, bus, meters, clock);
        api.addRoutes(new ResponseApi(responder, theatre)::register);
        api.addRoutes(new ControlApi(responder, theatre, api::viewer)::register);
        kz.shekara.server.access.AccessDatabase db = kz.shekara.server.access.TestAccounts.seed(
                kz.shekara.server.store.EventLogs.jdbcUrl(null, accessDir), theatre);
        for (Identity id : List.of(HOME_COMMANDER, HOME_OPERATOR, MOD_OPERATOR, MOD_COMMANDER, CUSTOMS_CHIEF)) {
            kz.shekara.server.access.TestAccounts.add(db, id.name(), id.role(), id.agency());
        }
        api.access(new kz.shekara.server.access.AccessService(db, kz.shekara.server.config.AccessConfig.defaults(),
                java.time.Clock.systemUTC(), meters, kz.shekara.server.access.AuditSink.NONE));
        base = "http://127.0.0.1:" + api.start();
    }

    @AfterEach
    void stop() {
        api.close();
        responder.close();
        rules.close();
        live.close();
        bus.close();
    }

    @Test
    void ministryOperatorTasksABorderUnitInACrisisAndControlReturnsWhenItEnds() throws Exception {
        String incident = crossInto("uz-03");
        Set<String> turkistan = unitsOf("turkistan");
        clock.set(T0.plusSeconds(210));

        JsonNode declared = ok(201, "POST", "/api/v1/crisis",
                "{\"command\":\"turkistan\",\"to\":\"mod-south\",\"reason\":\"armed incursion across uz-03\"}");
        String id = declared.path("id").asText();
        assertThat(declared.path("status").asText()).isEqualTo("declared");
        assertThat(declared.path("by").asText()).isEqualTo("duty-commander");
        assertThat(texts(declared.path("units"))).containsExactlyInAnyOrderElementsOf(turkistan);

        JsonNode inForce = ok(200, "GET", "/api/v1/crisis", null);
        assertThat(inForce).hasSize(1);
        JsonNode c = inForce.get(0);
        assertThat(c.path("id").asText()).isEqualTo(id);
        assertThat(c.path("command").asText()).isEqualTo("turkistan");
        assertThat(c.path("to").asText()).isEqualTo("mod-south");
        assertThat(c.path("reason").asText()).isEqualTo("armed incursion across uz-03");
        assertThat(c.path("by").asText()).isEqualTo("duty-commander");
        assertThat(c.path("since").asText()).isEqualTo(T0.plusSeconds(210).toString());
        JsonNode control = ok(200, "GET", "/api/v1/units/control", null);
        for (String u : turkistan) {
            assertThat(control.path(u).path("command").asText()).isEqualTo("mod-south");
            assertThat(control.path(u).path("agency").asText()).isEqualTo("kz-mod");
            assertThat(control.path(u).path("own").asText()).isEqualTo("turkistan");
            assertThat(control.path(u).path("crisis").asText()).isEqualTo(id);
        }
        bus.drain();
        assertThat(crises).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(CrisisEvent.Status.DECLARED);
            assertThat(e.marking().releasableTo("kz-mod")).isTrue();
        });
        assertThat(controls).extracting(ControlChange::unit).containsExactlyInAnyOrderElementsOf(turkistan);

        // The home agency's operator sees the Turkistan units excluded and may not task them.
        as = HOME_OPERATOR;
        JsonNode home = ok(200, "GET", "/api/v1/incidents/" + incident + "/recommendations", null);
        assertThat(rankedUnits(home)).doesNotContainAnyElementsOf(turkistan);
        assertThat(excluded(home, "not-under-control")).containsAll(turkistan);
        String first = turkistan.stream().sorted().findFirst().orElseThrow();
        HttpResponse<String> refused = send("POST", "/api/v1/incidents/" + incident + "/dispatch",
                "{\"unit\":\"" + first + "\",\"by\":\"duty-operator\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains(first, "mod-south", "kz-mod");

        // The ministry's operator ranks only the units under its command, sees them, and tasks one.
        as = MOD_OPERATOR;
        JsonNode mod = ok(200, "GET", "/api/v1/incidents/" + incident + "/recommendations", null);
        List<String> ranked = rankedUnits(mod);
        assertThat(ranked).as(mod.toString()).isNotEmpty();
        assertThat(turkistan).containsAll(ranked);
        assertThat(excluded(mod, "not-under-control")).containsAll(unitsOf("zhambyl"));
        String zhambylUnit = unitsOf("zhambyl").iterator().next();
        HttpResponse<String> notOurs = send("POST", "/api/v1/incidents/" + incident + "/dispatch",
                "{\"unit\":\"" + zhambylUnit + "\",\"by\":\"mod-operator\"}");
        assertThat(notOurs.statusCode()).as(notOurs.body()).isEqualTo(409);
        assertThat(JSON.readTree(notOurs.body()).path("detail").asText()).contains(zhambylUnit, "kz-mod");
        JsonNode task = ok(201, "POST", "/api/v1/incidents/" + incident + "/dispatch",
                "{\"unit\":\"" + ranked.get(0) + "\",\"by\":\"mod-operator\"}");
        assertThat(task.path("unit").asText()).isEqualTo(ranked.get(0));
        assertThat(task.path("status").asText()).isEqualTo("dispatched");
        JsonNode seen = ok(200, "GET", "/api/v1/units", null);
        assertThat(texts(seen.path("features"), "/properties/id")).containsAll(turkistan);
        assertThat(Viewer.of(theatre, "kz-mod", "operator").maySee(theatre.defaultMarking())).isTrue();

        // The ministry's commander hands one unit to the Zhambyl command on its own, then the crisis ends.
        as = MOD_COMMANDER;
        String lent = turkistan.stream().filter(u -> !u.equals(ranked.get(0))).sorted().findFirst().orElseThrow();
        JsonNode moved = ok(200, "PUT", "/api/v1/units/" + lent + "/control",
                "{\"command\":\"zhambyl\",\"reason\":\"reinforces the Merke sector\"}");
        assertThat(moved.path("by").asText()).isEqualTo("mod-commander");
        assertThat(moved.path("crisis").isNull()).isTrue();
        clock.set(T0.plusSeconds(900));
        as = HOME_COMMANDER;
        JsonNode ended = ok(200, "DELETE", "/api/v1/crisis/" + id, null);
        assertThat(ended.path("status").asText()).isEqualTo("ended");
        assertThat(texts(ended.path("units"))).doesNotContain(lent)
                .containsExactlyInAnyOrderElementsOf(turkistan.stream().filter(u -> !u.equals(lent)).toList());
        assertThat(ok(200, "GET", "/api/v1/crisis", null)).isEmpty();
        JsonNode after = ok(200, "GET", "/api/v1/units/control", null);
        for (String u : turkistan) {
            assertThat(after.path(u).path("command").asText()).isEqualTo(u.equals(lent) ? "zhambyl" : "turkistan");
        }
        assertThat(after.path(ranked.get(0)).path("by").asText()).isEqualTo("duty-commander");
        // Back under the home agency, the tasked unit keeps its task; the others rank for its operators again.
        as = HOME_OPERATOR;
        JsonNode again = ok(200, "GET", "/api/v1/incidents/" + incident + "/recommendations", null);
        assertThat(excluded(again, "not-under-control")).doesNotContainAnyElementsOf(turkistan);
        assertThat(again.at("/task/unit").asText()).isEqualTo(ranked.get(0));
        bus.drain();
        assertThat(crises).extracting(CrisisEvent::status)
                .containsExactly(CrisisEvent.Status.DECLARED, CrisisEvent.Status.ENDED);
    }

    @Test
    void transferToACommandTheTheatreDoesNotDefineIsRefusedAndCounted() throws Exception {
        String unit = theatre.units().get(0).id();
        double before = rejections("invalid");
        HttpResponse<String> r = send("PUT", "/api/v1/units/" + unit + "/control",
                "{\"command\":\"mod\",\"reason\":\"crisis\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains("'mod'", "not defined");
        assertThat(rejections("invalid")).isEqualTo(before + 1);
        assertThat(ok(200, "GET", "/api/v1/units/control", null).path(unit).path("command").asText())
                .isEqualTo(theatre.unit(unit).orElseThrow().command());

        HttpResponse<String> noReason = send("PUT", "/api/v1/units/" + unit + "/control", "{\"command\":\"zhambyl\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).path("detail").asText()).contains("reason");
        HttpResponse<String> byField = send("PUT", "/api/v1/units/" + unit + "/control",
                "{\"command\":\"zhambyl\",\"reason\":\"x\",\"by\":\"someone else\"}");
        assertThat(byField.statusCode()).isEqualTo(400);

        clock.set(T0.plusSeconds(30));
        JsonNode done = ok(200, "PUT", "/api/v1/units/" + unit + "/control",
                "{\"command\":\"zhambyl\",\"reason\":\"reinforces Taraz\"}");
        assertThat(done.path("by").asText()).isEqualTo("duty-commander");
        assertThat(done.path("time").asText()).isEqualTo(T0.plusSeconds(30).toString());
        JsonNode shown = ok(200, "GET", "/api/v1/units/control", null).path(unit);
        assertThat(shown.path("command").asText()).isEqualTo("zhambyl");
        assertThat(shown.path("by").asText()).isEqualTo("duty-commander");
        assertThat(shown.path("reason").asText()).isEqualTo("reinforces Taraz");
        assertThat(shown.path("time").asText()).isEqualTo(T0.plusSeconds(30).toString());
        bus.drain();
        assertThat(controls).singleElement().satisfies(c -> assertThat(c.by()).isEqualTo("duty-commander"));

        // An operator may not transfer; another agency may not take a unit it does not hold.
        as = HOME_OPERATOR;
        assertThat(send("PUT", "/api/v1/units/" + unit + "/control",
                "{\"command\":\"turkistan\",\"reason\":\"x\"}").statusCode()).isEqualTo(403);
        as = MOD_COMMANDER;
        HttpResponse<String> grab = send("PUT", "/api/v1/units/" + unit + "/control",
                "{\"command\":\"mod-south\",\"reason\":\"x\"}");
        assertThat(grab.statusCode()).as(grab.body()).isEqualTo(409);
    }

    @Test
    void crisisRefusals() throws Exception {
        String body = "{\"command\":\"zhambyl\",\"to\":\"%s\",\"reason\":\"r\"}";
        assertThat(status("POST", "/api/v1/crisis", body.formatted("caspian"))).isEqualTo(400); // a border command
        assertThat(status("POST", "/api/v1/crisis", body.formatted("army"))).isEqualTo(400); // not defined
        assertThat(status("POST", "/api/v1/crisis",
                "{\"command\":\"mod-south\",\"to\":\"mod-south\",\"reason\":\"r\"}")).isEqualTo(400);
        assertThat(status("POST", "/api/v1/crisis", "{\"command\":\"zhambyl\",\"to\":\"mod-south\"}")).isEqualTo(400);
        as = HOME_OPERATOR;
        assertThat(status("POST", "/api/v1/crisis", body.formatted("mod-south"))).isEqualTo(403);
        as = CUSTOMS_CHIEF;
        assertThat(status("POST", "/api/v1/crisis", body.formatted("mod-south"))).isEqualTo(403);
        as = HOME_COMMANDER;
        JsonNode c = ok(201, "POST", "/api/v1/crisis", body.formatted("mod-south"));
        assertThat(status("POST", "/api/v1/crisis", body.formatted("mod-south"))).isEqualTo(409);
        assertThat(status("DELETE", "/api/v1/crisis/none", null)).isEqualTo(404);
        // The ministry's commander may end the crisis it took control in.
        as = MOD_COMMANDER;
        assertThat(ok(200, "DELETE", "/api/v1/crisis/" + c.path("id").asText(), null).path("by").asText())
                .isEqualTo("mod-commander");
        // Ended already: a conflict, not an unknown crisis.
        HttpResponse<String> again = send("DELETE", "/api/v1/crisis/" + c.path("id").asText(), null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("detail").asText()).contains("ended", "mod-commander");
    }

    // --- helpers ---

    /** A walker crossing the middle of a sector's border line into Kazakhstan; returns its incident. */
    private String crossInto(String sector) throws InterruptedException {
        GeometryFactory gf = new GeometryFactory();
        Zone country = theatre.zones(ZoneKind.COUNTRY).stream().filter(z -> z.id().equals("country-kz")).findFirst()
                .orElseThrow();
        Geometry border = theatre.zones(ZoneKind.BORDER).stream().filter(z -> sector.equals(z.sector()))
                .map(Zone::geometry).findFirst().orElseThrow();
        Coordinate[] line = border.getCoordinates();
        Coordinate a = line[line.length / 2];
        Coordinate b = line[line.length / 2 + 1];
        double along = Geodesy.azimuthDeg(a.y, a.x, b.y, b.x);
        double[] mid = {(a.y + b.y) / 2, (a.x + b.x) / 2};
        double[] left = Geodesy.destination(mid[0], mid[1], along - 90, 150);
        double[] right = Geodesy.destination(mid[0], mid[1], along + 90, 150);
        boolean leftIn = country.geometry().contains(gf.createPoint(new Coordinate(left[1], left[0])));
        double[] from = leftIn ? right : left;
        double[] to = leftIn ? left : right;
        double az = Geodesy.azimuthDeg(from[0], from[1], to[0], to[1]);
        double[] v = {1.5 * Math.cos(Math.toRadians(az)), 1.5 * Math.sin(Math.toRadians(az))};
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(from[0], from[1], az, k * 15.0);
            bus.publish(Topic.TRACKS, sector, new TrackUpdate(T0.plusSeconds(10L * k), "T-1", sector, p[0], p[1],
                    v[0], v[1], 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER,
                    new TreeSet<>(List.of("radar-1")), theatre.defaultMarking()));
        }
        bus.drain();
        String alert = alerts.stream().filter(x -> "T-1".equals(x.track())).findFirst().orElseThrow().id();
        return incidents.stream().filter(e -> alert.equals(e.alert())).findFirst().orElseThrow().incident();
    }

    private Set<String> unitsOf(String command) {
        return theatre.units().stream().filter(u -> command.equals(u.command())).map(Unit::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> rankedUnits(JsonNode response) {
        return texts(response.path("recommendations"), "/unit");
    }

    private static List<String> excluded(JsonNode response, String reason) {
        List<String> out = new ArrayList<>();
        response.path("excluded").forEach(e -> {
            if (reason.equals(e.path("reason").asText())) {
                out.add(e.path("unit").asText());
            }
        });
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String pointer) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.at(pointer).asText()));
        return out;
    }

    private double rejections(String reason) throws Exception {
        for (String line : send("GET", "/api/v1/metrics", null).body().split("\n")) {
            if (line.startsWith("shekara_adapter_rejections_total{") && line.contains("adapter=\"api\"")
                    && line.contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private JsonNode ok(int status, String method, String path, String body) throws Exception {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private int status(String method, String path, String body) throws Exception {
        return send(method, path, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        Identity caller = as;
        return clients.computeIfAbsent(caller.name(), kz.shekara.server.access.TestAccounts::client)
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
