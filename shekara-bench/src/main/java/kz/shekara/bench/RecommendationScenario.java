package kz.shekara.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.TargetMotion;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.RoadGraph;
import kz.shekara.routing.TravelTimeModel;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The recommendation benchmark's world, built from seed 42: 500 units (65 % ground vehicles, 25 %
 * foot patrols, 10 % helicopters) on a generated road network (a jittered 25 × 25 grid of roads over
 * 2° × 2° around 42.5 N 69 E, densified to 2 km), a border along 43.5 N, and three targets: a
 * stationary sensor alarm, a walker (1.5 m/s) and a vehicle (15 m/s) coming over the border.
 * Immutable once built; shared by {@link RecommendationBenchmark} and {@link RecommendationCpu}.
 */
final class RecommendationScenario {
    private static final double LAT0 = 41.5;
    private static final double LON0 = 68.0;
    private static final double SPAN = 2.0;
    private static final int LINES = 25;

    final Recommender recommender;
    final List<UnitState> units;
    final TargetMotion alarm;
    final TargetMotion walker;
    final TargetMotion vehicle;
    final int roadNodes;

    RecommendationScenario() {
        Random random = new Random(42);
        GeometryFactory gf = new GeometryFactory();
        List<Geometry> roads = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            double offset = SPAN * i / (LINES - 1);
            double jitter = (random.nextDouble() - 0.5) * 0.02;
            roads.add(gf.createLineString(new Coordinate[] {new Coordinate(LON0, LAT0 + offset + jitter),
                new Coordinate(LON0 + SPAN / 2, LAT0 + offset - jitter), new Coordinate(LON0 + SPAN, LAT0 + offset + jitter)}));
            roads.add(gf.createLineString(new Coordinate[] {new Coordinate(LON0 + offset + jitter, LAT0),
                new Coordinate(LON0 + offset - jitter, LAT0 + SPAN / 2), new Coordinate(LON0 + offset + jitter, LAT0 + SPAN)}));
        }
        RoadGraph graph = RoadGraph.of(roads, 2_000, 100);
        roadNodes = graph.nodeCount();
        GroundTravelTime ground = new GroundTravelTime(graph, GroundTravelTime.Config.DEFAULT);
        Map<UnitKind, TravelTimeModel> models = new EnumMap<>(UnitKind.class);
        models.put(UnitKind.HELICOPTER, new AirTravelTime());
        models.put(UnitKind.GROUND_VEHICLE, ground);
        models.put(UnitKind.FOOT_PATROL, ground);
        recommender = new Recommender(new InterceptPlanner(models, 30), ground, Recommender.Config.DEFAULT);
        List<UnitState> us = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double lat = LAT0 + random.nextDouble() * SPAN;
            double lon = LON0 + random.nextDouble() * SPAN;
            double k = random.nextDouble();
            UnitKind kind = k < 0.65 ? UnitKind.GROUND_VEHICLE : k < 0.9 ? UnitKind.FOOT_PATROL : UnitKind.HELICOPTER;
            double speed = switch (kind) {
                case GROUND_VEHICLE -> 20;
                case FOOT_PATROL -> 1.5;
                default -> 65;
            };
            double offRoad = kind == UnitKind.GROUND_VEHICLE ? 6 : speed;
            us.add(new UnitState("U-" + i, kind, lat, lon, i % 10 == 0 ? UnitStatus.TASKED : UnitStatus.AVAILABLE,
                    speed, offRoad, kind == UnitKind.HELICOPTER ? 900 : 300, kind == UnitKind.HELICOPTER ? 600_000 : 400_000,
                    "south", i % 7 == 0 ? "defence" : "south", "S" + (i % 12)));
        }
        units = List.copyOf(us);
        // The country lies south of a border along 43.5 N (the grid's northern edge).
        Area country = new Area(gf.createPolygon(new Coordinate[] {new Coordinate(LON0 - 1, LAT0 - 1),
            new Coordinate(LON0 + SPAN + 1, LAT0 - 1), new Coordinate(LON0 + SPAN + 1, LAT0 + SPAN),
            new Coordinate(LON0 - 1, LAT0 + SPAN), new Coordinate(LON0 - 1, LAT0 - 1)}));
        alarm = TargetMotion.of(42.7, 69.1, 0, 0, 30, 0.5, 4 * 3600, country);
        walker = TargetMotion.of(43.45, 68.9, -1.2, 0.9, 30, 0.5, 4 * 3600, country);
        vehicle = TargetMotion.of(43.45, 68.9, -12, 9, 30, 0.5, 4 * 3600, country);
    }

    /** The three targets by name, in the order the benchmarks report them. */
    Map<String, TargetMotion> targets() {
        Map<String, TargetMotion> m = new java.util.LinkedHashMap<>();
        m.put("stationaryAlarm", alarm);
        m.put("walkerCrossing", walker);
        m.put("vehicleCrossing", vehicle);
        return m;
    }
}
