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
 *
 * <p>When no unit can meet the target, the ranking is a pursuit: each unit's arrival at the last
 * point of the target's predicted path inside the area ({@code etaS} and the point), {@code miss}
 * the reason it cannot intercept ({@code cannot-catch}, {@code target-leaves-area},
 * {@code beyond-horizon}) and {@code lateS} how long after the target it gets there. For an
 * intercept {@code miss} is null and {@code lateS} NaN.
 */
public record Recommendation(int rank, String unit, UnitKind kind, double etaS, double distanceM, double lat,
                             double lon, double sigmaM, List<GeoPoint> path, boolean leavesSectorUncovered,
                             String miss, double lateS) {
    public Recommendation {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        path = List.copyOf(path);
    }

    /** An intercept: the unit can be where the target is at {@code etaS}. */
    public Recommendation(int rank, String unit, UnitKind kind, double etaS, double distanceM, double lat, double lon,
                          double sigmaM, List<GeoPoint> path, boolean leavesSectorUncovered) {
        this(rank, unit, kind, etaS, distanceM, lat, lon, sigmaM, path, leavesSectorUncovered, null, Double.NaN);
    }

    /** Whether the unit meets the target (false: it pursues it to the last point of its path in the area). */
    public boolean intercepts() {
        return miss == null;
    }
}
