package kz.shekara.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
     * classification, exercise if either is, and visible to exactly the agencies that may see both
     * (each one's originator or releasable set). The originator stays when both agree; otherwise it is
     * the first in sort order of the two that may see both, and when neither may, the joint name
     * {@code A+B}, which is no agency: then only agencies both release to may see it. The result does
     * not depend on argument order.
     */
    public Marking mostRestrictive(Marking other) {
        if (this.equals(other)) {
            return this;
        }
        TreeSet<String> both = new TreeSet<>();
        for (Marking m : List.of(this, other)) {
            both.add(m.originator);
            both.addAll(m.releasableTo);
        }
        both.removeIf(a -> !releasableTo(a) || !other.releasableTo(a));
        String first = originator.compareTo(other.originator) <= 0 ? originator : other.originator;
        String second = first.equals(originator) ? other.originator : originator;
        String origin = both.contains(first) ? first : both.contains(second) ? second : first + "+" + second;
        both.remove(origin);
        return new Marking(Classification.max(classification, other.classification), origin, both,
                exercise || other.exercise);
    }
}
