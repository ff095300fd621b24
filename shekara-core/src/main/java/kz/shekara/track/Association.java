package kz.shekara.track;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of associating one scan: {@code hypotheses.get(i)} is the chosen hypothesis of track
 * {@code i} (missed or associated), {@code unassociated} the plots no track took, in scan order; with
 * a soft associator ({@link JpdaAssociator}) {@code soft.get(i)} is track {@code i}'s association
 * probabilities, which update its state (null when no plot fell in its gate), while the chosen
 * hypotheses still count its hits and misses; {@code soft} is null for a hard associator.
 * Read-only: the lists are wrapped, not copied (an associator hands over lists it built for this
 * result alone, which keeps a 1,000-track scan from copying them).
 */
public record Association(List<Hypothesis> hypotheses, List<Plot> unassociated, List<SoftAssociation> soft) {
    public Association {
        hypotheses = Collections.unmodifiableList(hypotheses);
        unassociated = Collections.unmodifiableList(unassociated);
        soft = soft == null ? null : Collections.unmodifiableList(soft);
    }

    /** A hard association: each track's state follows its chosen hypothesis alone. */
    public Association(List<Hypothesis> hypotheses, List<Plot> unassociated) {
        this(hypotheses, unassociated, null);
    }

    /**
     * Track {@code i}'s state after this scan: its association probabilities' posterior when it has them,
     * else its chosen plot's update, or its prediction when it was missed.
     */
    public GaussianState posterior(int i, Updater updater) {
        Hypothesis h = hypotheses.get(i);
        SoftAssociation s = soft == null ? null : soft.get(i);
        if (s != null) {
            return s.posterior(h.prediction(), updater);
        }
        return h instanceof Hypothesis.Associated hit ? updater.update(hit) : h.prediction();
    }

    /** The chosen hypotheses alone: what a tentative track, which soft association would hold on clutter, takes. */
    public Association hard() {
        return soft == null ? this : new Association(hypotheses, unassociated, null);
    }
}
