package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/** A fixed sensor's sign of life without a detection: it is up and watching. Immutable. */
public record SensorHeartbeat(Instant time, String sensor, Marking marking) implements DomainEvent {
    public SensorHeartbeat {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(marking, "marking");
    }
}
