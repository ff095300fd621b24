package kz.shekara.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;

/**
 * Road routing on the fixture network roads.geojson: a trunk road along 43.0 N from 69.0 E to
 * 69.5 E, a spur north along 69.25 E to 43.2 N, and a track along 43.2 N that ends 24 m short of
 * the spur's end. Geodesic lengths (GeographicLib): trunk 69.0→69.25 E 20,385.23 m, spur 22,218.94 m.
 */
class GroundTravelTimeTest {
    private static final RoadGraph ROADS = RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100);
    private static final GroundTravelTime GROUND = new GroundTravelTime(ROADS, GroundTravelTime.Config.DEFAULT);

    private static UnitState vehicle(double lat, double lon) {
        return Fixtures.unit("GV-1", UnitKind.GROUND_VEHICLE, lat, lon, 20, 5, 300);
    }

    @Test
    void followsTrunkAndSpurToTheSpurEnd() {
        // Road 20,385.23 + 22,218.94 = 42,604.17 m at 20 m/s = 2,130.21 s, plus 300 s launch = 2,430.21 s.
        // Across country it would be 30,131.20 m at 5 m/s = 6,026 s.
        Route r = GROUND.route(vehicle(43.0, 69.0), 43.2, 69.25).orElseThrow();
        assertThat(r.distanceM()).isCloseTo(42_604.17, within(1.0));
        assertThat(r.timeS()).isCloseTo(2_430.21, within(0.1));
        assertThat(r.path().get(0)).isEqualTo(new GeoPoint(43.0, 69.0));
        assertThat(r.path()).contains(new GeoPoint(43.0, 69.25));
        assertThat(r.path().get(r.path().size() - 1)).isEqualTo(new GeoPoint(43.2, 69.25));
    }

    @Test
    void leavesTheRoadForTheLastLegOffRoad() {
        // The whole trunk to its east end at 69.5 E: 2 × 20,385.23 = 40,770.47 m / 20 m/s = 2,038.52 s; then
        // 4,999.19 m north off-road / 5 m/s = 999.84 s; plus launch 300 s = 3,338.36 s.
        Route r = GROUND.route(vehicle(43.0, 69.0), 43.045, 69.5).orElseThrow();
        assertThat(r.timeS()).isCloseTo(3_338.36, within(0.5));
        assertThat(r.distanceM()).isCloseTo(40_770.47 + 4_999.19, within(2.0));
    }

    @Test
    void goesAcrossCountryWhenThatIsFaster() {
        // Both 1.1 km south of the trunk and 1.63 km apart: straight across at 5 m/s takes 326 s, by road
        // at least 2 × 1,112 m off-road (445 s) plus the road.
        UnitState u = vehicle(42.99, 69.1);
        Route r = GROUND.route(u, 42.99, 69.12).orElseThrow();
        double crossM = kz.shekara.geo.Geodesy.distanceM(42.99, 69.1, 42.99, 69.12);
        assertThat(r.path()).hasSize(2);
        assertThat(r.timeS()).isCloseTo(300 + crossM / 5, within(0.5));
    }

    @Test
    void joinsATrackThatEndsShortOfTheSpur() {
        // Spur end → track's west end: 24 m joining link, then 0.1497 deg of longitude along 43.2 N.
        Route r = GROUND.route(vehicle(43.0, 69.25), 43.2, 69.1).orElseThrow();
        double trackM = kz.shekara.geo.Geodesy.distanceM(43.2, 69.1, 43.2, 69.2497);
        assertThat(r.distanceM()).isCloseTo(22_218.94 + 24.4 + trackM, within(3.0));
        assertThat(r.path().size()).isGreaterThan(10);
    }

    @Test
    void refusesRoutesBeyondEndurance() {
        UnitState short10km = new UnitState("GV-2", UnitKind.GROUND_VEHICLE, 43.0, 69.0, UnitStatus.AVAILABLE, 20, 5,
                300, 10_000, "south", "south", null);
        assertThat(GROUND.route(short10km, 43.2, 69.25)).isEmpty();
    }

    @Test
    void oneSearchFromTheTargetServesEveryUnit() {
        GroundTravelTime.Destination d = GROUND.toward(43.2, 69.25, Double.POSITIVE_INFINITY);
        for (UnitState u : List.of(vehicle(43.0, 69.0), vehicle(43.0, 69.5), vehicle(42.99, 69.3))) {
            double shared = GROUND.arrivalS(GROUND.origin(u), d);
            assertThat(shared).isCloseTo(GROUND.route(u, 43.2, 69.25).orElseThrow().timeS(), within(1e-9));
        }
    }

    @Test
    void mergesSharedVerticesIntoJunctions() {
        // Trunk 2 segments → 41 + 41 edges of ≤ 500 m, spur 45, track 25, plus one joining link; the
        // spur shares the trunk's middle vertex, so the network is one tree: one node more than edges.
        assertThat(ROADS.edgeCount()).isEqualTo(41 + 41 + 45 + 25 + 1);
        assertThat(ROADS.nodeCount()).isEqualTo(ROADS.edgeCount() + 1);
    }

    @Test
    void workedExamplesHoldWithAndWithoutTheJunctionDistanceTable() {
        assertThat(ROADS.tabled()).isTrue();
        GroundTravelTime searched = new GroundTravelTime(RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100, 0),
                GroundTravelTime.Config.DEFAULT);
        // Trunk and spur: 2,430.21 s; trunk, then off-road north: 3,338.36 s (the examples above).
        for (GroundTravelTime g : List.of(GROUND, searched)) {
            assertThat(g.route(vehicle(43.0, 69.0), 43.2, 69.25).orElseThrow().timeS()).isCloseTo(2_430.21, within(0.1));
            assertThat(g.route(vehicle(43.0, 69.0), 43.045, 69.5).orElseThrow().timeS()).isCloseTo(3_338.36, within(0.5));
        }
        Route tabled = GROUND.route(vehicle(43.0, 69.0), 43.2, 69.25).orElseThrow();
        Route dijkstra = searched.route(vehicle(43.0, 69.0), 43.2, 69.25).orElseThrow();
        assertThat(tabled.path()).isEqualTo(dijkstra.path());
        assertThat(tabled.timeS()).isCloseTo(dijkstra.timeS(), within(1e-9));
    }
}
