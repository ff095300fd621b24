package kz.shekara.track;

/**
 * The predicted position measurement of a track and its innovation covariance
 * {@code S = H P H' + R} (m², symmetric 2x2: {@code s00} east, {@code s01}, {@code s11} north).
 * Immutable.
 */
public record MeasurementPrediction(double east, double north, double s00, double s01, double s11) {

    /** Squared Mahalanobis distance of a plot from this prediction: {@code ν' S⁻¹ ν}. */
    public double mahalanobis2(double plotEast, double plotNorth) {
        return mahalanobis2(plotEast - east, plotNorth - north, s00, s01, s11);
    }

    /** The same distance from primitives (innovation {@code dx}, {@code dy}, m), for hot loops that build no record. */
    static double mahalanobis2(double dx, double dy, double s00, double s01, double s11) {
        double det = s00 * s11 - s01 * s01;
        return (s11 * dx * dx - 2 * s01 * dx * dy + s00 * dy * dy) / det;
    }

    /** The largest eigenvalue of S, m²: the variance along the innovation ellipse's major axis. */
    public double majorVariance() {
        return majorVariance(s00, s01, s11);
    }

    /** The same eigenvalue from primitives, for hot loops that build no record. */
    static double majorVariance(double s00, double s01, double s11) {
        double half = (s00 + s11) / 2;
        double d = Math.sqrt((s00 - s11) * (s00 - s11) / 4 + s01 * s01);
        return half + d;
    }
}
