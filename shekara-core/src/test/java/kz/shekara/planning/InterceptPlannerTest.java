package kz.shekara.planning;

import java.util.Map;
import kz.shekara.geo.Geodesy;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.planning.InterceptResult.Reason;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.routing.Fixtures;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.RoadGraph;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


/**
 * Intercepts worked by hand. Straight-line cases are set up in the target's local east-north frame,
 * where the closed form is exact; the area cases use country.geojson (a country south of a border
 * along 43.0 N).
 */
class InterceptPlannerTest {
    private static final double HORIZON_S = 4 * 3600;
    private static final double LAT = 42.9;
    private static final double LON = 69.0;
    private static final LocalFrame FRAME = new LocalFrame(LAT, LON);
    private static final InterceptPlanner AIR = new InterceptPlanner(Map.of(UnitKind.HELICOPTER, new AirTravelTime()), 30);
    private static final Area COUNTRY = new Area(Fixtures.union("country.geojson"));

    /** A helicopter at (east, north) metres from the target's position. */
    private static UnitState heli(double east, double north, double speedMps, double launchS) {
        double[] ll = new double[2];
        FRAME.toLatLon(east, north, ll);
        return Fixtures.unit("HELI-1", UnitKind.HELICOPTER, ll[0], ll[1], speedMps, speedMps, launchS);
    }

    private static TargetMotion target(double vnMps, double veMps) {
        return TargetMotion.of(LAT, LON, vnMps, veMps, 0, 0, HORIZON_S, null);
    }

    private static Intercept intercept(InterceptResult r) {
        assertThat(r).isInstanceOf(Intercept.class);
        return (Intercept) r;
    }

    @Test
    void stationaryTargetIsTheGeodesicAtCruiseSpeedAfterLaunch() {
        // 30,000 m along the geodesic at 60 m/s = 500 s, plus 600 s launch = 1,100 s.
        double[] p = Geodesy.destination(LAT, LON, 90, 30_000);
        UnitState h = Fixtures.unit("HELI-1", UnitKind.HELICOPTER, p[0], p[1], 60, 60, 600);
        Intercept i = intercept(AIR.plan(h, target(0, 0)));
        assertThat(i.timeS()).isCloseTo(1_100, within(1e-6));
        assertThat(i.distanceM()).isCloseTo(30_000, within(1e-6));
        assertThat(i.lat()).isEqualTo(LAT);
    }

    @Test
    void headOnTargetMeetsAtTheClosingSpeed() {
        // Unit 30 km west, target running west at 10 m/s towards it, unit 60 m/s, no launch delay:
        // closing speed 70 m/s, t = 30,000 / 70 = 428.571 s, the target 4,285.7 m west of its start.
        Intercept i = intercept(AIR.plan(heli(-30_000, 0, 60, 0), target(0, -10)));
        assertThat(i.timeS()).isCloseTo(428.5714, within(1e-3));
        double[] en = new double[2];
        FRAME.toEastNorth(i.lat(), i.lon(), en);
        assertThat(en[0]).isCloseTo(-4_285.71, within(0.05));
        assertThat(i.distanceM()).isCloseTo(60 * 428.5714, within(0.1));
    }

    @Test
    void crossingTargetMeetsOnTheThreeFourFiveTriangle() {
        // Target going north at 10 m/s, unit 3,000 m west at 12.5 m/s: 9e6 + 100 t² = 156.25 t²,
        // t = 400 s, the meeting 4,000 m north, the unit flying 5,000 m.
        Intercept i = intercept(AIR.plan(heli(-3_000, 0, 12.5, 0), target(10, 0)));
        assertThat(i.timeS()).isCloseTo(400, within(1e-6));
        assertThat(i.distanceM()).isCloseTo(5_000, within(1e-3));
    }

    @Test
    void launchDelayCountsInTheQuadratic() {
        // As above with a 100 s launch: 56.25 t² − 31,250 t − 7,437,500 = 0, t = 735.361 s.
        Intercept i = intercept(AIR.plan(heli(-3_000, 0, 12.5, 100), target(10, 0)));
        assertThat(i.timeS()).isCloseTo(735.3613, within(1e-3));
        assertThat(i.distanceM()).isCloseTo(12.5 * (735.3613 - 100), within(0.02));
    }

    @Test
    void fasterTargetRunningAwayCannotBeCaught() {
        NoIntercept n = (NoIntercept) AIR.plan(heli(-10_000, 0, 20, 0), target(0, 30));
        assertThat(n.reason()).isEqualTo(Reason.CANNOT_CATCH);
    }

    @Test
    void fasterTargetComingTowardsTheUnitIsMetAtTheFirstRoot() {
        // Target 10 km east of the unit coming west at 30 m/s, unit 20 m/s: (10,000 − 30 t)² = (20 t)²
        // gives t = 200 s (head-on) or 1,000 s (from behind); the earliest is 200 s.
        Intercept i = intercept(AIR.plan(heli(-10_000, 0, 20, 0), target(0, -30)));
        assertThat(i.timeS()).isCloseTo(200, within(1e-6));
    }

    @Test
    void unitAlreadyThereMeetsAtOnce() {
        assertThat(intercept(AIR.plan(heli(0, 0, 10, 0), target(0, 5))).timeS()).isCloseTo(0, within(1e-9));
        // With a 60 s launch the target is 300 m ahead; closing at 10 − 5 = 5 m/s takes 60 s more: t = 120 s.
        assertThat(intercept(AIR.plan(heli(0, 0, 10, 60), target(0, 5))).timeS()).isCloseTo(120, within(1e-6));
        // Stationary target under a unit with a launch delay: met when the unit is ready.
        assertThat(intercept(AIR.plan(heli(0, 0, 10, 60), target(0, 0))).timeS()).isCloseTo(60, within(1e-9));
    }

    @Test
    void targetThatCrossesBackOverTheBorderFirstEscapes() {
        // Target 1.11 km south of the border (42.99 N) heading north at 5 m/s: out after about 222 s.
        // A helicopter 21 km south with a 600 s launch cannot make it.
        TargetMotion t = TargetMotion.of(42.99, 69.0, 5, 0, 0, 0, HORIZON_S, COUNTRY);
        assertThat(t.inside()).hasSize(1);
        assertThat(t.inside().get(0)[1]).isCloseTo(222.4, within(0.5));
        UnitState far = Fixtures.unit("HELI-1", UnitKind.HELICOPTER, 42.8, 69.0, 60, 60, 600);
        assertThat(((NoIntercept) AIR.plan(far, t)).reason()).isEqualTo(Reason.TARGET_LEAVES_AREA);
        // One 2.2 km behind it and ready at once closes at 55 m/s: about 40 s, well inside the country.
        UnitState near = Fixtures.unit("HELI-2", UnitKind.HELICOPTER, 42.97, 69.0, 60, 60, 0);
        assertThat(intercept(AIR.plan(near, t)).timeS()).isCloseTo(2_222 / 55.0, within(0.5));
    }

    @Test
    void targetComingInIsMetWhereItCrossesTheBorder() {
        // Target 1.11 km north of the border heading south at 5 m/s: inside from about 222 s. The unit
        // could be at its path sooner, so it waits at the border: the meeting is at the crossing.
        TargetMotion t = TargetMotion.of(43.01, 69.0, -5, 0, 0, 0, HORIZON_S, COUNTRY);
        UnitState near = Fixtures.unit("HELI-2", UnitKind.HELICOPTER, 42.98, 69.0, 60, 60, 0);
        Intercept i = intercept(AIR.plan(near, t));
        assertThat(i.timeS()).isCloseTo(t.inside().get(0)[0], within(1e-9));
        assertThat(i.lat()).isCloseTo(43.0, within(1e-5));
    }

    @Test
    void targetOutsideTheAreaForTheWholeHorizonHasNoIntercept() {
        TargetMotion t = TargetMotion.of(43.2, 69.0, 0, 0, 0, 0, HORIZON_S, COUNTRY);
        assertThat(((NoIntercept) AIR.plan(heli(0, 0, 60, 0), t)).reason()).isEqualTo(Reason.TARGET_OUTSIDE_AREA);
    }

    @Test
    void meetingBeyondEnduranceIsOutOfRange() {
        UnitState h = new UnitState("HELI-3", UnitKind.HELICOPTER, 42.9, 69.2, UnitStatus.AVAILABLE, 60, 60, 0,
                10_000, "south", "south", null);
        assertThat(((NoIntercept) AIR.plan(h, target(0, 0))).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(((NoIntercept) AIR.plan(h, target(0, 1))).reason()).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void searchAlongThePathAgreesWithTheClosedFormForStraightMovers() {
        // The search, given the air model as a route function, finds the closed form's meeting time.
        InterceptPlanner planner = new InterceptPlanner(Map.of(), 30);
        UnitState h = heli(-3_000, 0, 12.5, 100);
        InterceptResult searched = planner.search(new AirTravelTime().from(h), target(10, 0));
        assertThat(intercept(searched).timeS()).isCloseTo(735.36, within(0.5));
    }

    @Test
    void roadBoundUnitMeetsTheTargetWhenItsArrivalCatchesUpWithTheTargetsTime() {
        // A target walking north at 1.5 m/s from the trunk road at 69.4 E; a vehicle on the trunk at
        // 69.0 E (20 m/s road, 5 m/s off-road, 300 s launch). At the meeting time the vehicle's arrival at
        // the target's predicted position equals that time; a second earlier it would have been late.
        GroundTravelTime ground = new GroundTravelTime(RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100),
                GroundTravelTime.Config.DEFAULT);
        InterceptPlanner planner = new InterceptPlanner(Map.of(UnitKind.GROUND_VEHICLE, ground), 30);
        UnitState v = Fixtures.unit("GV-1", UnitKind.GROUND_VEHICLE, 43.0, 69.0, 20, 5, 300);
        TargetMotion t = TargetMotion.of(43.0, 69.4, 1.5, 0, 10, 0, HORIZON_S, null);
        Intercept i = intercept(planner.plan(v, t));
        double[] at = t.at(i.timeS());
        assertThat(ground.route(v, at[0], at[1]).orElseThrow().timeS()).isCloseTo(i.timeS(), within(0.2));
        double[] before = t.at(i.timeS() - 1);
        assertThat(ground.route(v, before[0], before[1]).orElseThrow().timeS()).isGreaterThan(i.timeS() - 1);
        assertThat(i.timeS()).isBetween(300 + 32_616.0 / 20, 3_000.0);
    }
}
