package kz.shekara.rules;

import java.time.Instant;
import java.util.Objects;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Posture;

/**
 * A commander set a sector's alert posture, with a reason. Recorded in the log; replaying it gives
 * the same thresholds. Immutable.
 */
public record PostureChange(Instant time, String sector, Posture posture, String by, String reason, Marking marking)
        implements DomainEvent {

    public PostureChange {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sector, "sector");
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        if (by.isBlank()) {
            throw new IllegalArgumentException("a posture change needs who set it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a posture change needs a reason");
        }
    }
}
