package kz.shekara.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of an incident's timeline: it was opened from an alert, another alert joined it, the
 * crew of its unit acknowledged the task (status unchanged), or its status changed (with the unit assigned, who made the change, a note, and on closing the
 * disposition). {@code status}, {@code severity}, {@code lat}/{@code lon} (degrees) are the
 * incident's after the change. The incident's state is the fold of these events. Immutable.
 */
public record IncidentEvent(Instant time, String incident, Change change, IncidentStatus status, String alert,
                            String unit, String by, String note, Disposition disposition, String sector,
                            Severity severity, double lat, double lon, Marking marking) implements DomainEvent {

    /** What happened to the incident. */
    public enum Change {
        OPENED, ALERT_ADDED, ACKNOWLEDGED, STATUS;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public IncidentEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(marking, "marking");
        note = note == null ? "" : note;
        Coordinates.check(lat, lon);
        if ((change == Change.OPENED || change == Change.ALERT_ADDED) && alert == null) {
            throw new IllegalArgumentException("opening an incident or adding to it needs an alert");
        }
    }
}
