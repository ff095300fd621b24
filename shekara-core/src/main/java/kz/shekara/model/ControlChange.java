package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Operational control of a unit passed to a command (its own regional command, another one, or
 * an outside command such as the defence ministry in a declared crisis), by whom and why. A unit
 * never changed is under its own command. {@code crisis} names the crisis that made the change
 * (its declaration or its end), null for a single-unit transfer. {@code from} is the command a
 * single-unit transfer was made from (the holder when it was made), null for a change a crisis made
 * and for a transfer logged before transfers carried it: on a cluster a transfer takes effect only
 * when it was made from the unit's holder as the record of changes gives it
 * ({@link kz.shekara.dispatch.ControlOfRecord}). Recorded in the log; replaying it gives the same
 * control. Immutable.
 */
public record ControlChange(Instant time, String unit, String command, String from, String by, String reason,
                            String crisis, Marking marking) implements DomainEvent {

    public ControlChange {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        if (command.isBlank() || by.isBlank()) {
            throw new IllegalArgumentException("a control change needs the command and who made it");
        }
        reason = reason == null ? "" : reason;
    }

    /** A change made by crisis {@code crisis}, or a transfer that does not say whom it was made from (null crisis). */
    public ControlChange(Instant time, String unit, String command, String by, String reason, String crisis,
                         Marking marking) {
        this(time, unit, command, null, by, reason, crisis, marking);
    }

    /** A single-unit transfer (no crisis) that does not say whom it was made from. */
    public ControlChange(Instant time, String unit, String command, String by, String reason, Marking marking) {
        this(time, unit, command, null, by, reason, null, marking);
    }
}
