package kz.shekara.theatre;

import java.time.Duration;
import java.util.Objects;
import kz.shekara.model.SensorKind;

/**
 * A fixed sensor of the theatre. Position in degrees; {@code rangeM} is its coverage radius,
 * {@code sigmaM} its 1-sigma position error, {@code period} its scan or report interval (also how
 * long it may stay silent before that is suspicious), {@code probabilityOfDetection} per scan and
 * {@code falseAlarmsPerScan} the mean number of clutter plots per scan in its coverage.
 */
public record Sensor(String id, SensorKind kind, String name, String sector, double lat, double lon, double rangeM,
                     double sigmaM, Duration period, double probabilityOfDetection, double falseAlarmsPerScan) {
    public Sensor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
    }
}
