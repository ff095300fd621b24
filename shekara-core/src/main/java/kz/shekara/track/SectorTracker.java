package kz.shekara.track;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;

/**
 * The tracker of one sector: the short loop and the only holder of mutable track state. A scan (all
 * plots one sensor reported at one event time) runs: predict every track to the scan time →
 * associate confirmed tracks → associate tentative tracks with the plots left → update or coast →
 * confirm or delete → initiate tentative tracks from the plots still left. Works in the sector's
 * local east-north frame; track ids are the sector id and a counter, so the same scans give the same
 * ids. Not thread-safe: one thread (or one bus partition) per sector.
 */
public final class SectorTracker {
    private final String sectorId;
    private final LocalFrame frame;
    private final TrackerParts parts;
    private final List<Track> tracks = new ArrayList<>();
    private final List<Track> touched = new ArrayList<>();
    // Per-scan scratch, cleared at the start of each update (the associator keeps no reference to them).
    private final List<Track> confirmed = new ArrayList<>();
    private final List<Track> tentative = new ArrayList<>();
    private final List<GaussianState> confirmedPred = new ArrayList<>();
    private final List<GaussianState> tentativePred = new ArrayList<>();
    private final double[] latLon = new double[2];
    private final double[] eastNorth = new double[2];
    private final java.util.HashMap<String, Integer> sensorIndex = new java.util.HashMap<>();
    private final CvKalmanPredictor fastPredictor;
    private final KalmanUpdater fastUpdater;
    private long nextId = 1;
    private Instant time;

    public SectorTracker(String sectorId, LocalFrame frame, TrackerParts parts) {
        this.sectorId = Objects.requireNonNull(sectorId, "sectorId");
        this.frame = Objects.requireNonNull(frame, "frame");
        this.parts = Objects.requireNonNull(parts, "parts");
        // The known hot implementations run in place on the tracker's own states; any other runs through its interface.
        this.fastPredictor = parts.predictor() instanceof CvKalmanPredictor p ? p : null;
        this.fastUpdater = parts.updater() instanceof KalmanUpdater u ? u : null;
    }

    public String sectorId() {
        return sectorId;
    }

    public LocalFrame frame() {
        return frame;
    }

    /** The event time of the last scan, or null before the first. */
    public Instant time() {
        return time;
    }

    /** A detection as a plot in this sector's frame. */
    public Plot plot(Detection d) {
        frame.toEastNorth(d.lat(), d.lon(), eastNorth);
        return new Plot(d.time(), eastNorth[0], eastNorth[1], d.sigmaM(), d);
    }

    /** Runs one whole scan of {@code sensor} at {@code scanTime}. */
    public void step(Instant scanTime, String sensor, List<Plot> plots) {
        initiate(update(scanTime, sensor, plots), scanTime);
    }

    /** The update half of a scan: every track predicted, associated, updated or coasted, confirmed or deleted; returns the plots no track took. */
    List<Plot> update(Instant scanTime, String sensor, List<Plot> plots) {
        time = scanTime;
        touched.clear();
        confirmed.clear();
        tentative.clear();
        confirmedPred.clear();
        tentativePred.clear();
        // Most tracks were last moved to the same scan time (the same Instant object): compute each step once.
        Instant lastFrom = null;
        double lastDt = 0;
        for (Track t : tracks) {
            GaussianState p;
            if (fastPredictor != null) {
                Instant from = t.state.time();
                if (from != lastFrom) {
                    lastFrom = from;
                    lastDt = Seconds.between(from, scanTime);
                }
                fastPredictor.predictInPlace(t.state, scanTime, lastDt);
                p = t.state;
            } else {
                p = parts.predictor().predict(t.state, scanTime);
            }
            (t.confirmed() ? confirmed : tentative).add(t);
            (t.confirmed() ? confirmedPred : tentativePred).add(p);
        }
        int sensorId = sensorIndex.computeIfAbsent(sensor, k -> sensorIndex.size());
        Association first = parts.associator().associate(confirmedPred, plots);
        boolean deleted = apply(confirmed, first, sensor, sensorId, scanTime);
        Association second = parts.associator().associate(tentativePred, first.unassociated());
        deleted |= apply(tentative, second, sensor, sensorId, scanTime);
        if (deleted) {
            tracks.removeIf(t -> t.status == null);
        }
        return second.unassociated();
    }

    /** The initiation half of a scan: a tentative track for each plot. */
    void initiate(List<Plot> plots, Instant scanTime) {
        for (Plot p : plots) {
            Track t = new Track(sectorId + "-" + nextId++, parts.initiator().initiate(p, scanTime), p);
            t.changed = true;
            t.noteSensorIndex(sensorIndex.computeIfAbsent(p.source().sensor(), k -> sensorIndex.size()));
            if (parts.initiator().confirms(t.hits, t.scans)) {
                t.status = TrackStatus.CONFIRMED;
            }
            tracks.add(t);
        }
    }

    /** Applies the chosen hypotheses; marks deleted tracks with a null status and returns whether any was. */
    private boolean apply(List<Track> group, Association a, String sensor, int sensorId, Instant scanTime) {
        boolean deleted = false;
        for (int i = 0; i < group.size(); i++) {
            Track t = group.get(i);
            Hypothesis h = a.hypotheses().get(i);
            if (h instanceof Hypothesis.Associated hit) {
                if (fastUpdater != null && hit.prediction() == t.state) {
                    fastUpdater.updateInPlace(hit);
                } else {
                    t.state = parts.updater().update(hit);
                }
                t.hits++;
                t.misses = 0;
                t.lastDetection = scanTime;
                t.noteSensor(hit.plot());
                t.noteSensorIndex(sensorId);
                if (t.confirmed()) {
                    t.status = TrackStatus.CONFIRMED;
                } else if (parts.initiator().confirms(t.hits, ++t.scans)) {
                    t.status = TrackStatus.CONFIRMED;
                }
                t.changed = true;
                touched.add(t);
                continue;
            }
            t.state = h.prediction();
            if (t.seenBy(sensorId, sensor)) {
                t.misses++;
                if (t.confirmed()) {
                    t.changed |= t.status != TrackStatus.COASTING;
                    t.status = TrackStatus.COASTING;
                } else {
                    t.scans++;
                }
            }
            boolean end = !t.confirmed() && parts.initiator().abandons(t.hits, t.scans);
            if (end || parts.deleter().shouldDelete(new TrackSummary(t.id, t.status, t.state, t.lastDetection,
                    t.misses), scanTime)) {
                t.status = null;
                deleted = true;
            }
        }
        return deleted;
    }

    /** Confirmed (and coasting) tracks at the last scan time, in creation order. */
    public List<TrackUpdate> confirmedTracks() {
        List<TrackUpdate> out = new ArrayList<>();
        for (Track t : tracks) {
            if (t.confirmed()) {
                out.add(toUpdate(t));
            }
        }
        return out;
    }

    /**
     * Confirmed (and coasting) tracks that a scan gave a detection, or moved from confirmed to coasting,
     * since the last call, in creation order; clears their mark. A track that goes on coasting is not
     * reported again until a detection or its deletion.
     */
    public List<TrackUpdate> changedTracks() {
        List<TrackUpdate> out = new ArrayList<>();
        for (Track t : tracks) {
            if (t.changed && t.confirmed()) {
                t.changed = false;
                out.add(toUpdate(t));
            }
        }
        return out;
    }

    /** Every live track, tentative ones included. */
    public List<TrackUpdate> allTracks() {
        List<TrackUpdate> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            out.add(toUpdate(t));
        }
        return out;
    }

    public int liveTracks() {
        return tracks.size();
    }

    TrackUpdate toUpdate(Track t) {
        GaussianState s = t.state;
        frame.toLatLon(s.east(), s.north(), latLon);
        return new TrackUpdate(s.time(), t.id, sectorId, latLon[0], latLon[1], s.vNorth(), s.vEast(), s.cov(0, 0),
                s.cov(0, 1), s.cov(1, 1), t.status, parts.classifier().classify(s, t.maritime),
                new java.util.TreeSet<>(Arrays.asList(t.sensors())), t.marking);
    }

    /** Tracks the last update gave a detection, for the hand-over check. */
    List<Track> touched() {
        return touched;
    }

    /** This sector's state as values. */
    TrackerState.Sector state() {
        String[] table = new String[sensorIndex.size()];
        sensorIndex.forEach((sensor, index) -> table[index] = sensor);
        List<TrackerState.TrackRecord> records = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            records.add(t.record());
        }
        return new TrackerState.Sector(sectorId, nextId, time, Arrays.asList(table), records);
    }

    /** Replaces this sector's state with one taken by {@link #state()}. */
    void restore(TrackerState.Sector s) {
        if (!s.id().equals(sectorId)) {
            throw new IllegalArgumentException("state of sector " + s.id() + " given to sector " + sectorId);
        }
        nextId = s.nextId();
        time = s.time();
        sensorIndex.clear();
        for (int i = 0; i < s.sensors().size(); i++) {
            sensorIndex.put(s.sensors().get(i), i);
        }
        tracks.clear();
        touched.clear();
        for (TrackerState.TrackRecord r : s.tracks()) {
            tracks.add(new Track(r));
        }
    }

    Track remove(Track t) {
        tracks.remove(t);
        return t;
    }

    void adopt(Track t) {
        // The bits index the previous sector's sensor table: renumber them in this sector's.
        t.clearSensorIndexes();
        for (String s : t.sensors()) {
            t.noteSensorIndex(sensorIndex.computeIfAbsent(s, k -> sensorIndex.size()));
        }
        tracks.add(t);
    }
}
