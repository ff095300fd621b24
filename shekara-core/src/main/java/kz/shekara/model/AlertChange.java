package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One lifecycle step of an alert after it was raised: acknowledged or closed, by whom (an operator,
 * or a unit that cancelled its own emergency) and when. A closing step carries the operator's
 * disposition, null only when the source itself withdrew the alert. Immutable.
 */
public record AlertChange(Instant time, String alert, AlertState state, String by, Disposition disposition,
                          String note, Marking marking) implements DomainEvent {

    public AlertChange {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        note = note == null ? "" : note;
        if (state == AlertState.RAISED) {
            throw new IllegalArgumentException("an alert change is an acknowledgement or a closure, not a raise");
        }
        if (state == AlertState.ACKNOWLEDGED && disposition != null) {
            throw new IllegalArgumentException("a disposition is given when closing, not when acknowledging");
        }
    }
}
