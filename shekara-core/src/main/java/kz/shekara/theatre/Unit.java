package kz.shekara.theatre;

import java.time.Duration;
import java.util.Objects;

/**
 * A response unit of the theatre. Speeds in m/s (road or cruise, and off-road for ground units);
 * {@code readiness} is the time from tasking to moving at normal posture; {@code enduranceKm} the
 * distance it can cover before returning; {@code command} its regional command; {@code language}
 * the language of its crew's devices (kk, ru or en).
 */
public record Unit(String id, String callsign, UnitKind kind, String base, String command, double speedMps,
                   double offRoadSpeedMps, Duration readiness, double enduranceKm, String language) {
    public Unit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callsign, "callsign");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(readiness, "readiness");
        if (!(speedMps > 0)) {
            throw new IllegalArgumentException("unit " + id + ": speed must be > 0");
        }
    }
}
