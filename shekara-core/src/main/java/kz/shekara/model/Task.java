package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a unit's task on an incident: its dispatch, the crew's acknowledgement, the unit en
 * route or on scene, a moved intercept point, or its end. {@code status} is the task's after the
 * step; {@code lat}/{@code lon} (degrees) the intercept point (or where the unit is sent) and
 * {@code etaS} the planned seconds from {@code time} to get there (NaN when not known);
 * {@code track} the target's track (null for a fixed place); {@code by} who made the step (an
 * operator, the unit, or the planner); {@code message} the text sent to the unit's device with this
 * step ("" when none). The task's state is the fold of these events. Immutable.
 */
public record Task(Instant time, String id, String incident, String unit, TaskStatus status, String track,
                   double lat, double lon, double etaS, String by, String message, Marking marking)
        implements DomainEvent {

    public Task {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        message = message == null ? "" : message;
        Coordinates.check(lat, lon);
        if (by.isBlank()) {
            throw new IllegalArgumentException("a task step needs who made it");
        }
    }

    /** The same task after another step at {@code t}, to the given point. */
    public Task next(Instant t, TaskStatus newStatus, double newLat, double newLon, double newEtaS, String who,
                     String text) {
        return new Task(t, id, incident, unit, newStatus, track, newLat, newLon, newEtaS, who, text, marking);
    }
}
