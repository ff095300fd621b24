package kz.shekara.track;

import java.util.List;

/**
 * The outcome of associating one scan: {@code hypotheses.get(i)} is the chosen hypothesis of track
 * {@code i} (missed or associated), {@code unassociated} the plots no track took, in scan order.
 * Immutable.
 */
public record Association(List<Hypothesis> hypotheses, List<Plot> unassociated) {
    public Association {
        hypotheses = List.copyOf(hypotheses);
        unassociated = List.copyOf(unassociated);
    }
}
