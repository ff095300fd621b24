package kz.shekara.routing;

import java.util.List;
import java.util.Optional;
import kz.shekara.geo.Geodesy;

/**
 * Travel by air: the geodesic (GeographicLib, WGS84) from the unit to the point at cruise speed,
 * after the launch delay; empty beyond the unit's endurance. Stateless and thread-safe; one
 * geodesic inverse per call.
 */
public final class AirTravelTime implements TravelTimeModel {

    @Override
    public Optional<Route> route(UnitState from, double lat, double lon) {
        double d = Geodesy.distanceM(from.lat(), from.lon(), lat, lon);
        if (d > from.enduranceLeftM()) {
            return Optional.empty();
        }
        return Optional.of(new Route(from.launchS() + d / from.speedMps(), d,
                List.of(new GeoPoint(from.lat(), from.lon()), new GeoPoint(lat, lon))));
    }
}
