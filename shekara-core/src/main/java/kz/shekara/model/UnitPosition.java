package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A friendly unit's reported position: a theatre unit, or any TAK device by its uid.
 * WGS84 degrees; course in degrees from true north and speed in m/s, NaN when not reported.
 * {@code cotType} is the CoT type the unit reports itself as (for example a-f-G-U-C).
 */
public record UnitPosition(Instant time, String unit, String callsign, String cotType, double lat, double lon,
                           double courseDeg, double speedMps, UnitStatus status, Marking marking)
        implements DomainEvent {

    public UnitPosition {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(callsign, "callsign");
        Objects.requireNonNull(cotType, "cotType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(marking, "marking");
        Coordinates.check(lat, lon);
    }
}
