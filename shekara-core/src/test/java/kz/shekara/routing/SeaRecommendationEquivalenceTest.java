package kz.shekara.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.TargetMotion;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


/**
 * Boats in the recommender (target-side decision and shared ends, boats' ways into the water
 * prepared once) against {@link StraightforwardRecommendation}, which plans every boat on its own
 * with {@link InterceptPlanner#plan}, over the default theatre's Caspian water around Aktau
 * (caspian-sea.geojson, copied from theatre/default/basemap.geojson) within the Caspian sector box:
 * targets far inland (standing and walking), at sea (crossing towards the offshore site, drifting),
 * and on the shore (a walker coming out of the water, an alarm just inland). Same rankings, ETAs,
 * distances, meeting points and exclusions.
 */
class SeaRecommendationEquivalenceTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Geometry WATER = Fixtures.union("caspian-sea.geojson");
    private static final Area SECTOR = new Area(GF.createPolygon(new Coordinate[] {new Coordinate(49.6, 42.9),
        new Coordinate(52.3, 42.9), new Coordinate(52.3, 44.9), new Coordinate(49.6, 44.9), new Coordinate(49.6, 42.9)}));
    private static final SeaTravelTime SEA = new SeaTravelTime(WATER, SeaTravelTime.Config.DEFAULT);

    private static boolean water(double lat, double lon) {
        return WATER.contains(GF.createPoint(new Coordinate(lon, lat)));
    }

    /** Metres from a point to the water polygon's nearest point (0 inside). */
    private static double toWaterM(double lat, double lon) {
        Coordinate n = DistanceOp.nearestPoints(WATER, GF.createPoint(new Coordinate(lon, lat)))[0];
        return LocalDistance.m(lat, lon, n.y, n.x);
    }

    private static double[] pointWhere(Random random, java.util.function.BiPredicate<Double, Double> ok) {
        while (true) {
            double lat = 42.9 + random.nextDouble() * 2;
            double lon = 49.6 + random.nextDouble() * 2.7;
            if (ok.test(lat, lon)) {
                return new double[] {lat, lon};
            }
        }
    }

    private static List<UnitState> units(Random random) {
        List<UnitState> units = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean heli = i % 7 == 0;
            // Most boats at sea, some in harbour (just ashore, within the snap distance), a few stranded inland.
            double[] p = heli || i % 10 == 3 ? pointWhere(random, (la, lo) -> !water(la, lo) && toWaterM(la, lo) > 8_000)
                    : i % 5 == 1 ? pointWhere(random, (la, lo) -> !water(la, lo) && toWaterM(la, lo) < 3_000)
                    : pointWhere(random, SeaRecommendationEquivalenceTest::water);
            UnitKind kind = heli ? UnitKind.HELICOPTER : UnitKind.BOAT;
            double speed = heli ? 60 : 8 + random.nextDouble() * 14;
            double endurance = random.nextDouble() < 0.2 ? 30_000 + random.nextDouble() * 60_000 : 500_000;
            UnitStatus status = random.nextDouble() < 0.08 ? UnitStatus.TASKED
                    : random.nextDouble() < 0.1 ? UnitStatus.RETURNING : UnitStatus.AVAILABLE;
            units.add(new UnitState(String.format("C-%03d", i), kind, p[0], p[1], status, speed, speed,
                    random.nextDouble() * 1200, endurance, "caspian", random.nextDouble() < 0.1 ? "navy" : "caspian",
                    "caspian"));
        }
        return units;
    }

    private static TargetMotion target(double lat, double lon, double speed, double headingDeg) {
        double h = Math.toRadians(headingDeg);
        return TargetMotion.of(lat, lon, speed * Math.cos(h), speed * Math.sin(h), 30, 0.5, 4 * 3600, SECTOR);
    }

    private static List<TargetMotion> targets(Random random) {
        List<TargetMotion> out = new ArrayList<>();
        // Inland: an alarm and walkers on the Mangyshlak plateau, far from the water.
        out.add(target(43.6, 52.0, 0, 0));
        out.add(target(43.5, 51.9, 1.5, 45));
        out.add(target(44.3, 51.8, 1.2, 200));
        // At sea: a fast boat heading for the offshore site west-south-west of Aktau, a slow drifter.
        out.add(target(43.9, 50.2, 12, 150));
        out.add(target(43.3, 50.5, 0.3, 80));
        // On the shore: an alarm just inland of the coast, a walker coming ashore near Aktau.
        out.add(target(43.6233, 51.1871 + 0.01, 0, 0));
        out.add(target(43.62, 50.95, 1.5, 80));
        for (int i = 0; i < 6; i++) {
            double[] p = i % 2 == 0 ? pointWhere(random, SeaRecommendationEquivalenceTest::water)
                    : pointWhere(random, (la, lo) -> !water(la, lo));
            out.add(target(p[0], p[1], i % 4 == 0 ? 0 : 0.5 + random.nextDouble() * 15, random.nextDouble() * 360));
        }
        return out;
    }

    @Test
    void boatsRankLikeTheStraightforwardComputationInlandAtSeaAndOnTheShore() {
        Random random = new Random(2026_11_29);
        List<UnitState> units = units(random);
        List<TargetMotion> targets = targets(random);
        Recommender.Config config = Recommender.Config.DEFAULT;
        Map<UnitKind, TravelTimeModel> models = new EnumMap<>(UnitKind.class);
        models.put(UnitKind.HELICOPTER, new AirTravelTime());
        models.put(UnitKind.BOAT, SEA);
        InterceptPlanner planner = new InterceptPlanner(models, config.stepS());
        RoadGraph roads = RoadGraph.of(List.of(GF.createLineString(new Coordinate[] {new Coordinate(51.5, 43.7),
            new Coordinate(51.9, 43.7)})), 2_000, 100);
        Recommender fast = new Recommender(planner, null, config);
        StraightforwardRecommendation plain = new StraightforwardRecommendation(roads, GroundTravelTime.Config.DEFAULT,
                planner, config);
        PreparedUnits prepared = fast.prepare(units);
        int boatsRanked = 0;
        int boatsUnreachable = 0;
        for (TargetMotion target : targets) {
            for (String command : new String[] {"caspian", null}) {
                StraightforwardRecommendation.Result expected = plain.recommend(target, units, command);
                RecommenderEquivalenceTest.assertSame(fast.recommend(target, units, command), expected);
                Recommendations viaPrepared = fast.recommend(target, prepared, command);
                RecommenderEquivalenceTest.assertSame(viaPrepared, expected);
                boatsRanked += (int) viaPrepared.ranked().stream().filter(r -> r.kind() == UnitKind.BOAT).count();
                boatsUnreachable += (int) expected.excluded().stream().filter(e -> e.reason().equals("unreachable")).count();
            }
        }
        // The comparison covers boats that meet targets and boats that cannot, not only helicopters.
        assertThat(boatsRanked).as("boats ranked").isGreaterThan(120);
        assertThat(boatsUnreachable).as("boats unreachable").isGreaterThan(60);
    }

    @Test
    void aTargetFarInlandIsUnreachableForEveryBoatAndAShoreAlarmIsMetAtTheWatersEdge() {
        List<UnitState> units = units(new Random(3));
        Recommender r = new Recommender(new InterceptPlanner(Map.of(UnitKind.BOAT, SEA), 30), null,
                Recommender.Config.DEFAULT);
        units = units.stream().filter(u -> u.kind() == UnitKind.BOAT).toList();
        Recommendations inland = r.recommend(target(43.5, 51.9, 1.5, 45), units, null);
        assertThat(inland.ranked()).isEmpty();
        assertThat(inland.excluded()).filteredOn(e -> !e.reason().startsWith("status-"))
                .allMatch(e -> e.reason().equals("unreachable")).isNotEmpty();
        Recommendations shore = r.recommend(target(43.6233, 51.1971, 0, 0), units, null);
        assertThat(shore.ranked()).isNotEmpty();
        List<GeoPoint> path = shore.ranked().get(0).path();
        GeoPoint last = path.get(path.size() - 1);
        GeoPoint landing = path.get(path.size() - 2);
        assertThat(last).isEqualTo(new GeoPoint(43.6233, 51.1971));
        assertThat(toWaterM(landing.lat(), landing.lon())).isLessThan(1.0);
    }

    @Test
    void theCoastDistanceBoundNeverRulesOutAPointWithinTheSnapDistance() {
        Random random = new Random(11);
        SeaGraph graph = new SeaGraph(WATER, 200, 400);
        Geometry open = graph.openWater();
        int ruledOut = 0;
        int near = 0;
        for (int i = 0; i < 3_000; i++) {
            double lat = 42.9 + random.nextDouble() * 2;
            double lon = 49.6 + random.nextDouble() * 2.7;
            Coordinate c = new Coordinate(lon, lat);
            Coordinate n = DistanceOp.nearestPoints(open, GF.createPoint(c))[0];
            double m = open.contains(GF.createPoint(c)) ? 0 : LocalDistance.m(lat, lon, n.y, n.x);
            boolean may = graph.mayBeWithin(List.of(new double[] {lat, lon}), 5_000);
            if (m <= 5_000) {
                near++;
                assertThat(may).as("point %s, %s at %.1f m from open water", lat, lon, m).isTrue();
            } else if (!may) {
                ruledOut++;
            }
        }
        assertThat(near).isGreaterThan(300);
        assertThat(ruledOut).isGreaterThan(500);
        // A line from deep inland to the water's edge may reach it; one wholly inland may not.
        assertThat(graph.mayBeWithin(List.of(new double[] {43.6, 52.0}, new double[] {43.5, 51.9}), 5_000)).isFalse();
        assertThat(graph.mayBeWithin(List.of(new double[] {43.6, 52.0}, new double[] {43.62, 50.95}), 5_000)).isTrue();
    }
}
