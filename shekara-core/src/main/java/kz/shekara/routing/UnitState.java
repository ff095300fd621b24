package kz.shekara.routing;

import java.util.Objects;
import kz.shekara.model.Coordinates;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;

/**
 * A response unit as the planner sees it now: where it is (WGS84), what it is, its speeds (m/s:
 * road or cruise, and off-road for ground units), its launch delay in seconds (already resolved
 * for its sector's posture), the distance it can still cover in metres, its regional command,
 * the command that holds operational control of it now, and its home sector (null when none).
 */
public record UnitState(String unit, UnitKind kind, double lat, double lon, UnitStatus status, double speedMps,
                        double offRoadSpeedMps, double launchS, double enduranceLeftM, String command,
                        String controlledBy, String sector) {
    public UnitState {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Coordinates.check(lat, lon);
        if (!(speedMps > 0) || !(offRoadSpeedMps > 0)) {
            throw new IllegalArgumentException("unit " + unit + ": speeds must be > 0");
        }
        if (!(launchS >= 0) || !(enduranceLeftM >= 0)) {
            throw new IllegalArgumentException("unit " + unit + ": launch and endurance must be >= 0");
        }
    }

    /**
     * The state of a theatre unit at its last reported position. Endurance left is the unit's full
     * endurance (no odometry yet); a missing off-road speed falls back to the road speed.
     */
    public static UnitState of(Unit unit, UnitPosition position, Posture posture, Readiness readiness,
                               String controlledBy, String sector) {
        double offRoad = unit.offRoadSpeedMps() > 0 ? unit.offRoadSpeedMps() : unit.speedMps();
        double endurance = unit.enduranceKm() > 0 ? unit.enduranceKm() * 1000 : Double.POSITIVE_INFINITY;
        return new UnitState(unit.id(), unit.kind(), position.lat(), position.lon(), position.status(),
                unit.speedMps(), offRoad, readiness.launchS(unit.readiness(), position.status(), posture),
                endurance, unit.command(), controlledBy == null ? unit.command() : controlledBy, sector);
    }

    /** The same unit at another position (for moving it along a scenario or a test). */
    public UnitState at(double newLat, double newLon) {
        return new UnitState(unit, kind, newLat, newLon, status, speedMps, offRoadSpeedMps, launchS,
                enduranceLeftM, command, controlledBy, sector);
    }
}
