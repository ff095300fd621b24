package kz.shekara.track;

import java.time.Instant;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;

/**
 * The mutable record of one live track inside a {@link SectorTracker} (the only class that changes
 * it): current state, status, hit/scan counts, the sensors that contributed and the most restrictive
 * marking of its detections. Not thread-safe.
 */
final class Track {
    final String id;
    GaussianState state;
    TrackStatus status = TrackStatus.TENTATIVE;
    Instant lastDetection;
    int hits;
    int scans;
    int misses;
    /** A tentative track's score (see {@link Initiator#scored}); 0 where the initiator keeps none. */
    double score;
    /** The highest clutter density (per m²) around a tentative track's plots; 0 where the initiator keeps none. */
    double clutter;
    boolean maritime;
    Marking marking;
    /**
     * Set by its sector tracker when a scan starts it, gives it a detection or turns it to coasting;
     * cleared when it is reported. Always clear on a confirmed track between two inputs.
     */
    boolean changed;
    /** Its place in its sector tracker's order of tracks (creation or adoption there). */
    long order;
    private String[] sensors = new String[0];
    // Bit i set: the sensor with tracker-wide index i (below 64) has seen this track; saves string compares in the loop.
    private long sensorBits;
    // The last position turned into degrees (hand-over check, then report of the same state): its frame, its
    // east and north bits, and the answer.
    private LocalFrame latLonFrame;
    private long latLonEast;
    private long latLonNorth;
    private double lat;
    private double lon;

    Track(String id, GaussianState state, Plot first) {
        this.id = id;
        this.state = state;
        this.lastDetection = first.time();
        this.marking = first.source().marking();
        this.hits = 1;
        this.scans = 1;
        noteSensor(first);
    }

    /** A track as it was recorded by {@link #record()}. */
    Track(TrackerState.TrackRecord r) {
        this.id = r.id();
        this.state = stateOf(r);
        this.status = r.status();
        this.lastDetection = r.lastDetection();
        this.hits = r.hits();
        this.scans = r.scans();
        this.misses = r.misses();
        this.score = r.score();
        this.clutter = r.clutterPerM2();
        this.maritime = r.maritime();
        this.marking = r.marking();
        this.sensors = r.sensors().toArray(new String[0]);
        this.sensorBits = r.sensorBits();
    }

    private static GaussianState stateOf(TrackerState.TrackRecord r) {
        int count = r.modeProbabilities().length;
        if (count == 0) {
            return GaussianState.of(r.stateTime(), r.mean(), r.cov());
        }
        double[][] means = new double[count][];
        double[][] covs = new double[count][];
        for (int j = 0; j < count; j++) {
            means[j] = java.util.Arrays.copyOfRange(r.modeMeans(), 4 * j, 4 * j + 4);
            covs[j] = java.util.Arrays.copyOfRange(r.modeCovs(), 16 * j, 16 * j + 16);
        }
        // Copies: the tracker's in-place paths write to the arrays of its own states.
        return GaussianState.owning(r.stateTime(), r.mean().clone(), r.cov().clone(),
                new GaussianState.Modes(r.modeProbabilities().clone(), means, covs));
    }

    /** The whole track as values (copies). */
    TrackerState.TrackRecord record() {
        GaussianState.Modes m = state.modes();
        double[] p = null;
        double[] means = null;
        double[] covs = null;
        if (m != null) {
            p = m.p();
            means = new double[4 * m.count()];
            covs = new double[16 * m.count()];
            for (int j = 0; j < m.count(); j++) {
                System.arraycopy(m.mean()[j], 0, means, 4 * j, 4);
                System.arraycopy(m.cov()[j], 0, covs, 16 * j, 16);
            }
        }
        return new TrackerState.TrackRecord(id, state.time(), state.meanView(), state.covView(), status, lastDetection,
                hits, scans, misses, maritime, marking, java.util.List.of(sensors), sensorBits, p, means, covs, score, clutter);
    }

    /** Whether the sensor of index {@code index} (from its tracker's sensor table) has seen this track. */
    boolean seenBy(int index, String sensor) {
        if (index < 64) {
            return (sensorBits >>> index & 1) != 0;
        }
        return seenBy(sensor);
    }

    /** Forgets the sensor indexes of the tracker that held this track (they number another sector's sensors). */
    void clearSensorIndexes() {
        sensorBits = 0;
    }

    void noteSensorIndex(int index) {
        if (index < 64) {
            sensorBits |= 1L << index;
        }
    }

    boolean seenBy(String sensor) {
        for (String s : sensors) {
            if (s.equals(sensor)) {
                return true;
            }
        }
        return false;
    }

    void noteSensor(Plot plot) {
        String sensor = plot.source().sensor();
        if (plot.source().kind() == SensorKind.AIS) {
            maritime = true;
        }
        if (!seenBy(sensor)) {
            // Insert in order (the list stays sorted) rather than sort the whole array again.
            String[] more = new String[sensors.length + 1];
            int at = 0;
            while (at < sensors.length && sensors[at].compareTo(sensor) < 0) {
                at++;
            }
            System.arraycopy(sensors, 0, more, 0, at);
            more[at] = sensor;
            System.arraycopy(sensors, at, more, at + 1, sensors.length - at);
            sensors = more;
        }
        Marking m = plot.source().marking();
        if (m != marking) {
            marking = marking.mostRestrictive(m);
        }
    }

    String[] sensors() {
        return sensors;
    }

    /**
     * The detection of hypothesis {@code h} updated this track at {@code scanTime}: counts it, and
     * confirms a tentative track the initiator accepts; {@code clutterPerM2} is the clutter density around the
     * plot (0 where the initiator keeps no score).
     */
    void hit(Hypothesis.Associated h, int sensorIndex, Instant scanTime, Initiator initiator, double clutterPerM2) {
        Plot plot = h.plot();
        hits++;
        misses = 0;
        lastDetection = scanTime;
        noteSensor(plot);
        noteSensorIndex(sensorIndex);
        if (!confirmed() && clutterPerM2 > 0) {
            score += initiator.scoreHit(h, clutterPerM2);
            // The densest clutter it has met: one thin estimate among dense ones does not hand it back to the counts.
            clutter = Math.max(clutter, clutterPerM2);
        }
        if (confirmed() || initiator.confirms(hits, ++scans, h, score, clutter)) {
            status = TrackStatus.CONFIRMED;
        }
        changed = true;
    }

    /** A sensor that had seen this track scanned without detecting it: a confirmed track coasts. */
    void missed(Initiator initiator) {
        misses++;
        if (confirmed()) {
            changed |= status != TrackStatus.COASTING;
            status = TrackStatus.COASTING;
        } else {
            scans++;
            score += initiator.scoreMiss();
        }
    }

    TrackSummary summary() {
        return new TrackSummary(id, status, state, lastDetection, misses, hits);
    }

    boolean confirmed() {
        return status != TrackStatus.TENTATIVE;
    }

    /**
     * {@code frame.toLatLon} of the state's position into {@code out}; the same position in the same frame
     * as last time (bit for bit) takes the last answer instead of the trigonometry.
     */
    void latLon(LocalFrame frame, double[] out) {
        long e = Double.doubleToRawLongBits(state.east());
        long n = Double.doubleToRawLongBits(state.north());
        if (frame != latLonFrame || e != latLonEast || n != latLonNorth) {
            frame.toLatLon(state.east(), state.north(), out);
            latLonFrame = frame;
            latLonEast = e;
            latLonNorth = n;
            lat = out[0];
            lon = out[1];
            return;
        }
        out[0] = lat;
        out[1] = lon;
    }
}
