package kz.shekara.track;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kz.shekara.model.Detection;

/**
 * One scan: every detection one sensor reported with the same event time. This is the tracker's
 * unit of work for asynchronous multi-sensor input: scans of different sensors are processed one
 * after another in (time, sensor) order, each against all tracks. Immutable.
 */
public record Scan(Instant time, String sensor, List<Detection> detections) {
    public Scan {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sensor, "sensor");
        detections = List.copyOf(detections);
    }
}
