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

    /**
     * Whether this initiator keeps a track score: then the tracker estimates the density of the plots no
     * confirmed track took around each plot a tentative track takes ({@link ClutterDensity}) and passes it,
     * with the score, to the methods below. False by default: only the counts matter.
     */
    default boolean scored() {
        return false;
    }

    /** The change of a tentative track's score when it takes {@code h} where the clutter density is {@code clutterPerM2}. */
    default double scoreHit(Hypothesis.Associated h, double clutterPerM2) {
        return 0;
    }

    /** The change of a tentative track's score when a sensor that saw it scans without a plot for it. */
    default double scoreMiss() {
        return 0;
    }

    /**
     * As {@link #confirms(int, int, Hypothesis.Associated)}, with the track's score after this hit and the
     * clutter density (per m²) around its plot.
     */
    default boolean confirms(int hits, int scans, Hypothesis.Associated latest, double score, double clutterPerM2) {
        return confirms(hits, scans, latest);
    }

    /** As {@link #abandons(int, int)}, with the track's score and the clutter density at its last plot. */
    default boolean abandons(int hits, int scans, double score, double clutterPerM2) {
        return abandons(hits, scans);
    }
}
