package kz.shekara.planning;

import java.util.List;
import java.util.Map;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.routing.Fixtures;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.RoadGraph;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


/** Ranking on the fixture roads (roads.geojson) and bay (sea.geojson). */
class RecommenderTest {
    private static final GroundTravelTime GROUND = new GroundTravelTime(
            RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100), GroundTravelTime.Config.DEFAULT);
    private static final SeaTravelTime SEA = new SeaTravelTime(Fixtures.union("sea.geojson"), SeaTravelTime.Config.DEFAULT);
    private static final InterceptPlanner PLANNER = new InterceptPlanner(Map.of(UnitKind.HELICOPTER, new AirTravelTime(),
            UnitKind.BOAT, SEA, UnitKind.GROUND_VEHICLE, GROUND, UnitKind.FOOT_PATROL, GROUND), 30);
    private static final Recommender RECOMMENDER = new Recommender(PLANNER, GROUND, new Recommender.Config(30, 64, 10));

    private static UnitState unit(String id, UnitKind kind, double lat, double lon, double speed, double offRoad,
                                  double launchS, UnitStatus status, String controlledBy, String sector) {
        return new UnitState(id, kind, lat, lon, status, speed, offRoad, launchS, Double.POSITIVE_INFINITY, "south",
                controlledBy, sector);
    }

    private static final List<UnitState> UNITS = List.of(
            // Road to the trunk's east end then 5 km off-road: 3,338.36 s (see GroundTravelTimeTest).
            unit("GV-1", UnitKind.GROUND_VEHICLE, 43.0, 69.0, 20, 5, 300, UnitStatus.AVAILABLE, "south", "S2"),
            // 2,776 m straight north at 1.5 m/s: about 1,851 s.
            unit("FP-1", UnitKind.FOOT_PATROL, 43.02, 69.5, 1.5, 1.5, 0, UnitStatus.AVAILABLE, "south", "S1"),
            // Geodesic at 60 m/s after a 1,800 s launch: 1,800 + d / 60.
            unit("HELI-1", UnitKind.HELICOPTER, 42.8, 69.0, 60, 60, 1_800, UnitStatus.AVAILABLE, "south", null),
            unit("GV-2", UnitKind.GROUND_VEHICLE, 43.0, 69.4, 20, 5, 0, UnitStatus.TASKED, "south", "S2"),
            unit("GV-3", UnitKind.GROUND_VEHICLE, 43.0, 69.45, 20, 5, 0, UnitStatus.AVAILABLE, "defence", "S2"),
            unit("PB-1", UnitKind.BOAT, 44.3, 50.3, 10, 10, 0, UnitStatus.AVAILABLE, "south", null));

    @Test
    void ranksUnitsByArrivalAndSaysWhyTheOthersAreLeftOut() {
        Recommendations r = RECOMMENDER.recommend(TargetMotion.of(43.045, 69.5, 0, 0, 20, 0, 14_400, null), UNITS, "south");
        assertThat(r.ranked()).extracting(Recommendation::unit).containsExactly("FP-1", "HELI-1", "GV-1");
        assertThat(r.ranked()).extracting(Recommendation::rank).containsExactly(1, 2, 3);
        assertThat(r.ranked().get(0).etaS()).isCloseTo(Geodesy.distanceM(43.02, 69.5, 43.045, 69.5) / 1.5, within(1.0));
        assertThat(r.ranked().get(1).etaS()).isCloseTo(1_800 + Geodesy.distanceM(42.8, 69.0, 43.045, 69.5) / 60, within(1e-6));
        assertThat(r.ranked().get(2).etaS()).isCloseTo(3_338.36, within(0.5));
        assertThat(r.excluded()).extracting(Recommendations.Excluded::unit, Recommendations.Excluded::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("GV-2", "status-tasked"),
                        org.assertj.core.groups.Tuple.tuple("GV-3", "not-under-control"),
                        org.assertj.core.groups.Tuple.tuple("PB-1", "unreachable"));
    }

    @Test
    void warnsWhenTaskingAUnitLeavesItsSectorWithoutAnAvailableUnit() {
        Recommendations r = RECOMMENDER.recommend(TargetMotion.of(43.045, 69.5, 0, 0, 20, 0, 14_400, null), UNITS, "south");
        // FP-1 is the only available unit of S1; S2 keeps GV-3 (available, under another command) if GV-1 goes.
        assertThat(r.ranked()).filteredOn(Recommendation::leavesSectorUncovered).extracting(Recommendation::unit)
                .containsExactly("FP-1");
    }

    @Test
    void nationalCentreSeesUnitsUnderEveryCommand() {
        Recommendations r = RECOMMENDER.recommend(TargetMotion.of(43.045, 69.5, 0, 0, 20, 0, 14_400, null), UNITS, null);
        assertThat(r.ranked()).extracting(Recommendation::unit).contains("GV-3");
        assertThat(r.ranked().get(0).unit()).isEqualTo("GV-3");
    }

    @Test
    void sharedRoadSearchesMatchTheSearchForOneUnitOnAMovingTarget() {
        // A target walking north at 1.5 m/s from the trunk at 69.4 E: the sampled ground intercept of the
        // recommender is within a few seconds of the planner's bisection for the same vehicle.
        TargetMotion walker = TargetMotion.of(43.0, 69.4, 1.5, 0, 10, 0, 14_400, null);
        UnitState v = UNITS.get(0);
        Recommendation rec = RECOMMENDER.recommend(walker, List.of(v), "south").ranked().get(0);
        Intercept exact = (Intercept) PLANNER.plan(v, walker);
        assertThat(rec.etaS()).isCloseTo(exact.timeS(), within(3.0));
        assertThat(Geodesy.distanceM(rec.lat(), rec.lon(), exact.lat(), exact.lon())).isLessThan(5.0);
    }

    @Test
    void sameInputsGiveTheSameRanking() {
        TargetMotion walker = TargetMotion.of(43.0, 69.4, 1.5, 0.5, 10, 0, 14_400, null);
        assertThat(RECOMMENDER.recommend(walker, UNITS, null)).isEqualTo(RECOMMENDER.recommend(walker, UNITS, null));
    }

    @Test
    void whenNobodyCanMeetTheTargetTheBestUnitsPursueItWhereTheyAreLeastLate() {
        // 40 m/s north for the hour's horizon: the helicopter (60 m/s after a 1,800 s launch) closes too slowly,
        // the ground units are far too slow. The operator still gets the helicopter, with how far behind it is.
        TargetMotion fast = TargetMotion.of(43.045, 69.5, 40, 0, 20, 0, 3_600, null);
        Recommendations r = RECOMMENDER.recommend(fast, UNITS, "south");
        // Sent where it is least late of nine equal steps of the target's path.
        double eta = Double.NaN;
        double lateS = Double.POSITIVE_INFINITY;
        double[] end = null;
        for (int j = 0; j <= 8; j++) {
            double[] p = fast.at(450.0 * j);
            double arrive = 1_800 + Geodesy.distanceM(42.8, 69.0, p[0], p[1]) / 60;
            if (arrive - 450.0 * j < lateS) {
                lateS = arrive - 450.0 * j;
                eta = arrive;
                end = p;
            }
        }
        // The foot patrol is 1,851 s behind where the target is now, the vehicle later still.
        assertThat(r.ranked()).extracting(Recommendation::unit).containsExactly("HELI-1", "FP-1", "GV-1");
        assertThat(r.ranked().get(1).lateS()).isCloseTo(Geodesy.distanceM(43.02, 69.5, 43.045, 69.5) / 1.5, within(1.0));
        assertThat(r.ranked()).noneMatch(Recommendation::intercepts);
        Recommendation heli = r.ranked().get(0);
        assertThat(heli.intercepts()).isFalse();
        assertThat(heli.miss()).isEqualTo("beyond-horizon");
        assertThat(heli.etaS()).isCloseTo(eta, within(1e-6));
        assertThat(heli.lateS()).isCloseTo(lateS, within(1e-6)).isPositive();
        assertThat(Geodesy.distanceM(heli.lat(), heli.lon(), end[0], end[1])).isLessThan(1.0);
        // The pursuing unit leaves the excluded list; the others keep their reasons.
        assertThat(r.excluded()).extracting(Recommendations.Excluded::unit).containsExactly("GV-2", "GV-3", "PB-1");
    }

    @Test
    void anInterceptNeverComesWithAPursuit() {
        Recommendations r = RECOMMENDER.recommend(TargetMotion.of(43.045, 69.5, 0, 0, 20, 0, 14_400, null), UNITS, "south");
        assertThat(r.ranked()).allMatch(Recommendation::intercepts);
        assertThat(r.ranked()).extracting(Recommendation::lateS).allMatch(x -> Double.isNaN(x));
    }
}
