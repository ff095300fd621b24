package kz.shekara.planning;

import java.util.List;
import java.util.Objects;
import kz.shekara.routing.GeoPoint;
import kz.shekara.theatre.UnitKind;

/**
 * One unit ranked for one target: rank (1 = first there), the time to intercept or arrival in
 * seconds from now (launch included), the distance it travels in metres, the meeting point (WGS84)
 * and the target's predicted 1-sigma error there in metres, the unit's path, and whether tasking it
 * would leave its sector without an available unit.
 */
public record Recommendation(int rank, String unit, UnitKind kind, double etaS, double distanceM, double lat,
                             double lon, double sigmaM, List<GeoPoint> path, boolean leavesSectorUncovered) {
    public Recommendation {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        path = List.copyOf(path);
    }
}
