package kz.shekara.planning;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import kz.shekara.routing.GeoPoint;

/** The answer to "when and where can this unit meet this target": an intercept, or why there is none. */
public sealed interface InterceptResult {

    /**
     * The earliest meeting: {@code timeS} seconds from now (launch included) at (lat, lon) WGS84, the
     * distance the unit travels in metres, the target's predicted 1-sigma position error there in
     * metres, and the unit's path (from the unit to the point).
     */
    record Intercept(double timeS, double lat, double lon, double distanceM, double sigmaM, List<GeoPoint> path)
            implements InterceptResult {
        public Intercept {
            path = List.copyOf(Objects.requireNonNull(path, "path"));
        }
    }

    /**
     * No meeting within the horizon, and the reason; {@code lateS} says how far behind the unit
     * would be: the seconds by which it would reach the target's last point inside the area (where
     * the target leaves it, or at the horizon) after the target has passed there — NaN when not
     * measured (no way there, the target never inside).
     */
    record NoIntercept(Reason reason, double lateS) implements InterceptResult {
        public NoIntercept {
            Objects.requireNonNull(reason, "reason");
        }

        public NoIntercept(Reason reason) {
            this(reason, Double.NaN);
        }
    }

    /** Why a unit cannot meet a target. */
    enum Reason {
        /** The target is never inside the area within the horizon. */
        TARGET_OUTSIDE_AREA,
        /** The target leaves the area (crosses back over the border) before the unit can reach it. */
        TARGET_LEAVES_AREA,
        /** The target outruns the unit: no time at which the unit can be where the target is. */
        CANNOT_CATCH,
        /** The meeting would be later than the planning horizon. */
        BEYOND_HORIZON,
        /** The unit's endurance does not reach the meeting point. */
        OUT_OF_RANGE,
        /** The unit has no way there (a boat to a point on land, no road or cross-country leg near). */
        UNREACHABLE;

        /** The reason as the API writes it: lower case with hyphens. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
