package kz.shekara.track;

import java.time.Instant;
import kz.shekara.model.TrackStatus;

/**
 * What a deleter may look at of a track: its status, current state, the event time of its last
 * detection, its consecutive missed scans (scans of sensors that have seen it, without a hit) and
 * its detections so far. Immutable.
 */
public record TrackSummary(String id, TrackStatus status, GaussianState state, Instant lastDetection,
                           int consecutiveMisses, int hits) {

    /** A summary that does not know the track's detection count (taken as many). */
    public TrackSummary(String id, TrackStatus status, GaussianState state, Instant lastDetection,
                        int consecutiveMisses) {
        this(id, status, state, lastDetection, consecutiveMisses, Integer.MAX_VALUE);
    }
}
