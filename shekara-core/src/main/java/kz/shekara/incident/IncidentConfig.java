package kz.shekara.incident;

import java.time.Duration;

/**
 * How alerts are grouped into incidents: an alert joins an open incident of the same track, or
 * one whose latest alert is within {@code radiusM} metres and {@code window} of it. Validated.
 */
public record IncidentConfig(double radiusM, Duration window) {
    public IncidentConfig {
        if (!(radiusM >= 0) || Double.isInfinite(radiusM)) {
            throw new IllegalArgumentException("incidents.radius-m: must be zero or a positive number, got " + radiusM);
        }
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("incidents.window: must be a duration of zero or more, got " + window);
        }
    }

    public static IncidentConfig defaults() {
        return new IncidentConfig(2_000, Duration.ofMinutes(15));
    }
}
