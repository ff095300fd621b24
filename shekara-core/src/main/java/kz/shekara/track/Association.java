package kz.shekara.track;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of associating one scan: {@code hypotheses.get(i)} is the chosen hypothesis of track
 * {@code i} (missed or associated), {@code unassociated} the plots no track took, in scan order.
 * Read-only: the lists are wrapped, not copied (an associator hands over lists it built for this
 * result alone, which keeps a 1,000-track scan from copying them).
 */
public record Association(List<Hypothesis> hypotheses, List<Plot> unassociated) {
    public Association {
        hypotheses = Collections.unmodifiableList(hypotheses);
        unassociated = Collections.unmodifiableList(unassociated);
    }
}
