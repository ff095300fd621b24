package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;
import kz.shekara.theatre.Posture;

/**
 * An operator's command to the desk that owns a sector, sent from a node that shows the desk but does not
 * run it (a Kafka {@code api} node): acknowledge or close an alert, move an incident on, or dispatch a unit to
 * an incident, or set a sector's alert posture. The owning desk applies it at its time, as the operator's (named
 * by {@code by}, of {@code agency}), publishes what it changes as usual, and answers with a {@link CommandOutcome}
 * naming the command's {@code id} (null on commands logged before they had one). {@code target} is the alert's or
 * the incident's id, or the sector of a posture; {@code disposition} and {@code note} go with a closure or an
 * incident step, {@code status} with an incident step, {@code unit} with a dispatch or an incident step naming one,
 * {@code posture} and {@code note} (the reason) with a posture. Immutable.
 */
public record OperatorCommand(Instant time, String id, Kind kind, String target, String sector, String by,
                              String agency, IncidentStatus status, String unit, Disposition disposition, String note,
                              Posture posture, Marking marking) implements DomainEvent {
    /** What the operator asked. */
    public enum Kind {
        ACKNOWLEDGE, CLOSE, INCIDENT_STATUS, DISPATCH, POSTURE
    }

    public OperatorCommand {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        note = note == null ? "" : note;
        if (kind == Kind.INCIDENT_STATUS && status == null) {
            throw new IllegalArgumentException("an incident step names the status");
        }
        if (kind == Kind.DISPATCH && unit == null) {
            throw new IllegalArgumentException("a dispatch names the unit");
        }
        if (kind == Kind.POSTURE && posture == null) {
            throw new IllegalArgumentException("a posture command names the posture");
        }
    }

    /** This command as it is sent to the desk that owns {@code sector}: under the id its outcome will name. */
    public OperatorCommand sentAs(String id, String sector) {
        return new OperatorCommand(time, id, kind, target, sector, by, agency, status, unit, disposition, note, posture,
                marking);
    }
}
