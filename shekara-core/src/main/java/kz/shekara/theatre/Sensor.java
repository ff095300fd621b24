package kz.shekara.theatre;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import kz.shekara.model.SensorKind;

/**
 * A fixed sensor of the theatre. Position in degrees; {@code rangeM} is its coverage radius,
 * {@code sigmaM} its 1-sigma position error, {@code period} its scan or report interval (also how
 * long it may stay silent before that is suspicious), {@code probabilityOfDetection} per scan and
 * {@code falseAlarmsPerScan} the mean number of clutter plots per scan in its coverage. {@code names} holds its
 * name by language code (kk, ru, en) where the theatre gives it, sorted by code; {@code name} is its one name.
 */
public record Sensor(String id, SensorKind kind, String name, String sector, double lat, double lon, double rangeM,
                     double sigmaM, Duration period, double probabilityOfDetection, double falseAlarmsPerScan,
                     Map<String, String> names) {
    public Sensor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(period, "period");
        names = Collections.unmodifiableSortedMap(names == null ? new TreeMap<>() : new TreeMap<>(names));
    }

    /** A sensor known by one name. */
    public Sensor(String id, SensorKind kind, String name, String sector, double lat, double lon, double rangeM,
                  double sigmaM, Duration period, double probabilityOfDetection, double falseAlarmsPerScan) {
        this(id, kind, name, sector, lat, lon, rangeM, sigmaM, period, probabilityOfDetection, falseAlarmsPerScan, null);
    }

    /** The sensor's name in a language, or its one name when the theatre gives none in it. */
    public String name(String language) {
        return names.getOrDefault(language, name);
    }
}
