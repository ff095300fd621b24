package kz.shekara.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Hypothesiser with a chi-square gate on the squared Mahalanobis distance of each plot from the
 * predicted measurement (Blackman &amp; Popoli, <i>Design and Analysis of Modern Tracking Systems</i>,
 * 1999, §6.3.2; for 2 degrees of freedom the threshold for gate probability {@code PG} is
 * {@code −2 ln(1 − PG)}). Plots outside the gate get no hypothesis; the missed hypothesis is always
 * first. Immutable, thread-safe; cost O(plots) per call.
 */
public final class MahalanobisGater implements Gater {
    private final Updater updater;
    private final double threshold;

    public MahalanobisGater(Updater updater, double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("gate threshold must be a positive number, got " + threshold);
        }
        this.updater = updater;
        this.threshold = threshold;
    }

    /** The gate of probability {@code gateProbability} (0 &lt; PG &lt; 1) for a 2-D position measurement. */
    public static MahalanobisGater ofProbability(Updater updater, double gateProbability) {
        if (!(gateProbability > 0 && gateProbability < 1)) {
            throw new IllegalArgumentException("gate probability must lie in (0, 1), got " + gateProbability);
        }
        return new MahalanobisGater(updater, -2 * Math.log1p(-gateProbability));
    }

    /** Whether the measurement prediction is the plain Kalman one, so that a hot loop may compute it from the covariance itself. */
    boolean kalmanMeasurement() {
        return updater instanceof KalmanUpdater || updater instanceof ImmUpdater;
    }

    /** The predicted measurement the gate measures against. */
    MeasurementPrediction measurement(GaussianState predicted, double sigmaM) {
        return updater.predictMeasurement(predicted, sigmaM);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public double radiusM(GaussianState predicted, double sigmaM) {
        return Math.sqrt(threshold * updater.predictMeasurement(predicted, sigmaM).majorVariance());
    }

    @Override
    public List<Hypothesis> hypothesise(GaussianState predicted, List<Plot> plots) {
        List<Hypothesis> out = new ArrayList<>(plots.size() + 1);
        out.add(new Hypothesis.Missed(predicted));
        MeasurementPrediction common = null;
        double commonSigma = Double.NaN;
        for (Plot plot : plots) {
            if (common == null || plot.sigmaM() != commonSigma) {
                common = updater.predictMeasurement(predicted, plot.sigmaM());
                commonSigma = plot.sigmaM();
            }
            double d2 = common.mahalanobis2(plot.east(), plot.north());
            if (d2 <= threshold) {
                out.add(new Hypothesis.Associated(predicted, plot, common, d2));
            }
        }
        return out;
    }
}
