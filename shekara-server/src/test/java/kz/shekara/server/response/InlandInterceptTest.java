package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.api.ApiErrors;
import kz.shekara.server.api.PlanApi;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Interception where the border guard works, on the default theatre: the area of operations is
 * Kazakhstan's territory and the sector corridors, so a vehicle crossing inbound at the B.
 * Konysbayev crossing at 18.5 m/s gets a ranked unit with its ETA (it once got none: every unit
 * excluded as target-leaves-area, the area being only the 25 km corridors), and a point 30 km
 * inland is a feasible what-if intercept. The queries and the expected answers are fixture files
 * beside this test.
 */
class InlandInterceptTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final GeometryFactory GF = new GeometryFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Theatre theatre;
    private static ResponseModels models;
    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private InMemoryBus bus;
    private RulesService rules;
    private ResponseService responder;
    private Javalin app;

    @BeforeAll
    static void load() throws Exception {
        theatre = TheatreLoader.loadDefault();
        models = ResponseModels.of(theatre);
    }

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.close();
            rules.close();
            bus.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void inboundFastVehicleAtTheCrossingGetsARankedUnit() throws Exception {
        JsonNode fixture = fixture("inbound-konysbayev.in.json");
        JsonNode expected = fixture("inbound-konysbayev.expected.json");
        double[] crossing = {fixture.get("crossing").get("lat").asDouble(), fixture.get("crossing").get("lon").asDouble()};
        double speed = fixture.get("speedMps").asDouble();
        double inland = inlandBearing(crossing);
        SettableClock clock = new SettableClock(T0);
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.ALERTS, "test", alerts::add);
        rules = new RulesService(RulesConfigLoader.forTheatre(null), bus, theatre, new SimpleMeterRegistry(), clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, models,
                new SectorLocator(theatre), clock);
        responder.start();
        // From 200 m outside, inbound through the crossing, one update every 2 s for a minute.
        double vn = speed * Math.cos(Math.toRadians(inland));
        double ve = speed * Math.sin(Math.toRadians(inland));
        for (int k = 0; k <= 30; k++) {
            double along = -200 + speed * 2 * k;
            double[] p = Geodesy.destination(crossing[0], crossing[1], along >= 0 ? inland : inland + 180,
                    Math.abs(along));
            bus.publish(Topic.TRACKS, "uz-02", new TrackUpdate(T0.plusSeconds(2L * k), "T-1", "uz-02", p[0], p[1], vn,
                    ve, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.VEHICLE, new TreeSet<>(List.of("radar-1")),
                    theatre.defaultMarking()));
        }
        bus.drain();
        String alert = alerts.stream().filter(a -> "T-1".equals(a.track())).findFirst().orElseThrow().id();
        String incident = incidents.stream().filter(e -> alert.equals(e.alert())).findFirst().orElseThrow().incident();

        IncidentResponse r = responder.recommendations(incident, null).orElseThrow();
        List<Recommendation> ranked = r.recommendations().ranked();
        assertThat(ranked).hasSizeGreaterThanOrEqualTo(expected.get("minRanked").asInt());
        Recommendation best = ranked.get(0);
        assertThat(best.unit()).isEqualTo(expected.get("best").asText());
        assertThat(best.etaS()).isPositive().isLessThan(expected.get("bestEtaBelowS").asDouble());
        // The meeting is inland, on the target's path, not before the border.
        assertThat(home().covers(GF.createPoint(new Coordinate(best.lon(), best.lat())))).isTrue();
        // No unit is excluded as target-leaves-area: the target goes inland, where the border guard works.
        assertThat(r.recommendations().excluded()).extracting(Recommendations.Excluded::reason)
                .doesNotContain("target-leaves-area", "target-outside-area");
        // Who cannot catch it says by how much.
        assertThat(r.recommendations().excluded()).filteredOn(e -> e.reason().equals("cannot-catch"))
                .allSatisfy(e -> assertThat(e.lateS()).isPositive());
    }

    @Test
    void aStationaryPointInlandIsAFeasibleIntercept() throws Exception {
        JsonNode fixture = fixture("inland-point.in.json");
        JsonNode expected = fixture("inland-point.expected.json");
        double[] crossing = {fixture.get("from").get("lat").asDouble(), fixture.get("from").get("lon").asDouble()};
        double[] p = Geodesy.destination(crossing[0], crossing[1], inlandBearing(crossing),
                fixture.get("inlandM").asDouble());
        assertThat(home().covers(GF.createPoint(new Coordinate(p[1], p[0])))).isTrue();
        app = Javalin.create(c -> c.showJavalinBanner = false);
        new PlanApi(models.planner(30), models.area().orElseThrow(), 3 * 3600).register(app);
        new ApiErrors(new SimpleMeterRegistry(), MAPPER).install(app);
        app.start("127.0.0.1", 0);
        var body = MAPPER.createObjectNode();
        body.set("unit", fixture.get("unit"));
        body.putObject("target").put("lat", p[0]).put("lon", p[1]);
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/plan/intercept"))
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode answer = MAPPER.readTree(res.body());
        assertThat(answer.get("feasible").asBoolean()).isEqualTo(expected.get("feasible").asBoolean());
        assertThat(answer.get("timeS").asDouble()).isLessThan(expected.get("timeBelowS").asDouble());
    }

    /** The bearing from a border point into Kazakhstan: across the nearest border segment, to the home side. */
    private static double inlandBearing(double[] at) {
        org.locationtech.jts.geom.Geometry border = theatre.zones(ZoneKind.BORDER).stream().map(Zone::geometry)
                .min(java.util.Comparator.comparingDouble(g -> g.distance(GF.createPoint(new Coordinate(at[1], at[0])))))
                .orElseThrow();
        Coordinate[] line = border.getCoordinates();
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < line.length; i++) {
            double d = GF.createLineString(new Coordinate[] {line[i], line[i + 1]})
                    .distance(GF.createPoint(new Coordinate(at[1], at[0])));
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        double along = Geodesy.azimuthDeg(line[best].y, line[best].x, line[best + 1].y, line[best + 1].x);
        double[] left = Geodesy.destination(at[0], at[1], along - 90, 2000);
        return home().covers(GF.createPoint(new Coordinate(left[1], left[0]))) ? along - 90 : along + 90;
    }

    private static org.locationtech.jts.geom.Geometry home() {
        return theatre.zones(ZoneKind.COUNTRY).stream().filter(z -> z.id().equals("country-kz")).findFirst()
                .orElseThrow().geometry();
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = InlandInterceptTest.class.getResourceAsStream(name)) {
            return MAPPER.readTree(in);
        }
    }
}
