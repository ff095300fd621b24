package kz.shekara.track;

import java.time.Instant;
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

    /** The track's marking; a mark's is unclassified. */
    @Override
    public Marking marking() {
        return track == null || track.marking() == null ? MARK : track.marking();
    }
}
