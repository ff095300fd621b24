package kz.shekara.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * Sea routes in the fixture bay (sea.geojson: 50–51 E, 44–45 N, a peninsula from the west coast to
 * 50.6 E between 44.45 and 44.55 N, an island at 50.8–50.9 E, 44.7–44.8 N), checked against the land
 * of land.geojson (mainland, peninsula, island).
 */
class SeaTravelTimeTest {
    private static final Geometry LAND = Fixtures.union("land.geojson");
    private static final SeaTravelTime SEA = new SeaTravelTime(Fixtures.union("sea.geojson"),
            SeaTravelTime.Config.DEFAULT);
    private static final GeometryFactory GF = new GeometryFactory();

    private static UnitState boat(double lat, double lon) {
        return Fixtures.unit("PB-1", UnitKind.BOAT, lat, lon, 10, 10, 120);
    }

    @Test
    void goesAroundThePeninsulaTip() {
        // South of the peninsula to north of it at 50.3 E: the straight line crosses the peninsula, so the
        // boat rounds its tip (50.6 E, 44.45/44.55 N). Legs (GeographicLib): 29,146.1 + 11,112.2 + 29,063.0
        // = 69,321.3 m; the 200 m coastal margin adds a little. At 10 m/s: 6,932 s + 120 s launch.
        Route r = SEA.route(boat(44.3, 50.3), 44.7, 50.3).orElseThrow();
        assertThat(r.distanceM()).isBetween(69_321.3, 69_321.3 + 600);
        assertThat(r.timeS()).isCloseTo(120 + r.distanceM() / 10, within(1e-6));
        assertThat(r.path()).hasSize(4);
        assertThat(r.path().get(1).lon()).isGreaterThan(50.6);
        assertNoLandCrossed(r);
    }

    @Test
    void goesStraightWhenTheWaterIsOpen() {
        Route r = SEA.route(boat(44.2, 50.3), 44.2, 50.9).orElseThrow();
        assertThat(r.path()).hasSize(2);
        assertThat(r.distanceM()).isCloseTo(kz.shekara.geo.Geodesy.distanceM(44.2, 50.3, 44.2, 50.9), within(20.0));
    }

    @Test
    void neverCrossesLandBetweenRandomPointsOfWater() {
        Random random = new Random(5);
        Geometry sea = Fixtures.union("sea.geojson");
        int routes = 0;
        while (routes < 200) {
            double[] a = {44 + random.nextDouble(), 50 + random.nextDouble()};
            double[] b = {44 + random.nextDouble(), 50 + random.nextDouble()};
            if (!sea.contains(GF.createPoint(new Coordinate(a[1], a[0])))
                    || !sea.contains(GF.createPoint(new Coordinate(b[1], b[0])))) {
                continue;
            }
            Route r = SEA.route(boat(a[0], a[1]), b[0], b[1]).orElseThrow();
            assertNoLandCrossed(r);
            assertThat(r.distanceM()).isGreaterThanOrEqualTo(kz.shekara.geo.Geodesy.distanceM(a[0], a[1], b[0], b[1]) * 0.999);
            routes++;
        }
    }

    @Test
    void cannotSailToAPointInland() {
        assertThat(SEA.route(boat(44.3, 50.3), 44.5, 50.3)).isEmpty();
        assertThat(SEA.route(boat(44.3, 50.3), 44.5, 49.7)).isEmpty();
    }

    @Test
    void snapsABoatInHarbourToOpenWater() {
        // A boat moored 1 km inland of the west coast (at its base) first moves out to open water.
        Route r = SEA.route(boat(44.2, 49.9875), 44.2, 50.5).orElseThrow();
        assertThat(r.path().get(0)).isEqualTo(new GeoPoint(44.2, 49.9875));
        assertThat(r.path().get(1).lon()).isGreaterThan(50.0);
        assertNoLandCrossed(new Route(0, 0, r.path().subList(1, r.path().size())));
    }

    @Test
    void keepsTheCornersWhereLandJutsIntoTheWater() {
        // The peninsula's two tip corners and the island's four corners.
        assertThat(SEA.nodeCount()).isEqualTo(6);
    }

    private static void assertNoLandCrossed(Route r) {
        List<GeoPoint> p = r.path();
        for (int i = 1; i < p.size(); i++) {
            LineString leg = GF.createLineString(new Coordinate[] {
                new Coordinate(p.get(i - 1).lon(), p.get(i - 1).lat()), new Coordinate(p.get(i).lon(), p.get(i).lat())});
            assertThat(leg.intersects(LAND)).as("leg %d of %s", i, p).isFalse();
        }
    }
}
