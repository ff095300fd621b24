package kz.shekara.track;

/** Role: corrects a predicted state with an associated position plot. Implementations are immutable and thread-safe. */
public interface Updater {

    /** The predicted position measurement and innovation covariance for a plot of 1-sigma error {@code sigmaM} metres. */
    MeasurementPrediction predictMeasurement(GaussianState predicted, double sigmaM);

    /** The posterior state after the hypothesis' plot. */
    GaussianState update(Hypothesis.Associated hypothesis);
}
