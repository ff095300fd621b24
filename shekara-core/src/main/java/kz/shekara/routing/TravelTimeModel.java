package kz.shekara.routing;

import java.util.Optional;

/**
 * How long a unit takes to reach a point, and by which path: by air, by sea or by ground. The
 * route's time counts the unit's launch delay. Empty when the unit cannot get there (beyond its
 * endurance, a boat to a point on land, no way over the ground). Implementations are immutable and
 * thread-safe once built.
 */
public interface TravelTimeModel {

    Optional<Route> route(UnitState from, double lat, double lon);

    /**
     * The routes of one unit to many points: implementations that can reuse work done for the unit's
     * side (the sea model's visibility from the unit) override this. Not thread-safe: one caller.
     */
    default Reach from(UnitState unit) {
        return (lat, lon) -> route(unit, lat, lon);
    }

    /** One unit's routes to points, for searches along a target's predicted path. */
    @FunctionalInterface
    interface Reach {
        Optional<Route> to(double lat, double lon);
    }
}
