package kz.shekara.track;

import java.time.Instant;
import kz.shekara.model.TrackStatus;

/**
 * What a deleter may look at of a track: its status, current state, the event time of its last
 * detection, and its consecutive missed scans (scans of sensors that have seen it, without a hit).
 * Immutable.
 */
public record TrackSummary(String id, TrackStatus status, GaussianState state, Instant lastDetection,
                           int consecutiveMisses) {
}
