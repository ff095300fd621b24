package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A response worker's claim on a unit for a task, or the release of that claim once the task is over. Claims of
 * one unit are ordered (on a cluster, one partition of the claims topic, keyed by the unit): the first claim of a
 * free unit in that order wins it for its {@code task}, a later claim for another task loses, a claim for the task
 * that holds the unit wins again (the same dispatch handled twice), and a release by the holding task frees the
 * unit (a release by another task changes nothing). {@code id} names the claim itself, so that the worker that made
 * it knows its own when it reads it back; {@code sector} is the incident's sector (the task's key). Immutable.
 */
public record UnitClaim(Instant time, String id, Kind kind, String unit, String task, String incident, String sector,
                        Marking marking) implements DomainEvent {
    /** A claim of a unit for a task, or its release. */
    public enum Kind {
        CLAIM, RELEASE
    }

    public UnitClaim {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(marking, "marking");
    }

    /** The claim of {@code t}'s unit for {@code t}, at its time, with the id given. */
    public static UnitClaim claim(String id, Task t, String sector) {
        return new UnitClaim(t.time(), id, Kind.CLAIM, t.unit(), t.id(), t.incident(), sector, t.marking());
    }

    /** The release of {@code t}'s unit by {@code t}, at its time, with the id given. */
    public static UnitClaim release(String id, Task t, String sector) {
        return new UnitClaim(t.time(), id, Kind.RELEASE, t.unit(), t.id(), t.incident(), sector, t.marking());
    }
}
