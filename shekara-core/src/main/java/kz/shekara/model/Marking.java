package kz.shekara.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The sharing marking every domain event carries: classification, originating agency, the agencies
 * it may be released to, and whether it comes from an exercise (simulated data, never to be taken
 * or shared as real). Immutable; the releasable set is sorted so that serialised output is stable.
 */
public record Marking(Classification classification, String originator, SortedSet<String> releasableTo,
                      boolean exercise) {

    public Marking {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(originator, "originator");
        if (originator.isBlank()) {
            throw new IllegalArgumentException("marking originator must not be blank");
        }
        releasableTo = Collections.unmodifiableSortedSet(new TreeSet<>(releasableTo));
    }

    public static Marking of(Classification classification, String originator, Collection<String> releasableTo) {
        return new Marking(classification, originator, new TreeSet<>(releasableTo), false);
    }

    /** The same marking, flagged as exercise data. */
    public Marking asExercise() {
        return exercise ? this : new Marking(classification, originator, releasableTo, true);
    }

    /** True when an agency may see an event with this marking: it originated it or it is releasable to it. */
    public boolean releasableTo(String agency) {
        return originator.equals(agency) || releasableTo.contains(agency);
    }

    /**
     * The marking of something derived from events with this marking and {@code other}: the higher
     * classification, releasable only to agencies both allow, exercise if either is. The originator
     * stays when both agree and becomes the first in sort order otherwise, so the result does not
     * depend on argument order.
     */
    public Marking mostRestrictive(Marking other) {
        if (this.equals(other)) {
            return this;
        }
        TreeSet<String> both = new TreeSet<>(releasableTo);
        both.retainAll(other.releasableTo);
        String origin = originator.compareTo(other.originator) <= 0 ? originator : other.originator;
        String otherOrigin = origin.equals(originator) ? other.originator : originator;
        // The originator that is not kept still owns its share of the data: keep it visible to it.
        if (!origin.equals(otherOrigin) && releasableTo(otherOrigin) && other.releasableTo(otherOrigin)) {
            both.add(otherOrigin);
        }
        return new Marking(Classification.max(classification, other.classification), origin, both,
                exercise || other.exercise);
    }
}
