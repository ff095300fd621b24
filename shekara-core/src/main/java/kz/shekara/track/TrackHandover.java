package kz.shekara.track;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import kz.shekara.model.Classification;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;

/**
 * A track leaving a tracker that does not own the sector it moved into, for the tracker that does (a
 * hand-over between trackers of different sector sets), or, with no track, a progress mark of the
 * sending tracker. A hand-over carries the whole track ({@link TrackerState.TrackRecord}: id, filter
 * state and covariance in the destination sector's frame, mode probabilities, counts, sensors, marking)
 * as it was at the end of the scan time {@code time} at which it left; the receiving tracker adopts it
 * before its first scan later than {@code time} plus its hand-over lag (see
 * {@link MultiSectorTracker#receive}). A mark says that the sender, {@code fromPartition}, has taken
 * detections up to event time {@code time}: every hand-over it sends later leaves at a scan time no
 * earlier than {@code time} less its reorder window. Immutable.
 *
 * @param time the scan time the track left at, or the sender's latest detection time for a mark
 * @param toSector the sector the track moved into (for a mark: a sector of the receiving partition)
 * @param fromPartition the sender's partition of the observations
 * @param track the track, or null for a mark
 */
public record TrackHandover(Instant time, String toSector, int fromPartition, TrackerState.TrackRecord track)
        implements DomainEvent {
    private static final Marking MARK = Marking.of(Classification.UNCLASSIFIED, "shekara", List.of());

    public TrackHandover {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(toSector, "toSector");
    }

    /** A progress mark of partition {@code fromPartition}, addressed to the partition of {@code toSector}. */
    public static TrackHandover mark(Instant time, String toSector, int fromPartition) {
        return new TrackHandover(time, toSector, fromPartition, null);
    }

    /** Whether this hands a track over (false: a progress mark). */
    public boolean carriesTrack() {
        return track != null;
    }

    /** Equal when every field is, the track's arrays compared by value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrackHandover h && time.equals(h.time) && toSector.equals(h.toSector)
                && fromPartition == h.fromPartition && sameTrack(track, h.track);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, toSector, fromPartition, track == null ? null : track.id());
    }

    private static boolean sameTrack(TrackerState.TrackRecord a, TrackerState.TrackRecord b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.id().equals(b.id()) && Objects.equals(a.stateTime(), b.stateTime()) && Arrays.equals(a.mean(), b.mean())
                && Arrays.equals(a.cov(), b.cov()) && a.status() == b.status()
                && Objects.equals(a.lastDetection(), b.lastDetection()) && a.hits() == b.hits() && a.scans() == b.scans()
                && a.misses() == b.misses() && a.maritime() == b.maritime() && Objects.equals(a.marking(), b.marking())
                && a.sensors().equals(b.sensors()) && a.sensorBits() == b.sensorBits()
                && Arrays.equals(a.modeProbabilities(), b.modeProbabilities())
                && Arrays.equals(a.modeMeans(), b.modeMeans()) && Arrays.equals(a.modeCovs(), b.modeCovs());
    }

    /** The track's marking; a mark's is unclassified. */
    @Override
    public Marking marking() {
        return track == null || track.marking() == null ? MARK : track.marking();
    }
}
