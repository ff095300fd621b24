package kz.shekara.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.UnitKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every travel-time model must do, run against air, sea and ground on the fixtures. */
class TravelTimeModelContractTest {

    record Case(String name, TravelTimeModel model, UnitKind kind, double lat, double lon, double toLat, double toLon) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> models() {
        GroundTravelTime ground = new GroundTravelTime(RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100),
                GroundTravelTime.Config.DEFAULT);
        GroundTravelTime untabled = new GroundTravelTime(RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100, 0),
                GroundTravelTime.Config.DEFAULT);
        SeaTravelTime sea = new SeaTravelTime(Fixtures.union("sea.geojson"), SeaTravelTime.Config.DEFAULT);
        return Stream.of(
                Arguments.of(new Case("air", new AirTravelTime(), UnitKind.HELICOPTER, 43.0, 69.0, 43.2, 69.25)),
                Arguments.of(new Case("sea", sea, UnitKind.BOAT, 44.3, 50.3, 44.7, 50.3)),
                Arguments.of(new Case("ground", ground, UnitKind.GROUND_VEHICLE, 43.0, 69.0, 43.2, 69.25)),
                Arguments.of(new Case("ground without distance table", untabled, UnitKind.GROUND_VEHICLE, 43.0, 69.0,
                        43.2, 69.25)));
    }

    private static UnitState unit(Case c, double enduranceM) {
        return new UnitState("U", c.kind(), c.lat(), c.lon(), UnitStatus.AVAILABLE, 20, 5, 120, enduranceM, "south",
                "south", null);
    }

    @ParameterizedTest
    @MethodSource("models")
    void reachingWhereTheUnitIsTakesTheLaunchDelay(Case c) {
        Route r = c.model().route(unit(c, Double.POSITIVE_INFINITY), c.lat(), c.lon()).orElseThrow();
        assertThat(r.timeS()).isCloseTo(120, within(1e-6));
        assertThat(r.distanceM()).isCloseTo(0, within(1e-6));
    }

    @ParameterizedTest
    @MethodSource("models")
    void isNeverFasterThanTheStraightLineAtTopSpeed(Case c) {
        Route r = c.model().route(unit(c, Double.POSITIVE_INFINITY), c.toLat(), c.toLon()).orElseThrow();
        double straight = Geodesy.distanceM(c.lat(), c.lon(), c.toLat(), c.toLon());
        assertThat(r.distanceM()).isGreaterThanOrEqualTo(straight * 0.999);
        assertThat(r.timeS()).isGreaterThanOrEqualTo(120 + straight * 0.999 / 20);
    }

    @ParameterizedTest
    @MethodSource("models")
    void pathRunsFromTheUnitToThePoint(Case c) {
        Route r = c.model().route(unit(c, Double.POSITIVE_INFINITY), c.toLat(), c.toLon()).orElseThrow();
        assertThat(r.path().get(0)).isEqualTo(new GeoPoint(c.lat(), c.lon()));
        assertThat(r.path().get(r.path().size() - 1)).isEqualTo(new GeoPoint(c.toLat(), c.toLon()));
        double sum = 0;
        for (int i = 1; i < r.path().size(); i++) {
            sum += Geodesy.distanceM(r.path().get(i - 1).lat(), r.path().get(i - 1).lon(), r.path().get(i).lat(),
                    r.path().get(i).lon());
        }
        assertThat(r.distanceM()).isCloseTo(sum, within(sum * 1e-3));
    }

    @ParameterizedTest
    @MethodSource("models")
    void refusesPointsBeyondEndurance(Case c) {
        double straight = Geodesy.distanceM(c.lat(), c.lon(), c.toLat(), c.toLon());
        assertThat(c.model().route(unit(c, straight * 0.9), c.toLat(), c.toLon())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("models")
    void reachForManyPointsAgreesWithSingleRoutes(Case c) {
        UnitState u = unit(c, Double.POSITIVE_INFINITY);
        TravelTimeModel.Reach reach = c.model().from(u);
        for (double f : new double[] {0.25, 0.5, 1.0}) {
            double lat = c.lat() + f * (c.toLat() - c.lat());
            double lon = c.lon() + f * (c.toLon() - c.lon());
            assertThat(reach.to(lat, lon)).isEqualTo(c.model().route(u, lat, lon));
        }
    }
}
