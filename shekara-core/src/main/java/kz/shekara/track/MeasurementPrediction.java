package kz.shekara.track;

/**
 * The predicted position measurement of a track and its innovation covariance
 * {@code S = H P H' + R} (m², symmetric 2x2: {@code s00} east, {@code s01}, {@code s11} north).
 * Immutable.
 */
public record MeasurementPrediction(double east, double north, double s00, double s01, double s11) {

    /** Squared Mahalanobis distance of a plot from this prediction: {@code ν' S⁻¹ ν}. */
    public double mahalanobis2(double plotEast, double plotNorth) {
        double dx = plotEast - east;
        double dy = plotNorth - north;
        double det = s00 * s11 - s01 * s01;
        return (s11 * dx * dx - 2 * s01 * dx * dy + s00 * dy * dy) / det;
    }

    /** The largest eigenvalue of S, m²: the variance along the innovation ellipse's major axis. */
    public double majorVariance() {
        double half = (s00 + s11) / 2;
        double d = Math.sqrt((s00 - s11) * (s00 - s11) / 4 + s01 * s01);
        return half + d;
    }
}
