package kz.shekara.track;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackStatus;

/**
 * Everything a {@link MultiSectorTracker} carries from one detection to the next, as plain values:
 * the reorder buffer (detections still pending, its latest event time and late count), each
 * sector's tracks with their filter state, id counter and sensor table, and the tracker's counters.
 * A tracker restored from it continues exactly as the one it was taken of. Positions are in each
 * sector's local east-north frame (m, m/s). Immutable.
 *
 * @param pending detections waiting in the reorder buffer, in (time, sensor, arrival) order
 * @param latest the latest event time the buffer has seen, null before the first detection
 */
public record TrackerState(List<Detection> pending, Instant latest, long late, long outside, long handovers,
                           List<Sector> sectors) {
    public TrackerState {
        pending = List.copyOf(pending);
        sectors = List.copyOf(sectors);
    }

    /**
     * One sector tracker.
     *
     * @param nextId the counter of the next track id ({@code sector-nextId})
     * @param time the event time of the last scan, null before the first
     * @param sensors the sector's sensor table: a sensor's position is its index in track sensor bits
     */
    public record Sector(String id, long nextId, Instant time, List<String> sensors, List<TrackRecord> tracks) {
        public Sector {
            Objects.requireNonNull(id, "id");
            sensors = List.copyOf(sensors);
            tracks = List.copyOf(tracks);
        }
    }

    /**
     * One live track: its filter state (time, mean [east, north, vEast, vNorth], row-major 4x4
     * covariance) and its bookkeeping. A multiple-model filter's state also has, per motion model
     * {@code j}, its probability {@code modeProbabilities[j]}, mean {@code modeMeans[4j..4j+3]} and
     * covariance {@code modeCovs[16j..16j+15]}; a single-model state has empty arrays there. {@code score} and
     * {@code clutterPerM2} are a tentative track's score and the highest clutter density around its plots (0 where
     * the initiator keeps no score, see {@link Initiator#scored}).
     */
    public record TrackRecord(String id, Instant stateTime, double[] mean, double[] cov, TrackStatus status,
                              Instant lastDetection, int hits, int scans, int misses, boolean maritime,
                              Marking marking, List<String> sensors, long sensorBits, double[] modeProbabilities,
                              double[] modeMeans, double[] modeCovs, double score, double clutterPerM2) {
        public TrackRecord {
            Objects.requireNonNull(id, "id");
            mean = mean.clone();
            cov = cov.clone();
            sensors = List.copyOf(sensors);
            modeProbabilities = modeProbabilities == null ? new double[0] : modeProbabilities.clone();
            modeMeans = modeMeans == null ? new double[0] : modeMeans.clone();
            modeCovs = modeCovs == null ? new double[0] : modeCovs.clone();
            int r = modeProbabilities.length;
            if (modeMeans.length != 4 * r || modeCovs.length != 16 * r) {
                throw new IllegalArgumentException("track " + id + ": mode arrays do not match " + r + " modes");
            }
        }
    }
}
