package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A crisis declared for a command of the border service, or ended: while it is in force every unit
 * of {@code command} is under the operational control of {@code to}, a command of another agency
 * (the defence ministry's). {@code crisis} is its id; {@code by} who declared or ended it, from the
 * caller's identity; {@code reason} why. The unit-by-unit changes it makes are {@link ControlChange}s
 * naming it. Recorded in the log; replaying it gives the same crises in force. Immutable.
 */
public record CrisisEvent(Instant time, String crisis, Status status, String command, String to, String by,
                          String reason, Marking marking) implements DomainEvent {

    /** What happened to the crisis. */
    public enum Status {
        DECLARED, ENDED
    }

    public CrisisEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(crisis, "crisis");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        if (crisis.isBlank() || command.isBlank() || to.isBlank() || by.isBlank()) {
            throw new IllegalArgumentException("a crisis event needs its id, the command, the command taking over and who acted");
        }
        reason = reason == null ? "" : reason;
    }
}
