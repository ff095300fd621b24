package kz.shekara.track;

import java.time.Instant;

/** Role: moves a track's state to a later (or earlier) event time under a motion model. Implementations are immutable and thread-safe. */
public interface Predictor {
    GaussianState predict(GaussianState prior, Instant time);
}
