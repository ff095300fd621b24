package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The act of releasing an incident, alert or track to a partner agency: who released it, when and
 * why. From then on the object (its current state and every later update) is releasable to that
 * agency, on top of what its events' markings allow. Recorded in the log like every operator act.
 * The marking is the release's own (who may read the record of it), not the object's. Immutable.
 */
public record Release(Instant time, Kind kind, String object, String agency, String by, String reason,
                      Marking marking) implements DomainEvent {

    /** What can be released. */
    public enum Kind {
        INCIDENT, ALERT, TRACK;

        /** The lower-case code used in the API. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An object that can be released: its kind and id. */
    public record Subject(Kind kind, String id) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    public Release {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(marking, "marking");
        if (object.isBlank() || agency.isBlank() || by.isBlank()) {
            throw new IllegalArgumentException("a release needs the object, the agency and who released it");
        }
        reason = reason == null ? "" : reason;
    }

    public Subject subject() {
        return new Subject(kind, object);
    }

    /**
     * The releasable object an event is an update of: a track's update, an alert or its change, an
     * incident's timeline event; empty for every other event (a release never widens them).
     */
    public static Optional<Subject> subjectOf(DomainEvent event) {
        return Optional.ofNullable(switch (event) {
            case TrackUpdate t -> new Subject(Kind.TRACK, t.track());
            case Alert a -> new Subject(Kind.ALERT, a.id());
            case AlertChange c -> new Subject(Kind.ALERT, c.alert());
            case IncidentEvent i -> new Subject(Kind.INCIDENT, i.incident());
            default -> null;
        });
    }
}
