package kz.shekara.track;

import java.time.Instant;
import kz.shekara.model.TrackStatus;

/**
 * Ends a confirmed track that misses {@code maxMisses} scans in a row before it has {@code minHits}
 * detections: the companion of {@link TwoPointInitiator}, whose early confirmation rests on two
 * plots only. A pair of clutter plots that passed the tight second gate, and then finds nothing,
 * ends sooner than a track with a history, and cannot live on by picking up clutter in its
 * widening gate while it coasts. With {@code (3, 2)} at Pd 0.9 a real mover is cut only when it
 * misses both the two scans after its confirmation (one time in a hundred); it starts again from
 * its next plots. Tentative tracks are left to the initiator's rules. Immutable, thread-safe.
 */
public final class ProvisionalTrackDeleter implements Deleter {
    private final int minHits;
    private final int maxMisses;

    public ProvisionalTrackDeleter(int minHits, int maxMisses) {
        if (minHits < 1 || maxMisses < 1) {
            throw new IllegalArgumentException("need minHits and maxMisses of at least 1");
        }
        this.minHits = minHits;
        this.maxMisses = maxMisses;
    }

    @Override
    public boolean shouldDelete(TrackSummary track, Instant time) {
        return track.status() != TrackStatus.TENTATIVE && track.hits() < minHits && track.consecutiveMisses() >= maxMisses;
    }
}
