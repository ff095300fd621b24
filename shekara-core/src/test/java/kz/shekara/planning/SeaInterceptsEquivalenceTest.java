package kz.shekara.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.routing.Fixtures;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Boats ranked together against a moving target ({@link SeaIntercepts}: shared samples, one leg per
 * station and sample, bounds that skip samples) against each boat planned alone with
 * {@link InterceptPlanner#plan} (its own search along the path, a route at every sample), on the
 * default theatre's Caspian water (its SEA zone, caspian-sea.geojson): random moving targets at
 * sea, on the shore and inland, with and without an area to leave; boats at shared stations, alone
 * at sea, in harbour and stranded inland, some short of endurance. Same ranking, ETAs, distances,
 * meeting points and paths, and the same exclusions with the same reasons and lateness.
 */
class SeaInterceptsEquivalenceTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Geometry WATER = Fixtures.union("caspian-sea.geojson");
    private static final Area SECTOR = new Area(GF.createPolygon(new Coordinate[] {new Coordinate(49.6, 42.9),
        new Coordinate(52.3, 42.9), new Coordinate(52.3, 44.9), new Coordinate(49.6, 44.9), new Coordinate(49.6, 42.9)}));
    private static final SeaTravelTime SEA = new SeaTravelTime(WATER, SeaTravelTime.Config.DEFAULT);
    private static final InterceptPlanner PLANNER = new InterceptPlanner(Map.of(UnitKind.BOAT, SEA), 30);
    /** Every ranked boat gets its path, so that paths are compared too. */
    private static final Recommender RECOMMENDER = new Recommender(PLANNER, null, new Recommender.Config(30, 32, 1_000));

    private static boolean water(double lat, double lon) {
        return WATER.contains(GF.createPoint(new Coordinate(lon, lat)));
    }

    private static double toWaterM(double lat, double lon) {
        Coordinate n = DistanceOp.nearestPoints(WATER, GF.createPoint(new Coordinate(lon, lat)))[0];
        return kz.shekara.geo.Geodesy.distanceM(lat, lon, n.y, n.x);
    }

    private static double[] pointWhere(Random random, BiPredicate<Double, Double> ok) {
        while (true) {
            double lat = 42.9 + random.nextDouble() * 2;
            double lon = 49.6 + random.nextDouble() * 2.7;
            if (ok.test(lat, lon)) {
                return new double[] {lat, lon};
            }
        }
    }

    private static UnitState boat(Random random, String id, double[] p) {
        double speed = 6 + random.nextDouble() * 16;
        double endurance = random.nextDouble() < 0.25 ? 20_000 + random.nextDouble() * 80_000 : 500_000;
        return new UnitState(id, UnitKind.BOAT, p[0], p[1], UnitStatus.AVAILABLE, speed, speed,
                random.nextDouble() * 1_800, endurance, "caspian", "caspian", "caspian");
    }

    /** Four stations of four boats each (two in harbour, just ashore), twelve boats alone at sea, two stranded inland. */
    private static List<UnitState> boats(Random random) {
        List<UnitState> boats = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            double[] station = s < 2 ? pointWhere(random, SeaInterceptsEquivalenceTest::water)
                    : pointWhere(random, (la, lo) -> !water(la, lo) && toWaterM(la, lo) < 3_000);
            for (int b = 0; b < 4; b++) {
                boats.add(boat(random, "S" + s + "-" + b, station));
            }
        }
        for (int i = 0; i < 12; i++) {
            boats.add(boat(random, String.format("A-%02d", i), pointWhere(random, SeaInterceptsEquivalenceTest::water)));
        }
        for (int i = 0; i < 2; i++) {
            boats.add(boat(random, "L-" + i, pointWhere(random, (la, lo) -> !water(la, lo) && toWaterM(la, lo) > 8_000)));
        }
        return boats;
    }

    /** Moving targets: most starting at sea, some on the shore or inland; half may leave the sector box. */
    private static TargetMotion target(Random random, int i) {
        double draw = random.nextDouble();
        double[] p = draw < 0.65 ? pointWhere(random, SeaInterceptsEquivalenceTest::water)
                : draw < 0.85 ? pointWhere(random, (la, lo) -> !water(la, lo) && toWaterM(la, lo) < 4_000)
                : pointWhere(random, (la, lo) -> !water(la, lo));
        double speed = 0.3 + random.nextDouble() * 18;
        double heading = random.nextDouble() * 2 * Math.PI;
        double horizonS = 3_600 + random.nextDouble() * 5_400;
        return TargetMotion.of(p[0], p[1], speed * Math.cos(heading), speed * Math.sin(heading), 30, 0.5, horizonS,
                i % 2 == 0 ? SECTOR : null);
    }

    @Test
    void boatsRankedTogetherMeetMovingTargetsAsEachBoatPlannedAlone() {
        Random random = new Random(2026_12_05);
        List<UnitState> boats = boats(random);
        PreparedUnits prepared = RECOMMENDER.prepare(boats);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            TargetMotion target = target(random, i);
            Recommendations fast = RECOMMENDER.recommend(target, prepared, null);
            Map<String, Recommendation> ranked = new HashMap<>();
            fast.ranked().forEach(r -> ranked.put(r.unit(), r));
            Map<String, Recommendations.Excluded> excluded = new HashMap<>();
            fast.excluded().forEach(e -> excluded.put(e.unit(), e));
            List<Map.Entry<String, Intercept>> expectedOrder = new ArrayList<>();
            for (UnitState boat : boats) {
                InterceptResult alone = PLANNER.plan(boat, target);
                String what = "target " + i + ", " + boat.unit();
                if (alone instanceof Intercept meet) {
                    expectedOrder.add(Map.entry(boat.unit(), meet));
                    Recommendation r = ranked.get(boat.unit());
                    assertThat(r).as(what + " ranked").isNotNull();
                    assertThat(r.etaS()).as(what).isCloseTo(meet.timeS(), within(1e-9));
                    assertThat(r.distanceM()).as(what).isCloseTo(meet.distanceM(), within(1e-6));
                    assertThat(r.lat()).as(what).isEqualTo(meet.lat());
                    assertThat(r.lon()).as(what).isEqualTo(meet.lon());
                    assertThat(r.sigmaM()).as(what).isEqualTo(meet.sigmaM());
                    assertThat(r.path()).as(what).isEqualTo(meet.path());
                    outcomes.merge("met", 1, Integer::sum);
                } else {
                    NoIntercept none = (NoIntercept) alone;
                    Recommendation pursuing = ranked.get(boat.unit());
                    if (pursuing != null) {
                        // Nobody met this target: the boat is ranked as a pursuit, with the reason it cannot meet it.
                        assertThat(pursuing.intercepts()).as(what).isFalse();
                        assertThat(pursuing.miss()).as(what).isEqualTo(none.reason().code());
                        outcomes.merge("pursuit", 1, Integer::sum);
                        outcomes.merge(none.reason().code(), 1, Integer::sum);
                        continue;
                    }
                    Recommendations.Excluded e = excluded.get(boat.unit());
                    assertThat(e).as(what + " excluded").isNotNull();
                    assertThat(e.reason()).as(what).isEqualTo(none.reason().code());
                    if (Double.isNaN(none.lateS())) {
                        assertThat(e.lateS()).as(what).isNaN();
                    } else {
                        assertThat(e.lateS()).as(what).isCloseTo(none.lateS(), within(1e-9));
                    }
                    outcomes.merge(none.reason().code(), 1, Integer::sum);
                }
            }
            expectedOrder.sort(Comparator.comparingDouble((Map.Entry<String, Intercept> m) -> m.getValue().timeS())
                    .thenComparing(Map.Entry::getKey));
            assertThat(fast.ranked()).filteredOn(Recommendation::intercepts).extracting(Recommendation::unit)
                    .as("ranking for target " + i)
                    .containsExactlyElementsOf(expectedOrder.stream().map(Map.Entry::getKey).toList());
            if (!expectedOrder.isEmpty()) {
                assertThat(fast.ranked()).as("no pursuit beside an intercept").allMatch(Recommendation::intercepts);
            }
            assertThat(fast.excluded()).hasSize(boats.size() - fast.ranked().size());
        }
        // Every outcome is covered, not only the easy ones.
        assertThat(outcomes.getOrDefault("met", 0)).as("meetings").isGreaterThan(100);
        assertThat(outcomes.getOrDefault("unreachable", 0)).as("unreachable").isGreaterThan(100);
        assertThat(outcomes.getOrDefault("cannot-catch", 0)).as("cannot catch").isGreaterThan(50);
        assertThat(outcomes.getOrDefault("target-leaves-area", 0)).as("target leaves the area").isGreaterThan(50);
        assertThat(outcomes.getOrDefault("pursuit", 0)).as("pursuits").isGreaterThan(0);
    }
}
