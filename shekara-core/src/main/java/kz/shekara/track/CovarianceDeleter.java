package kz.shekara.track;

import java.time.Instant;

/**
 * Deletes a track whose 1-sigma position error has grown beyond {@code maxSigmaM} metres: it no
 * longer says where the object is (Stone Soup's CovarianceBasedDeleter works the same way, on the
 * covariance trace). Immutable, thread-safe.
 */
public final class CovarianceDeleter implements Deleter {
    private final double maxSigmaM;

    public CovarianceDeleter(double maxSigmaM) {
        if (!(maxSigmaM > 0)) {
            throw new IllegalArgumentException("max sigma must be positive, got " + maxSigmaM);
        }
        this.maxSigmaM = maxSigmaM;
    }

    @Override
    public boolean shouldDelete(TrackSummary track, Instant time) {
        return track.state().positionSigmaM() > maxSigmaM;
    }
}
