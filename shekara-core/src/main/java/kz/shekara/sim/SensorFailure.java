package kz.shekara.sim;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;

/**
 * A theatre sensor that fails during the scenario: from {@code after} (event time since the scenario
 * start) it sends nothing at all, neither detections nor heartbeats, so the sensor-silent rule has a
 * known fault to find. Immutable.
 *
 * @param sensor the failing sensor's id
 * @param after  when it fails, counted from the scenario start; not negative
 */
public record SensorFailure(String sensor, Duration after) {
    /** When the demo's sensor fails, counted from the scenario start. */
    public static final Duration DEMO_AFTER = Duration.ofMinutes(3);

    public SensorFailure {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("a sensor failure time must not be negative, got " + after);
        }
    }

    /**
     * The exercise's one sensor failure on a theatre: its ground sensor (UGS) with the smallest id
     * fails {@link #DEMO_AFTER} into the scenario; empty when the theatre has no ground sensor.
     */
    public static Optional<SensorFailure> demo(Theatre theatre) {
        return theatre.sensors().stream().filter(s -> s.kind() == SensorKind.UGS).map(Sensor::id)
                .min(Comparator.naturalOrder()).map(id -> new SensorFailure(id, DEMO_AFTER));
    }
}
