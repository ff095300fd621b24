package kz.shekara.track;

/**
 * A hypothesiser that keeps only plots inside a gate, and can bound that gate by a circle so that a
 * spatial index can find the candidate plots without looking at the others. Immutable, thread-safe.
 */
public interface Gater extends Hypothesiser {

    /** Radius in metres around the predicted position outside which no plot of error {@code sigmaM} can pass the gate. */
    double radiusM(GaussianState predicted, double sigmaM);

    /** The gate threshold on the squared Mahalanobis distance; the cost of leaving a track unassociated. */
    double threshold();
}
