package kz.shekara.server.adapter.cot;

import kz.shekara.server.access.TestAccounts;
import kz.shekara.server.api.AccessGate;
import kz.shekara.server.api.ApiErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.config.LiveStateConfig;
import kz.shekara.server.view.LiveState;
import kz.shekara.server.view.Viewer;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.api.AlertsApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.response.MiniTheatre;
import kz.shekara.server.api.Caller;
import kz.shekara.server.api.ResponseApi;
import kz.shekara.server.access.Identity;
import kz.shekara.server.access.Role;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dispatch end to end over a real TAK connection: a walker crosses the border, the operator
 * dispatches the best unit over HTTP, the unit's device (a TCP client under the unit's uid) gets the
 * waypoint and the order in Kazakh — another device gets neither — then a moved intercept point,
 * acknowledges by chat, and drives there with SA reports until the incident is on scene, every step
 * at the event time that caused it. The server's clock is set by the test; synchronisation is by
 * TAK ping/pong and bus drain, never by sleeping.
 */
class DispatchRoundTripTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final String TRACK = "T-1";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = TestAccounts.client("operator");
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path accessDir;
    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final List<TakTestClient> clients = new ArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private InMemoryBus bus;
    private RulesService rules;
    private CotServer cot;
    private ResponseService responder;
    private Javalin app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Theatre theatre = MiniTheatre.theatre();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.TASKS, "test", tasks::add);
        rules = new RulesService(RulesSettings.defaults(), bus, theatre, meters, clock);
        rules.start();
        cot = new CotServer(CotServerConfig.defaults().withBindHost("127.0.0.1").withPort(0), bus,
                MiniTheatre.MARKING, meters, clock);
        cot.start();
        ResponseConfig config = ResponseConfig.defaults();
        responder = new ResponseService(config, bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
        cot.deliverTasks(new TaskCot(config.centreUid(), config.centreCallsign()));
        app = Javalin.create(c -> c.showJavalinBanner = false);
        AccessGate.install(app, TestAccounts.service(accessDir, theatre, meters), new ObjectMapper(), meters);
        new ResponseApi(responder, theatre).register(app);
        new AlertsApi(rules).register(app);
        new ApiErrors(meters, new ObjectMapper()).install(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() throws Exception {
        for (TakTestClient c : clients) {
            c.close();
        }
        app.stop();
        responder.close();
        cot.close();
        rules.close();
        bus.close();
    }

    @Test
    void dispatchedUnitGetsItsTaskAcknowledgesAndEndsOnScene() throws Exception {
        TakTestClient device = join("GP-W", "Shekara 11", 41.56, 69.30);
        TakTestClient other = join("GP-E", "Shekara 21", 41.56, 69.75);
        walk(0, 20);
        String incident = incidents.get(0).incident();

        JsonNode recs = json(call("GET", "/api/v1/incidents/" + incident + "/recommendations", null));
        assertThat(recs.get("track").asText()).isEqualTo(TRACK);
        assertThat(recs.get("recommendations").get(0).get("unit").asText()).isEqualTo("GP-W");

        clock.set(T0.plusSeconds(200));
        HttpResponse<String> d = call("POST", "/api/v1/incidents/" + incident + "/dispatch",
                "{\"unit\": \"GP-W\", \"by\": \"duty-officer\"}");
        assertThat(d.statusCode()).isEqualTo(201);
        assertThat(json(d).get("by").asText()).as("the caller, not the body's by").isEqualTo("operator");
        String taskId = json(d).get("id").asText();
        String waypointUid = "shekara-task-" + taskId;

        CotEvent waypoint = nextOfType(device, TaskCot.WAYPOINT_TYPE);
        assertThat(waypoint.uid()).isEqualTo(waypointUid);
        assertThat(waypoint.detail().destUids()).containsExactly("GP-W");
        assertThat(waypoint.detail().links()).anySatisfy(l -> {
            assertThat(l.uid()).isEqualTo(TRACK);
            assertThat(l.relation()).isEqualTo(TaskCot.TARGET_RELATION);
        });
        CotEvent order = nextOfType(device, CotMapping.CHAT_TYPE);
        assertThat(order.detail().remarks()).startsWith("Shekara 11:").contains("Қабылдағаныңызды растаңыз");
        assertThat(order.detail().destUids()).containsExactly("GP-W");
        assertThat(untilPong(other, "GP-E")).noneMatch(e -> e.type().equals(TaskCot.WAYPOINT_TYPE)
                || e.type().equals(CotMapping.CHAT_TYPE));

        // The walker goes on north: the intercept point follows it to the device, same waypoint uid.
        walk(21, 50);
        CotEvent moved = nextOfType(device, TaskCot.WAYPOINT_TYPE);
        assertThat(moved.uid()).isEqualTo(waypointUid);
        assertThat(Geodesy.distanceM(waypoint.lat(), waypoint.lon(), moved.lat(), moved.lon()))
                .isGreaterThan(ResponseConfig.defaults().pointUpdateM());

        clock.set(T0.plusSeconds(510));
        device.send(TakXml.chat("GP-W", "Shekara 11", "m-1", "қабылдадым", "Shekara Ops", T0.plusSeconds(510)));
        untilPong(device, "GP-W");
        bus.drain();
        assertThat(responder.taskOf("GP-W").orElseThrow().status()).isEqualTo(TaskStatus.ACKNOWLEDGED);

        Instant arrived = drive(device, 41.56, 69.30, T0.plusSeconds(520));

        assertThat(responder.taskOf("GP-W").orElseThrow().status()).isEqualTo(TaskStatus.ON_SCENE);
        List<IncidentEvent> steps = incidents.stream()
                .filter(e -> e.incident().equals(incident) && e.change() == IncidentEvent.Change.STATUS).toList();
        assertThat(steps).extracting(IncidentEvent::status)
                .containsExactly(IncidentStatus.ASSIGNED, IncidentStatus.EN_ROUTE, IncidentStatus.ON_SCENE);
        assertThat(steps).allSatisfy(e -> assertThat(e.unit()).isEqualTo("GP-W"));
        assertThat(steps.get(0).time()).isEqualTo(T0.plusSeconds(200));
        assertThat(steps.get(1).time()).isEqualTo(T0.plusSeconds(520));
        assertThat(steps.get(2).time()).isEqualTo(arrived);
        assertThat(tasks).extracting(Task::status).containsSubsequence(TaskStatus.DISPATCHED,
                TaskStatus.ACKNOWLEDGED, TaskStatus.EN_ROUTE, TaskStatus.ON_SCENE);
        JsonNode timeline = json(call("GET", "/api/v1/incidents/" + incident, null));
        assertThat(timeline.get("status").asText()).isEqualTo("on-scene");
        // The crew's acknowledgement is a step of the incident's timeline, between assignment and en route.
        List<IncidentEvent> timelineSteps = incidents.stream().filter(e -> e.incident().equals(incident)
                && e.change() != IncidentEvent.Change.OPENED && e.change() != IncidentEvent.Change.ALERT_ADDED).toList();
        assertThat(timelineSteps).extracting(IncidentEvent::change).containsExactly(IncidentEvent.Change.STATUS,
                IncidentEvent.Change.ACKNOWLEDGED, IncidentEvent.Change.STATUS, IncidentEvent.Change.STATUS);
        IncidentEvent ack = timelineSteps.get(1);
        assertThat(ack.time()).isEqualTo(T0.plusSeconds(510));
        assertThat(ack.unit()).isEqualTo("GP-W");
        assertThat(ack.by()).isEqualTo("GP-W");
        assertThat(ack.status()).isEqualTo(IncidentStatus.ASSIGNED);
    }

    /**
     * The unit's own device learns its task's status at every step over its TAK connection: the
     * waypoint of each step names it (dispatched, acknowledged, en route, on scene) and the deletion
     * that ends the task says it ended; the other device hears none of it.
     */
    @Test
    void theUnitsDeviceIsToldItsTaskStatusAtEveryStep() throws Exception {
        TakTestClient device = join("GP-W", "Shekara 11", 41.56, 69.30);
        TakTestClient other = join("GP-E", "Shekara 21", 41.56, 69.75);
        walk(0, 20);
        String incident = incidents.get(0).incident();
        clock.set(T0.plusSeconds(200));
        assertThat(call("POST", "/api/v1/incidents/" + incident + "/dispatch", "{\"unit\": \"GP-W\"}").statusCode())
                .isEqualTo(201);
        bus.drain();
        List<CotEvent> received = new ArrayList<>(untilPong(device, "GP-W"));
        clock.set(T0.plusSeconds(300));
        device.send(TakXml.chat("GP-W", "Shekara 11", "m-1", "қабылдадым", "Shekara Ops", T0.plusSeconds(300)));
        received.addAll(untilPong(device, "GP-W"));
        bus.drain();
        received.addAll(untilPong(device, "GP-W"));
        drive(device, 41.56, 69.30, T0.plusSeconds(310), Duration.ZERO, received);
        bus.drain();
        received.addAll(untilPong(device, "GP-W"));
        clock.set(T0.plusSeconds(900));
        rules.changeIncident(incident, IncidentStatus.RESOLVED, null, "duty", "stopped", kz.shekara.model.Disposition.CONFIRMED);
        bus.drain();
        received.addAll(untilPong(device, "GP-W"));

        String task = responderTaskId(incident);
        List<String> said = received.stream().filter(e -> e.type().equals(TaskCot.WAYPOINT_TYPE)
                || e.type().equals(TaskCot.DELETE_TYPE)).map(e -> e.type() + " " + e.detail().remarks()).distinct()
                .map(s -> s.replaceAll(".*\\((.+)\\).*", "$1") + (s.startsWith(TaskCot.DELETE_TYPE) ? " deleted" : ""))
                .distinct().toList();
        assertThat(said).as("task %s as its device heard it", task)
                .containsExactly("dispatched", "acknowledged", "en-route", "on-scene", "ended deleted");
        assertThat(untilPong(other, "GP-E")).noneMatch(e -> e.type().equals(TaskCot.WAYPOINT_TYPE)
                || e.type().equals(TaskCot.DELETE_TYPE));
    }

    private String responderTaskId(String incident) {
        return tasks.stream().filter(t -> t.incident().equals(incident)).map(Task::id).findFirst().orElseThrow();
    }

    @Test
    void unitStatusFollowsTheTaskWhateverItsReportsSay() throws Exception {
        TakTestClient watcher = join("ANDROID-w", "Watcher", 41.6, 69.5);
        LiveState live = new LiveState(bus, LiveStateConfig.defaults());
        live.start();
        try {
            walk(0, 20);
            String incident = incidents.get(0).incident();
            clock.set(T0.plusSeconds(200));
            responder.dispatch(incident, "GP-E", "duty");
            bus.drain();
            // A report of the unit (its device says available) after the dispatch: moved, still tasked.
            bus.publish(Topic.UNIT_POSITIONS, "east", position("GP-E", 41.57, 69.74, T0.plusSeconds(230),
                    UnitStatus.AVAILABLE));
            bus.drain();
            assertThat(live.unit(Viewer.home("kz-bs"), "GP-E").orElseThrow().status()).isEqualTo(UnitStatus.TASKED);
            assertThat(live.unit(Viewer.home("kz-bs"), "GP-E").orElseThrow().lat()).isEqualTo(41.57);
            CotEvent relayed = nextOfUid(watcher, "GP-E");
            assertThat(relayed.detail().remarks()).endsWith("Shekara 21 tasked");

            // A status report stamped before the dispatch cannot acknowledge it: a position, counted.
            bus.publish(Topic.UNIT_POSITIONS, "east", position("GP-E", 41.57, 69.74, T0.plusSeconds(150),
                    UnitStatus.TASKED));
            bus.drain();
            assertThat(responder.taskOf("GP-E").orElseThrow().status()).isEqualTo(TaskStatus.DISPATCHED);
            assertThat(responder.refusedReports()).isEqualTo(1);

            clock.set(T0.plusSeconds(400));
            rules.changeIncident(incident, IncidentStatus.FALSE_ALARM, null, "duty", "livestock", null);
            bus.drain();
            assertThat(live.unit(Viewer.home("kz-bs"), "GP-E").orElseThrow().status()).isEqualTo(UnitStatus.AVAILABLE);
        } finally {
            live.close();
        }
    }

    private static UnitPosition position(String unit, double lat, double lon, Instant t, UnitStatus status) {
        return new UnitPosition(t, unit, "Shekara 21", "a-f-G-U-C", lat, lon, Double.NaN, Double.NaN, status,
                MiniTheatre.MARKING);
    }

    private static CotEvent nextOfUid(TakTestClient c, String uid) throws Exception {
        while (true) {
            CotEvent e = c.next();
            if (e.uid().equals(uid)) {
                return e;
            }
        }
    }

    @Test
    void refusesASecondTaskAndAnUnknownUnit() throws Exception {
        walk(0, 20);
        String incident = incidents.get(0).incident();
        clock.set(T0.plusSeconds(200));
        String path = "/api/v1/incidents/" + incident + "/dispatch";
        assertThat(call("POST", path, "{\"unit\": \"NOPE\", \"by\": \"duty\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", path, "{\"by\": \"duty\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", path, "{\"unit\": \"GP-W\", \"by\": \"duty\", \"x\": 1}").statusCode()).isEqualTo(400);
        HttpResponse<String> ok = call("POST", path, "{\"unit\": \"GP-W\"}");
        assertThat(ok.statusCode()).as("no by needed: the caller is the actor").isEqualTo(201);
        assertThat(json(ok).get("by").asText()).isEqualTo("operator");
        assertThat(call("POST", path, "{\"unit\": \"GP-E\", \"by\": \"duty\"}").statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/incidents/I-none/dispatch", "{\"unit\": \"GP-E\", \"by\": \"duty\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void deviceConnectingAfterTheDispatchGetsItsTask() throws Exception {
        walk(0, 20);
        String incident = incidents.get(0).incident();
        clock.set(T0.plusSeconds(200));
        assertThat(call("POST", "/api/v1/incidents/" + incident + "/dispatch",
                "{\"unit\": \"GP-E\", \"by\": \"duty\"}").statusCode()).isEqualTo(201);
        bus.drain();

        TakTestClient late = new TakTestClient(cot.port());
        clients.add(late);
        late.send(TakXml.sa("GP-E", "Shekara 21", 41.56, 69.75, T0.plusSeconds(230)));
        List<CotEvent> got = untilPong(late, "GP-E");
        assertThat(got).anySatisfy(e -> assertThat(e.type()).isEqualTo(TaskCot.WAYPOINT_TYPE));
        assertThat(got).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(CotMapping.CHAT_TYPE);
            assertThat(e.detail().remarks()).startsWith("Shekara 21: respond to incident " + incident);
        });
    }

    @Test
    void reportedStatusAcknowledgesAndClosingTheIncidentEndsTheTask() throws Exception {
        walk(0, 20);
        String incident = incidents.get(0).incident();
        clock.set(T0.plusSeconds(200));
        responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        bus.publish(Topic.UNIT_POSITIONS, "west", new kz.shekara.model.UnitPosition(T0.plusSeconds(210), "GP-W",
                "Shekara 11", "a-f-G-U-C", 41.56, 69.30, Double.NaN, Double.NaN, kz.shekara.model.UnitStatus.TASKED,
                MiniTheatre.MARKING));
        bus.drain();
        assertThat(responder.taskOf("GP-W").orElseThrow().status()).isEqualTo(TaskStatus.ACKNOWLEDGED);

        clock.set(T0.plusSeconds(400));
        rules.changeIncident(incident, IncidentStatus.FALSE_ALARM, null, "duty", "livestock", null);
        bus.drain();
        assertThat(responder.taskOf("GP-W")).isEmpty();
        assertThat(tasks.get(tasks.size() - 1).status()).isEqualTo(TaskStatus.ENDED);
        assertThat(tasks.get(tasks.size() - 1).time()).isEqualTo(T0.plusSeconds(400));
        assertThat(responder.tasks()).isEmpty();
    }

    @Test
    void aDeviceClockFiveMinutesBehindNeverPutsAResponseStepBeforeTheDispatch() throws Exception {
        TakTestClient device = join("GP-W", "Shekara 11", 41.56, 69.30);
        walk(0, 20);
        String incident = incidents.get(0).incident();
        clock.set(T0.plusSeconds(200));
        responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        walk(21, 50);
        clock.set(T0.plusSeconds(510));
        device.send(TakXml.chat("GP-W", "Shekara 11", "m-1", "қабылдадым", "Shekara Ops", T0.plusSeconds(210)));
        untilPong(device, "GP-W");
        bus.drain();
        assertThat(responder.taskOf("GP-W").orElseThrow().status()).isEqualTo(TaskStatus.ACKNOWLEDGED);

        // Each report stamped five minutes before the server's clock: before the dispatch, at first.
        Instant arrived = drive(device, 41.56, 69.30, T0.plusSeconds(520), Duration.ofMinutes(5));

        List<IncidentEvent> steps = incidents.stream()
                .filter(e -> e.incident().equals(incident) && e.change() == IncidentEvent.Change.STATUS).toList();
        assertThat(steps).extracting(IncidentEvent::status)
                .containsExactly(IncidentStatus.ASSIGNED, IncidentStatus.EN_ROUTE, IncidentStatus.ON_SCENE);
        assertThat(steps.get(1).time()).as("en route at the report's receive time, not the device's")
                .isEqualTo(T0.plusSeconds(520));
        assertThat(steps.get(2).time()).isEqualTo(arrived);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).time()).as("no negative response time").isAfterOrEqualTo(steps.get(i - 1).time());
        }
    }

    private Instant drive(TakTestClient device, double lat, double lon, Instant t) throws Exception {
        return drive(device, lat, lon, t, Duration.ZERO, new ArrayList<>());
    }

    private Instant drive(TakTestClient device, double lat, double lon, Instant t, Duration deviceBehind)
            throws Exception {
        return drive(device, lat, lon, t, deviceBehind, new ArrayList<>());
    }

    /**
     * Drives from a point toward the task's current intercept point, 200 m per 10 s SA, until on scene;
     * the server's clock reads {@code t} at each report, the device stamps {@code t - deviceBehind}.
     */
    private Instant drive(TakTestClient device, double lat, double lon, Instant t, Duration deviceBehind,
                          List<CotEvent> received) throws Exception {
        double[] p = {lat, lon};
        for (int i = 0; i < 300; i++) {
            Task task = responder.taskOf("GP-W").orElseThrow();
            if (task.status() == TaskStatus.ON_SCENE) {
                return t.minusSeconds(10);
            }
            double togo = Geodesy.distanceM(p[0], p[1], task.lat(), task.lon());
            if (i > 0) {
                p = Geodesy.destination(p[0], p[1], Geodesy.azimuthDeg(p[0], p[1], task.lat(), task.lon()),
                        Math.min(200, togo));
            } else {
                p = Geodesy.destination(p[0], p[1], Geodesy.azimuthDeg(p[0], p[1], task.lat(), task.lon()), 100);
            }
            clock.set(t);
            device.send(TakXml.sa("GP-W", "Shekara 11", p[0], p[1], t.minus(deviceBehind)));
            received.addAll(untilPong(device, "GP-W"));
            bus.drain();
            t = t.plusSeconds(10);
        }
        throw new AssertionError("never on scene");
    }

    /** Walker track updates k = from..to, 10 s apart at 1.5 m/s north, crossing the border at k ≈ 7. */
    @Test
    void aTargetNoUnitCanCatchStillGetsTheBestUnitAsAPursuitWithHowFarBehind() throws Exception {
        join("GP-W", "Shekara 11", 41.56, 69.30);
        // A vehicle at 60 m/s crossing north: the patrols (22.2 m/s at best) cannot catch it.
        for (int k = 0; k <= 10; k++) {
            double[] p = Geodesy.destination(41.5, 69.25, k * 600.0 >= 3_000 ? 0 : 180, Math.abs(k * 600.0 - 3_000));
            bus.publish(Topic.TRACKS, "west", new TrackUpdate(T0.plusSeconds(10L * k), TRACK, "west", p[0], p[1], 60,
                    0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.VEHICLE, new TreeSet<>(List.of("radar-1")),
                    MiniTheatre.MARKING));
        }
        bus.drain();
        JsonNode recs = json(call("GET", "/api/v1/incidents/" + incidents.get(0).incident() + "/recommendations", null));
        JsonNode best = recs.get("recommendations").get(0);
        assertThat(best.get("intercept").asBoolean()).isFalse();
        assertThat(best.get("reason").asText()).isIn("cannot-catch", "target-leaves-area", "beyond-horizon");
        assertThat(best.get("late_s").asDouble()).isPositive();
        assertThat(best.get("eta_s").asDouble()).isGreaterThan(best.get("late_s").asDouble());
        for (JsonNode x : recs.get("excluded")) {
            assertThat(x.get("unit").asText()).as("a pursuing unit is not also excluded").isNotEqualTo(best.get("unit").asText());
        }
    }

    private void walk(int from, int to) throws InterruptedException {
        for (int k = from; k <= to; k++) {
            double[] p = Geodesy.destination(41.5, 69.25, k * 15.0 >= 100 ? 0 : 180, Math.abs(k * 15.0 - 100));
            bus.publish(Topic.TRACKS, "west", new TrackUpdate(T0.plusSeconds(10L * k), TRACK, "west", p[0], p[1], 1.5,
                    0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")),
                    MiniTheatre.MARKING));
        }
        bus.drain();
    }

    private TakTestClient join(String uid, String callsign, double lat, double lon) throws Exception {
        TakTestClient c = new TakTestClient(cot.port());
        clients.add(c);
        c.send(TakXml.sa(uid, callsign, lat, lon, T0));
        untilPong(c, uid);
        bus.drain();
        return c;
    }

    private static CotEvent nextOfType(TakTestClient c, String type) throws Exception {
        while (true) {
            CotEvent e = c.next();
            if (e.type().equals(type)) {
                return e;
            }
        }
    }

    private static List<CotEvent> untilPong(TakTestClient c, String uid) throws Exception {
        c.send(TakXml.ping(uid));
        List<CotEvent> before = new ArrayList<>();
        while (true) {
            CotEvent e = c.next();
            if (e.type().equals("t-x-c-t-r")) {
                return before;
            }
            before.add(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return mapper.readTree(r.body());
    }
}
