package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One sensor report of a possible object: where a sensor saw something at an event time.
 * WGS84 degrees; {@code sigmaM} is the 1-sigma horizontal position error in metres.
 * Every feed (CoT, JSONL, HTTP, Kafka, simulator) produces this same record.
 */
public record Detection(Instant time, String sensor, SensorKind kind, double lat, double lon, double sigmaM,
                        Marking marking) implements DomainEvent {

    public Detection {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(marking, "marking");
        Coordinates.check(lat, lon);
        if (!(sigmaM > 0) || Double.isInfinite(sigmaM)) {
            throw new IllegalArgumentException("sigma_m must be a positive number of metres, got " + sigmaM);
        }
    }
}
