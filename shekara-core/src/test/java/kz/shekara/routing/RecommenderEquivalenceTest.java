package kz.shekara.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Area;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.TargetMotion;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The recommender's shared, tabled road searches against {@link StraightforwardRecommendation} on
 * random incidents over a world like the default theatre's land border: a border along 43.8 N with
 * the country to the south, main roads that cross, a ring road and dead-end spurs, 160 units of every
 * kind and status (some beyond the reach of any road, some with little endurance left). Same units
 * ranked in the same order, the same ETAs, distances and meeting points, the same exclusions.
 */
class RecommenderEquivalenceTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double BORDER_LAT = 43.8;
    private static final Area COUNTRY = new Area(box(67.0, 41.0, 72.0, BORDER_LAT));

    private static Geometry box(double lon0, double lat0, double lon1, double lat1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(lon0, lat0), new Coordinate(lon1, lat0),
            new Coordinate(lon1, lat1), new Coordinate(lon0, lat1), new Coordinate(lon0, lat0)});
    }

    private static List<Geometry> roads(Random random) {
        List<Geometry> roads = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            // Main roads: random walks across the region, east-west and north-south.
            boolean eastWest = i % 2 == 0;
            Coordinate[] cs = new Coordinate[6];
            double along = 68.0;
            double across = eastWest ? 42.0 + random.nextDouble() * 1.7 : 68.2 + random.nextDouble() * 2.6;
            for (int v = 0; v < cs.length; v++) {
                double a = eastWest ? along : 42.0 + (along - 68.0) * 0.6;
                cs[v] = eastWest ? new Coordinate(a, across) : new Coordinate(across, a);
                along += 0.5 + random.nextDouble() * 0.2;
                across += (random.nextDouble() - 0.5) * 0.15;
            }
            roads.add(GF.createLineString(cs));
        }
        roads.add(GF.createLineString(new Coordinate[] {new Coordinate(69.3, 42.8), new Coordinate(69.7, 42.8),
            new Coordinate(69.7, 43.1), new Coordinate(69.3, 43.1), new Coordinate(69.3, 42.8)}));
        for (int i = 0; i < 6; i++) {
            double lon = 68.3 + random.nextDouble() * 2.5;
            double lat = 42.1 + random.nextDouble() * 1.5;
            roads.add(GF.createLineString(new Coordinate[] {new Coordinate(lon, lat),
                new Coordinate(lon + (random.nextDouble() - 0.5) * 0.2, lat + 0.1 + random.nextDouble() * 0.1)}));
        }
        return roads;
    }

    private static List<UnitState> units(Random random) {
        List<UnitState> units = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            double k = random.nextDouble();
            UnitKind kind = k < 0.6 ? UnitKind.GROUND_VEHICLE : k < 0.88 ? UnitKind.FOOT_PATROL : UnitKind.HELICOPTER;
            double speed = switch (kind) {
                case GROUND_VEHICLE -> 12 + random.nextDouble() * 12;
                case FOOT_PATROL -> 1.2 + random.nextDouble() * 0.6;
                default -> 55 + random.nextDouble() * 20;
            };
            double offRoad = kind == UnitKind.GROUND_VEHICLE ? 4 + random.nextDouble() * 4 : speed;
            double endurance = random.nextDouble() < 0.15 ? 20_000 + random.nextDouble() * 40_000
                    : random.nextDouble() < 0.5 ? Double.POSITIVE_INFINITY : 400_000;
            UnitStatus status = random.nextDouble() < 0.08 ? UnitStatus.TASKED
                    : random.nextDouble() < 0.1 ? UnitStatus.RETURNING : UnitStatus.AVAILABLE;
            units.add(new UnitState(String.format("U-%03d", i), kind, 41.6 + random.nextDouble() * 2.2,
                    67.5 + random.nextDouble() * 4, status, speed, offRoad, random.nextDouble() * 900, endurance, "south",
                    random.nextDouble() < 0.1 ? "defence" : "south", "S" + random.nextInt(9)));
        }
        return units;
    }

    private static List<TargetMotion> incidents(Random random) {
        List<TargetMotion> out = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            double lat = BORDER_LAT - 0.02 - random.nextDouble() * 1.2;
            double lon = 68.0 + random.nextDouble() * 3;
            double speed = i % 6 == 0 ? 0 : i % 3 == 0 ? 8 + random.nextDouble() * 12 : 0.5 + random.nextDouble() * 2;
            double heading = random.nextDouble() * 2 * Math.PI;
            out.add(TargetMotion.of(lat, lon, speed * Math.cos(heading), speed * Math.sin(heading), 30, 0.5, 4 * 3600,
                    COUNTRY));
        }
        // A sensor alarm just across the border: never inside the area.
        out.add(TargetMotion.of(BORDER_LAT + 0.05, 69.0, 0, 0, 30, 0.5, 4 * 3600, COUNTRY));
        return out;
    }

    private static Recommender recommender(RoadGraph graph, Recommender.Config config) {
        GroundTravelTime ground = new GroundTravelTime(graph, GroundTravelTime.Config.DEFAULT);
        Map<UnitKind, TravelTimeModel> models = new EnumMap<>(UnitKind.class);
        models.put(UnitKind.HELICOPTER, new AirTravelTime());
        models.put(UnitKind.GROUND_VEHICLE, ground);
        models.put(UnitKind.FOOT_PATROL, ground);
        return new Recommender(new InterceptPlanner(models, config.stepS()), ground, config);
    }

    static void assertSame(Recommendations fast, StraightforwardRecommendation.Result plain) {
        // Who is excluded and why; how far behind (lateS) is an estimate each path measures its own way.
        assertThat(fast.excluded()).extracting(Recommendations.Excluded::unit, Recommendations.Excluded::reason)
                .containsExactlyElementsOf(plain.excluded().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.unit(), e.reason())).toList());
        assertThat(fast.ranked()).extracting(Recommendation::unit)
                .containsExactlyElementsOf(plain.ranked().stream().map(StraightforwardRecommendation.Meeting::unit).toList());
        for (int i = 0; i < plain.ranked().size(); i++) {
            Recommendation r = fast.ranked().get(i);
            StraightforwardRecommendation.Meeting m = plain.ranked().get(i);
            assertThat(r.etaS()).as("ETA of %s", m.unit()).isCloseTo(m.etaS(), within(1e-6));
            assertThat(r.distanceM()).as("distance of %s", m.unit()).isCloseTo(m.distanceM(), within(1e-4));
            assertThat(r.lat()).isCloseTo(m.lat(), within(1e-9));
            assertThat(r.lon()).isCloseTo(m.lon(), within(1e-9));
            assertThat(r.sigmaM()).isCloseTo(m.sigmaM(), within(1e-6));
            assertThat(r.leavesSectorUncovered()).as("uncovers, %s", m.unit()).isEqualTo(m.leavesSectorUncovered());
            assertThat(r.miss()).as("pursuit of %s", m.unit()).isEqualTo(m.miss());
            if (!r.path().isEmpty()) {
                assertThat(r.path().get(r.path().size() - 1)).isEqualTo(new GeoPoint(r.lat(), r.lon()));
            }
        }
    }

    @Test
    void fastPathRanksLikeTheStraightforwardComputationOnRandomIncidents() {
        Random random = new Random(20_261_129);
        List<Geometry> roads = roads(random);
        List<UnitState> units = units(random);
        List<TargetMotion> incidents = incidents(random);
        Recommender.Config config = Recommender.Config.DEFAULT;
        RoadGraph tabled = RoadGraph.of(roads, 2_000, 100);
        RoadGraph searched = RoadGraph.of(roads, 2_000, 100, 0);
        assertThat(tabled.tabled()).isTrue();
        assertThat(searched.tabled()).isFalse();
        Recommender fast = recommender(tabled, config);
        Recommender dijkstra = recommender(searched, config);
        StraightforwardRecommendation plain = new StraightforwardRecommendation(tabled, GroundTravelTime.Config.DEFAULT,
                new InterceptPlanner(Map.of(UnitKind.HELICOPTER, new AirTravelTime()), config.stepS()), config);
        PreparedUnits prepared = fast.prepare(units);
        int rankedGround = 0;
        int pursuits = 0;
        for (TargetMotion target : incidents) {
            for (String command : new String[] {"south", null}) {
                StraightforwardRecommendation.Result expected = plain.recommend(target, units, command);
                assertSame(fast.recommend(target, units, command), expected);
                assertSame(fast.recommend(target, prepared, command), expected);
                assertSame(dijkstra.recommend(target, units, command), expected);
                rankedGround += (int) fast.recommend(target, prepared, command).ranked().stream()
                        .filter(r -> r.kind() != UnitKind.HELICOPTER).count();
                pursuits += (int) expected.ranked().stream().filter(m -> m.miss() != null).count();
            }
        }
        // The comparison covers ground intercepts, not only helicopters and exclusions, and pursuits.
        assertThat(rankedGround).isGreaterThan(500);
        assertThat(pursuits).isGreaterThan(0);
    }

    @Test
    void preparingAgainAfterUnitsMoveGivesTheRankingOfAFreshPreparation() {
        Random random = new Random(7);
        Recommender r = recommender(RoadGraph.of(roads(random), 2_000, 100), Recommender.Config.DEFAULT);
        List<UnitState> before = units(random);
        List<UnitState> after = new ArrayList<>(before);
        for (int i = 0; i < after.size(); i += 5) {
            UnitState u = after.get(i);
            after.set(i, u.at(u.lat() + 0.05, u.lon() - 0.03));
        }
        PreparedUnits reused = r.prepare(after, r.prepare(before));
        TargetMotion walker = TargetMotion.of(43.5, 69.5, -1.0, 0.6, 30, 0.5, 4 * 3600, COUNTRY);
        assertThat(r.recommend(walker, reused, "south")).isEqualTo(r.recommend(walker, after, "south"));
        assertThat(r.recommend(walker, reused, "south")).isNotEqualTo(r.recommend(walker, before, "south"));
    }
}
