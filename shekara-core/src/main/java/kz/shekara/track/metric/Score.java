package kz.shekara.track.metric;

import java.util.Locale;

/**
 * The quality of one tracker run against truth (see {@link TrackScorer}). Distances in metres.
 *
 * @param scans               truth times scored
 * @param meanGospa           GOSPA averaged over the truth times
 * @param meanOspa            OSPA averaged over the truth times
 * @param meanMissed          true targets without a track, per truth time
 * @param meanFalse           track reports without a target, per truth time
 * @param targets             distinct true targets
 * @param targetsTracked      targets assigned a track at least once
 * @param fragmentation       distinct track ids per tracked target (1 is ideal)
 * @param trackIds            distinct track ids reported
 * @param falseTracks         track ids assigned to a target in under half their frames
 * @param longestFalseTrackS  life of the longest false track, seconds
 */
public record Score(int scans, double meanGospa, double meanOspa, double meanMissed, double meanFalse, int targets,
                    int targetsTracked, double fragmentation, int trackIds, int falseTracks,
                    double longestFalseTrackS) {

    /** A short human-readable report, one figure a line. */
    public String report(double cutoffM) {
        return String.format(Locale.ROOT, """
                scans                 %d
                GOSPA mean (c=%.0f m, p=2, alpha=2)  %.2f m
                OSPA mean  (c=%.0f m, p=2)           %.2f m
                missed targets/scan   %.3f
                false tracks/scan     %.3f
                targets               %d (tracked %d)
                fragmentation         %.3f track ids per target
                track ids             %d
                false tracks          %d (longest %.1f s)
                """, scans, cutoffM, meanGospa, cutoffM, meanOspa, meanMissed, meanFalse, targets, targetsTracked,
                fragmentation, trackIds, falseTracks, longestFalseTrackS);
    }
}
