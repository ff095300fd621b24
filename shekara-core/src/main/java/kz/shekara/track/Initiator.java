package kz.shekara.track;

import java.time.Instant;

/**
 * Role: starts tentative tracks from plots no existing track took, and decides from a tentative
 * track's hit record when it is confirmed or abandoned. Queries only; implementations are immutable
 * and thread-safe.
 */
public interface Initiator {

    /** The tentative state started by one unassociated plot at its time. */
    GaussianState initiate(Plot plot, Instant time);

    /** True when {@code hits} detections in the track's first {@code scans} scans confirm it. */
    boolean confirms(int hits, int scans);

    /**
     * True when a tentative track is confirmed with {@code hits} detections in {@code scans} scans, the
     * latest being {@code latest} (its plot, predicted measurement and distance). By default only the
     * counts matter.
     */
    default boolean confirms(int hits, int scans, Hypothesis.Associated latest) {
        return confirms(hits, scans);
    }

    /** True when a tentative track with this record can no longer be confirmed. */
    boolean abandons(int hits, int scans);
}
