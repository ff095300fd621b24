package kz.shekara.track;

import java.util.Objects;

/**
 * One way of explaining a track at a scan: it was missed, or a given plot is its detection.
 * Immutable. Scores are squared Mahalanobis distances (smaller is more likely).
 */
public sealed interface Hypothesis {

    /** The track's state predicted to the scan time. */
    GaussianState prediction();

    /** The track was not detected in this scan: it coasts on its prediction. */
    record Missed(GaussianState prediction) implements Hypothesis {
        public Missed {
            Objects.requireNonNull(prediction, "prediction");
        }
    }

    /** The track was detected as {@code plot}, at squared Mahalanobis distance {@code distance2}. */
    record Associated(GaussianState prediction, Plot plot, MeasurementPrediction measurement, double distance2)
            implements Hypothesis {
        public Associated {
            Objects.requireNonNull(prediction, "prediction");
            Objects.requireNonNull(plot, "plot");
            Objects.requireNonNull(measurement, "measurement");
        }
    }
}
