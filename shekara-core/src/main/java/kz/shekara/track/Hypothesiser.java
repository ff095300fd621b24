package kz.shekara.track;

import java.util.List;

/**
 * Role: scores a predicted track against candidate plots of a scan. The result always contains one
 * {@link Hypothesis.Missed} (first) and one {@link Hypothesis.Associated} per plot it keeps, in the
 * plots' order. Implementations are immutable and thread-safe.
 */
public interface Hypothesiser {
    List<Hypothesis> hypothesise(GaussianState predicted, List<Plot> plots);
}
