package kz.shekara.planning;

import java.util.List;

/**
 * The units that can meet a target, best first, and those that cannot with the reason: a status
 * code ({@code status-tasked}), {@code not-under-control} for units another command holds, or an
 * {@link InterceptResult.Reason#code()}.
 */
public record Recommendations(List<Recommendation> ranked, List<Excluded> excluded) {
    public Recommendations {
        ranked = List.copyOf(ranked);
        excluded = List.copyOf(excluded);
    }

    /**
     * A unit left out of the ranking, and why; {@code lateS} how far behind the target it would
     * arrive (see {@link InterceptResult.NoIntercept#lateS()}), NaN when not measured.
     */
    public record Excluded(String unit, String reason, double lateS) {
        public Excluded(String unit, String reason) {
            this(unit, reason, Double.NaN);
        }
    }
}
