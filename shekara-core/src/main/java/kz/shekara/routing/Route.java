package kz.shekara.routing;

import java.util.List;
import java.util.Objects;

/**
 * How a unit gets to a point: the time from now in seconds (launch or readiness included), the
 * distance it travels in metres, and the path it follows (WGS84, from the unit to the point).
 */
public record Route(double timeS, double distanceM, List<GeoPoint> path) {
    public Route {
        Objects.requireNonNull(path, "path");
        path = List.copyOf(path);
        if (!(timeS >= 0) || !(distanceM >= 0)) {
            throw new IllegalArgumentException("route time and distance must be >= 0");
        }
    }
}
