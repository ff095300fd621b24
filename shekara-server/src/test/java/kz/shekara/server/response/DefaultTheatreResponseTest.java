package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.ResponseModels;
import kz.shekara.planning.TargetMotion;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.Readiness;
import kz.shekara.routing.Route;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** The response models on the shipped default theatre: its Caspian sea, its roads, its units. */
class DefaultTheatreResponseTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static Theatre theatre;
    private static ResponseModels models;
    private static Geometry land;

    @BeforeAll
    static void load() throws Exception {
        theatre = TheatreLoader.loadDefault();
        models = ResponseModels.of(theatre);
        land = UnaryUnionOp.union(theatre.zones(ZoneKind.COUNTRY).stream().map(Zone::geometry).toList());
    }

    private static UnitState state(String unitId, double lat, double lon) {
        Unit u = theatre.unit(unitId).orElseThrow();
        UnitPosition p = new UnitPosition(Instant.EPOCH, u.id(), u.callsign(), "a-f-G-U-C", lat, lon, Double.NaN,
                Double.NaN, UnitStatus.AVAILABLE, theatre.defaultMarking());
        return UnitState.of(u, p, kz.shekara.theatre.Posture.NORMAL, Readiness.DEFAULT, null, null);
    }

    private static UnitState atBase(Unit u) {
        Base b = theatre.base(u.base()).orElseThrow();
        return state(u.id(), b.lat(), b.lon());
    }

    @Test
    void boatsSailFromBautinoToTheOffshoreSiteWithoutCrossingLand() {
        SeaTravelTime sea = models.sea().orElseThrow();
        UnitState boat = atBase(theatre.unit("BOAT-1").orElseThrow());
        Route r = sea.route(boat, 43.45, 50.8).orElseThrow();
        assertThat(r.distanceM()).isGreaterThanOrEqualTo(Geodesy.distanceM(boat.lat(), boat.lon(), 43.45, 50.8));
        // The base is on the shore; from the first point in open water on, no leg touches land.
        assertNoLand(r.path().subList(1, r.path().size()));
    }

    @Test
    void randomCaspianRoutesNeverCrossLand() {
        SeaTravelTime sea = models.sea().orElseThrow();
        Geometry water = theatre.zones(ZoneKind.SEA).get(0).geometry();
        Random random = new Random(11);
        UnitState boat = atBase(theatre.unit("BOAT-1").orElseThrow());
        var env = water.getEnvelopeInternal();
        int checked = 0;
        int routed = 0;
        while (checked < 60) {
            double[] a = {env.getMinY() + random.nextDouble() * env.getHeight(), env.getMinX() + random.nextDouble() * env.getWidth()};
            double[] b = {env.getMinY() + random.nextDouble() * env.getHeight(), env.getMinX() + random.nextDouble() * env.getWidth()};
            if (water.distance(GF.createPoint(new Coordinate(a[1], a[0]))) > 0.01
                    || land.distance(GF.createPoint(new Coordinate(a[1], a[0]))) < 0.01
                    || !water.contains(GF.createPoint(new Coordinate(b[1], b[0])))
                    || land.distance(GF.createPoint(new Coordinate(b[1], b[0]))) < 0.01) {
                continue;
            }
            Route r = sea.route(boat.at(a[0], a[1]), b[0], b[1]).orElse(null);
            if (r != null) {
                assertNoLand(r.path());
                routed++;
            }
            checked++;
        }
        // Only pairs farther apart than the boat's 500 km endurance go unrouted.
        assertThat(routed).isGreaterThan(40);
    }

    @Test
    void groundUnitsUseTheRoadsAlongTheBorder() {
        // From Shymkent to Taraz along the A-2: the road is about 190 km; across country it would be far slower.
        UnitState v = state(theatre.units().stream().filter(u -> u.kind() == UnitKind.GROUND_VEHICLE).findFirst()
                .orElseThrow().id(), 42.31, 69.6);
        Route r = models.ground().route(v, 42.9, 71.37).orElseThrow();
        double straight = Geodesy.distanceM(42.31, 69.6, 42.9, 71.37);
        assertThat(r.path().size()).isGreaterThan(10);
        assertThat(r.distanceM()).isBetween(straight, straight * 1.3);
        assertThat(r.timeS() - v.launchS()).isLessThan(straight / v.offRoadSpeedMps());
    }

    @Test
    void recommendsTheDefaultTheatresUnitsForAnAlarmAtACrossingPoint() {
        Zone crossing = theatre.zones(ZoneKind.CROSSING_POINT).get(0);
        double lat = crossing.geometry().getCentroid().getY();
        double lon = crossing.geometry().getCentroid().getX();
        List<UnitState> units = new ArrayList<>();
        for (Unit u : theatre.units()) {
            units.add(atBase(u));
        }
        Recommender recommender = models.recommender(Recommender.Config.DEFAULT);
        Recommendations r = recommender.recommend(TargetMotion.of(lat, lon, 0, 0, 30, 0.5, 4 * 3600,
                models.area().orElse(null)), units, null);
        assertThat(r.ranked()).isNotEmpty();
        assertThat(r.ranked()).isSortedAccordingTo(java.util.Comparator.comparingDouble(
                kz.shekara.planning.Recommendation::etaS));
        assertThat(r.ranked().get(0).path()).isNotEmpty();
        assertThat(r.ranked().size() + r.excluded().size()).isEqualTo(units.size());
    }

    @Test
    void aFastBoatRunningForOpenWaterWithTheHelicoptersTaskedIsPursuedByTheBestBoat() {
        // As in the demo: a 25 m/s boat off Aktau heading south-west, the patrol boats (12.5-16.7 m/s) cannot
        // catch it and both helicopters are on other tasks. The operator still gets a ranked boat, and how late.
        List<UnitState> units = new ArrayList<>();
        for (Unit u : theatre.units()) {
            UnitState s = atBase(u);
            units.add(u.kind() != UnitKind.HELICOPTER ? s : new UnitState(s.unit(), s.kind(), s.lat(), s.lon(),
                    UnitStatus.TASKED, s.speedMps(), s.offRoadSpeedMps(), s.launchS(), s.enduranceLeftM(), s.command(),
                    s.controlledBy(), s.sector()));
        }
        TargetMotion runner = TargetMotion.of(43.5, 51.0, -15, -20, 30, 0.5, 14_400, models.area().orElse(null));
        Recommendations r = models.recommender(Recommender.Config.DEFAULT).recommend(runner, units, null);
        assertThat(r.ranked()).isNotEmpty();
        assertThat(r.ranked()).noneMatch(kz.shekara.planning.Recommendation::intercepts);
        assertThat(r.ranked().get(0).kind()).isEqualTo(UnitKind.BOAT);
        assertThat(r.ranked().get(0).lateS()).isPositive();
        assertThat(r.ranked().get(0).miss()).isIn("cannot-catch", "target-leaves-area");
        assertThat(r.ranked()).isSortedAccordingTo(java.util.Comparator.comparingDouble(
                kz.shekara.planning.Recommendation::etaS));
        assertThat(r.excluded()).filteredOn(x -> x.reason().equals("status-tasked")).hasSize(2);
        assertThat(r.ranked().size() + r.excluded().size()).isEqualTo(units.size());
    }

    private static void assertNoLand(List<GeoPoint> p) {
        for (int i = 1; i < p.size(); i++) {
            Geometry leg = GF.createLineString(new Coordinate[] {new Coordinate(p.get(i - 1).lon(), p.get(i - 1).lat()),
                new Coordinate(p.get(i).lon(), p.get(i).lat())});
            assertThat(leg.intersects(land)).as("leg %d of %s", i, p).isFalse();
        }
    }
}
