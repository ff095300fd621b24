package kz.shekara.track;

import java.time.Instant;

/**
 * The filter calls of one {@link SectorTracker} on the states it owns: the known hot filters
 * (Kalman, IMM) run in place on the track's own state, with this tracker's scratch, and allocate
 * nothing per track; any other runs through its role interface. Bit for bit the same results either
 * way. Not thread-safe: one per tracker.
 */
final class OwnStateFilters {
    private final TrackerParts parts;
    private final CvKalmanPredictor kalmanPredictor;
    private final KalmanUpdater kalmanUpdater;
    private final ImmPredictor immPredictor;
    private final ImmUpdater immUpdater;
    private final ImmPredictor.Scratch immScratch;

    OwnStateFilters(TrackerParts parts) {
        this.parts = parts;
        this.kalmanPredictor = parts.predictor() instanceof CvKalmanPredictor p ? p : null;
        this.kalmanUpdater = parts.updater() instanceof KalmanUpdater u ? u : null;
        this.immPredictor = parts.predictor() instanceof ImmPredictor p ? p : null;
        this.immUpdater = parts.updater() instanceof ImmUpdater u ? u : null;
        this.immScratch = immPredictor != null ? immPredictor.scratch() : null;
    }

    /** Whether predictions run in place through {@link #predictKalman}, with the step worked out by the caller. */
    boolean kalmanInPlace() {
        return kalmanPredictor != null;
    }

    /** Predicts {@code state} over {@code dt}, the step from its time to {@code time}, in place (only when {@link #kalmanInPlace}). */
    void predictKalman(GaussianState state, Instant time, double dt) {
        kalmanPredictor.predictInPlace(state, time, dt);
    }

    /**
     * A track's state predicted to {@code time}: the same object moved in place by the known filters,
     * else the predictor's new state. The caller keeps the result as the track's state.
     */
    GaussianState predict(GaussianState state, Instant time) {
        if (kalmanPredictor != null) {
            return kalmanPredictor.predictInPlace(state, time);
        }
        if (immPredictor != null) {
            return immPredictor.predictInPlace(state, time, immScratch);
        }
        return parts.predictor().predict(state, time);
    }

    /** Whether this tracker keeps a predicted state as its track's state (a prediction the filters may then update in place). */
    boolean keepsPrediction() {
        return immPredictor != null;
    }

    /**
     * Track {@code i}'s state after association {@code a}, whose hypothesis {@code hit} gave it a plot:
     * {@code own} (the track's state) updated in place when it is the hit's prediction and the known
     * filters apply, else the updater's posterior.
     */
    GaussianState update(GaussianState own, Association a, int i, Hypothesis.Associated hit) {
        if (hit.prediction() == own && a.soft() == null) {
            if (kalmanUpdater != null) {
                kalmanUpdater.updateInPlace(hit);
                return own;
            }
            if (immUpdater != null && own.modes() != null) {
                immUpdater.updateInPlace(hit, immScratch);
                return own;
            }
        }
        return a.posterior(i, parts.updater());
    }
}
