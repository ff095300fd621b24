package kz.shekara.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.server.response.ResponseService;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One live recomputation of an incident's ranking in the {@link ResponseService} — the units'
 * states from their positions, sectors and postures, the recommendation with ground routing over
 * the default theatre's roads — for 500 units (the default theatre's units, or those of one kind,
 * repeated at their bases, all under one command) against a walker that crossed into sector uz-03. Asked as that command, so
 * every call ranks afresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseServiceBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final String COMMAND = "turkistan";
    private InMemoryBus bus;
    private RulesService rules;
    private ResponseService responder;
    private String incident;
    /** Which kinds of unit take part: all, or one kind only (to see where the time goes). */
    @Param({"all", "GROUND_VEHICLE", "HELICOPTER", "BOAT", "FOOT_PATROL"})
    public String kinds;

    @Setup
    public void setUp() throws Exception {
        Theatre base = TheatreLoader.loadDefault();
        List<Unit> pool = base.units().stream().filter(u -> kinds.equals("all") || u.kind().name().equals(kinds))
                .toList();
        List<Unit> units = new ArrayList<>(500);
        for (int i = 0; units.size() < 500; i++) {
            Unit u = pool.get(i % pool.size());
            units.add(new Unit(u.id() + "-" + i, u.callsign(), u.kind(), u.base(), COMMAND, u.speedMps(),
                    u.offRoadSpeedMps(), u.readiness(), u.enduranceKm(), u.language()));
        }
        Theatre theatre = new Theatre(base.name(), base.defaultMarking(), base.sectors(), base.zones(), base.sensors(),
                base.bases(), units, base.agencies(), base.commands(), base.timeZone());
        Clock clock = Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC);
        bus = new InMemoryBus(2, 4096);
        List<IncidentEvent> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe(Topic.INCIDENTS, "bench", opened::add);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        rules = new RulesService(RulesConfigLoader.forTheatre(null), bus, theatre, meters, clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
        cross(theatre);
        if (opened.isEmpty()) {
            throw new IllegalStateException("the crossing opened no incident");
        }
        incident = opened.get(0).incident();
    }

    /** A walker across the middle of sector uz-03's border, from Uzbekistan into Kazakhstan. */
    private void cross(Theatre theatre) throws InterruptedException {
        GeometryFactory gf = new GeometryFactory();
        Zone home = theatre.zones(ZoneKind.COUNTRY).stream().filter(z -> z.id().equals("country-kz")).findFirst()
                .orElseThrow();
        Coordinate[] line = theatre.zones(ZoneKind.BORDER).stream().filter(z -> "uz-03".equals(z.sector()))
                .findFirst().orElseThrow().geometry().getCoordinates();
        Coordinate a = line[line.length / 2];
        Coordinate b = line[line.length / 2 + 1];
        double along = Geodesy.azimuthDeg(a.y, a.x, b.y, b.x);
        double[] mid = {(a.y + b.y) / 2, (a.x + b.x) / 2};
        double[] left = Geodesy.destination(mid[0], mid[1], along - 90, 150);
        double[] right = Geodesy.destination(mid[0], mid[1], along + 90, 150);
        boolean leftIn = home.geometry().contains(gf.createPoint(new Coordinate(left[1], left[0])));
        double[] from = leftIn ? right : left;
        double az = leftIn ? along - 90 : along + 90;
        double vn = 1.5 * Math.cos(Math.toRadians(az));
        double ve = 1.5 * Math.sin(Math.toRadians(az));
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(from[0], from[1], az, k * 15.0);
            bus.publish(Topic.TRACKS, "uz-03", new TrackUpdate(T0.plusSeconds(10L * k), "T-1", "uz-03", p[0], p[1], vn,
                    ve, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")),
                    theatre.defaultMarking()));
        }
        bus.drain();
    }

    @Benchmark
    public IncidentResponse recompute() {
        return responder.recommendations(incident, COMMAND).orElseThrow();
    }

    @TearDown
    public void tearDown() {
        responder.close();
        rules.close();
        bus.close();
    }
}
