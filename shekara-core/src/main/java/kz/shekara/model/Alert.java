package kz.shekara.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A raised alert: the event that a rule fired. Position in WGS84 degrees (where it happened: the
 * crossing point, the track, the sensor). {@code zone}, {@code track}, {@code sensor}, {@code unit}
 * and {@code sector} are null when they do not apply; {@code sensors} lists the sensors whose data
 * raised it (for the effectiveness statistics); the marking is the most restrictive of its sources'.
 * {@code detail} is the finding in English (for logs and files); {@code facts} is the same finding
 * structured, from which it is written in each operator's language (null on alerts logged before
 * facts were kept, which show {@code detail}). Later steps of its lifecycle are {@link AlertChange} events. Immutable.
 */
public record Alert(Instant time, String id, RuleKind rule, Severity severity, String sector, String zone,
                    String track, String sensor, String unit, double lat, double lon, SortedSet<String> sensors,
                    String detail, Marking marking, AlertFacts facts) implements DomainEvent {

    public Alert {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(marking, "marking");
        Coordinates.check(lat, lon);
        sensors = Collections.unmodifiableSortedSet(new TreeSet<>(sensors));
    }

    /** For a border crossing: {@code inbound} (onto the home side) or {@code outbound}; empty otherwise. */
    public Optional<String> direction() {
        return facts instanceof AlertFacts.Crossing c ? Optional.of(c.inbound() ? "inbound" : "outbound")
                : Optional.empty();
    }

    /** For a border crossing at a crossing point: that point's zone id; empty otherwise (then see the sector). */
    public Optional<String> crossingPoint() {
        return facts instanceof AlertFacts.Crossing c && c.atCrossingPoint() && c.place() != null
                ? Optional.ofNullable(c.place().id()) : Optional.empty();
    }

    /** An alert without structured facts (its sentence is {@code detail} in every language). */
    public Alert(Instant time, String id, RuleKind rule, Severity severity, String sector, String zone, String track,
                 String sensor, String unit, double lat, double lon, SortedSet<String> sensors, String detail,
                 Marking marking) {
        this(time, id, rule, severity, sector, zone, track, sensor, unit, lat, lon, sensors, detail, marking, null);
    }
}
