package kz.shekara.track;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;

/**
 * The tracker of one sector: the short loop and the only holder of mutable track state. A scan (all
 * plots one sensor reported at one event time) runs: predict the tracks it can touch to the scan time →
 * associate confirmed tracks → associate tentative tracks with the plots left → update or coast →
 * confirm or delete → initiate tentative tracks from the plots still left. Works in the sector's
 * local east-north frame; track ids are the sector id and a counter, so the same scans give the same
 * ids. Not thread-safe: one thread (or one bus partition) per sector.
 */
public final class SectorTracker {
    // Left tentative tracks are checked when a scan enters a new window of this many seconds of event time.
    private static final long SWEEP_S = 5;
    private final String sectorId;
    private final LocalFrame frame;
    private final TrackerParts parts;
    private static final Comparator<Track> BY_ORDER = Comparator.comparingLong(t -> t.order);
    // The live tracks, each list in the sector's track order (creation or adoption here): confirmed and
    // coasting ones, and tentative ones (most of them clutter, which most scans need not touch).
    private final List<Track> confirmedTracks = new ArrayList<>();
    private final List<Track> tentativeTracks = new ArrayList<>();
    private final List<Track> touched = new ArrayList<>();
    // Per-scan scratch, cleared at the start of each update (the associator keeps no reference to them).
    private final List<Track> confirmed = new ArrayList<>();
    private final List<Track> tentative = new ArrayList<>();
    private final List<GaussianState> confirmedPred = new ArrayList<>();
    private final List<GaussianState> tentativePred = new ArrayList<>();
    private final double[] latLon = new double[2];
    private final double[] eastNorth = new double[2];
    private final SensorTable sensorTable = new SensorTable();
    private final OwnStateFilters filters;
    private final double reachPsd;
    // Whether tentative tracks out of a scan's reach may be left at their own time (needs the Kalman gate's bound).
    private boolean lazyTentative;
    // Confirmed tracks ended since the last report, as their last update (kept only when reportEnded).
    private final List<TrackUpdate> ended = new ArrayList<>();
    private boolean reportEnded;
    // Whether a scan or a hand-over has reached this sector since the last takeDirty().
    private boolean dirty;
    private long nextId = 1;
    private long nextOrder;
    private Instant time;

    public SectorTracker(String sectorId, LocalFrame frame, TrackerParts parts) {
        this.sectorId = Objects.requireNonNull(sectorId, "sectorId");
        this.frame = Objects.requireNonNull(frame, "frame");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.filters = new OwnStateFilters(parts);
        this.reachPsd = PlotReach.psdBound(parts.predictor());
        this.lazyTentative = !Double.isNaN(reachPsd) && parts.gater() instanceof MahalanobisGater g && g.kalmanMeasurement();
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

    /** Moves every track to every scan time, as the textbook loop does (the reference the left-at-own-time path is checked against). */
    void everyTrackEveryScan() {
        lazyTentative = false;
    }

    /** Whether {@link #changedTracks()} also reports the confirmed tracks that ended (the live feed's need). */
    void reportEnded(boolean on) {
        reportEnded = on;
        ended.clear();
    }

    /**
     * Whether a scan of {@code sensor} with no plot here would change nothing but the time of its
     * tracks: this sector leaves tracks at their own time, and no track of it was ever seen by that sensor.
     */
    boolean untouchedBy(String sensor) {
        return lazyTentative && sensorTable.find(sensor) < 0;
    }

    /** Whether a scan or a hand-over reached this sector since the last call; clears the mark. */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    /** A detection as a plot in this sector's frame. */
    public Plot plot(Detection d) {
        return SectorRouter.plot(frame, d, eastNorth);
    }

    /** Runs one whole scan of {@code sensor} at {@code scanTime}. */
    public void step(Instant scanTime, String sensor, List<Plot> plots) {
        initiate(update(scanTime, time, sensor, plots), scanTime);
    }

    /**
     * The update half of a scan: tracks predicted, associated, updated or coasted, confirmed or
     * deleted; returns the plots no track took. Confirmed tracks move to every scan that reaches the sector
     * (live, a scan skips a sector it cannot touch: see {@link MultiSectorTracker}). A tentative
     * track that this scan can neither miss (its sensor never saw it) nor update (no plot within a
     * bound on its gate, see {@link PlotReach}) is left at its own time: it would only have been
     * predicted, and prediction in several steps equals prediction in one (exact discretisation; for the
     * IMM the same mean, and a covariance that weighs the models' noise once instead of step by step). When a
     * later scan reaches it, it first ends if the deleter would have ended it at the previous scan time,
     * so it takes no plot it could not have taken; every few seconds of event time, left tracks past
     * their coasting limit end. Clutter thus costs its own sensor's scans, not every sensor's.
     */
    List<Plot> update(Instant scanTime, Instant previousScan, String sensor, List<Plot> plots) {
        Instant previous = time;
        Instant checkAt = previousScan != null && (previous == null || previousScan.isAfter(previous)) ? previousScan
                : previous;
        time = scanTime;
        dirty = true;
        touched.clear();
        confirmed.clear();
        tentative.clear();
        confirmedPred.clear();
        tentativePred.clear();
        // A sensor this sector has never had a plot from has seen none of its tracks (adoption registers a
        // track's sensors too): a scan of it without plots here can only move the confirmed tracks on.
        int known = sensorTable.find(sensor);
        int sensorId = known >= 0 || plots.isEmpty() ? known : sensorTable.number(sensor);
        PlotReach reach = lazyTentative ? PlotReach.of(plots, parts.gater().threshold(), reachPsd) : null;
        boolean deleted = predict(confirmedTracks, scanTime, checkAt, sensorId, sensor, null, false);
        if (reach == null || sensorId >= 0) {
            boolean sweep = reach != null && previous != null && Math.floorDiv(previous.getEpochSecond(), SWEEP_S)
                    != Math.floorDiv(scanTime.getEpochSecond(), SWEEP_S);
            deleted |= predict(tentativeTracks, scanTime, checkAt, sensorId, sensor, reach, sweep);
        }
        Association first = parts.associator().associate(confirmedPred, plots);
        deleted |= apply(confirmed, first, sensor, sensorId, scanTime, null);
        Association second = parts.associator().associate(tentativePred, first.unassociated());
        deleted |= apply(tentative, second.hard(), sensor, sensorId, scanTime,
                parts.initiator().scored() ? first.unassociated() : null);
        if (deleted) {
            confirmedTracks.removeIf(t -> t.status == null);
            tentativeTracks.removeIf(t -> t.status == null);
        }
        promoteConfirmed();
        return second.unassociated();
    }

    /**
     * Predicts the tracks of one list that this scan can touch to its time and puts them in the scan's
     * confirmed or tentative group; with a {@code reach}, leaves the others at their own time (see
     * {@link #update}); a track left behind by earlier scans is first checked against the deleter at
     * {@code previous}, the latest earlier scan time. Returns whether it marked any track deleted.
     */
    private boolean predict(List<Track> list, Instant scanTime, Instant previous, int sensorId, String sensor,
                            PlotReach reach, boolean sweep) {
        boolean deleted = false;
        // Most tracks were last moved to the same scan time (the same Instant object): compute each step once.
        Instant lastFrom = null;
        double lastDt = 0;
        for (Track t : list) {
            if (reach != null && !(sensorId >= 0 && t.seenBy(sensorId, sensor)) && !reach.mayGate(t.state, scanTime)) {
                if (sweep && parts.deleter().shouldDelete(t.summary(), scanTime)) {
                    end(t);
                    deleted = true;
                }
                continue;
            }
            if (lazyTentative && previous != null && t.state.time().isBefore(previous)) {
                // Left behind by earlier scans: it ends first if the deleter would have ended it by then.
                t.state = filters.predict(t.state, previous);
                if (parts.deleter().shouldDelete(t.summary(), previous)) {
                    end(t);
                    deleted = true;
                    continue;
                }
            }
            GaussianState p;
            if (filters.kalmanInPlace()) {
                Instant from = t.state.time();
                if (from != lastFrom) {
                    lastFrom = from;
                    lastDt = Seconds.between(from, scanTime);
                }
                filters.predictKalman(t.state, scanTime, lastDt);
                p = t.state;
            } else if (filters.keepsPrediction()) {
                t.state = filters.predict(t.state, scanTime);
                p = t.state;
            } else {
                p = parts.predictor().predict(t.state, scanTime);
            }
            (t.confirmed() ? confirmed : tentative).add(t);
            (t.confirmed() ? confirmedPred : tentativePred).add(p);
        }
        return deleted;
    }

    /** Moves the tentative tracks this scan confirmed into the confirmed list, keeping the sector's track order. */
    private void promoteConfirmed() {
        boolean any = false;
        for (Track t : tentative) {
            if (t.status != null && t.confirmed()) {
                int at = Collections.binarySearch(confirmedTracks, t, BY_ORDER);
                confirmedTracks.add(-at - 1, t);
                any = true;
            }
        }
        if (any) {
            tentativeTracks.removeIf(Track::confirmed);
        }
    }

    /** Marks a track deleted (a null status; the caller removes it), keeping a confirmed one's last update for the live report. */
    private void end(Track t) {
        if (reportEnded && t.confirmed()) {
            ended.add(toUpdate(t, TrackStatus.DELETED));
        }
        t.status = null;
    }

    /** The initiation half of a scan: a tentative track for each plot, which knows the clutter around it when scored. */
    void initiate(List<Plot> plots, Instant scanTime) {
        ClutterDensity clutter = new ClutterDensity(parts.initiator().scored() ? plots : null);
        for (Plot p : plots) {
            Track t = new Track(sectorId + "-" + nextId++, parts.initiator().initiate(p, scanTime), p);
            t.clutter = clutter.perM2(p);
            t.changed = true;
            t.noteSensorIndex(sensorTable.number(p.source().sensor()));
            if (parts.initiator().confirms(t.hits, t.scans)) {
                t.status = TrackStatus.CONFIRMED;
            }
            keep(t);
        }
    }

    /**
     * Applies the chosen hypotheses; marks deleted tracks with a null status and returns whether any was. Hits are
     * scored against the density of {@code unexplained}, the plots no confirmed track took ({@link ClutterDensity}).
     */
    private boolean apply(List<Track> group, Association a, String sensor, int sensorId, Instant scanTime,
                          List<Plot> unexplained) {
        boolean deleted = false;
        ClutterDensity clutter = new ClutterDensity(unexplained);
        for (int i = 0; i < group.size(); i++) {
            Track t = group.get(i);
            Hypothesis h = a.hypotheses().get(i);
            if (h instanceof Hypothesis.Associated hit) {
                t.state = filters.update(t.state, a, i, hit);
                t.hit(hit, sensorId, scanTime, parts.initiator(), clutter.perM2(hit.plot()));
                touched.add(t);
                continue;
            }
            t.state = a.posterior(i, parts.updater());
            if (sensorId >= 0 && t.seenBy(sensorId, sensor)) {
                t.missed(parts.initiator());
            }
            boolean end = !t.confirmed() && parts.initiator().abandons(t.hits, t.scans, t.score, t.clutter);
            if (end || parts.deleter().shouldDelete(t.summary(), scanTime)) {
                end(t);
                deleted = true;
            }
        }
        return deleted;
    }

    /** Confirmed (and coasting) tracks at the last scan time, in creation order. */
    public List<TrackUpdate> confirmedTracks() {
        List<TrackUpdate> out = new ArrayList<>(confirmedTracks.size());
        for (Track t : confirmedTracks) {
            out.add(toUpdate(t));
        }
        return out;
    }

    /**
     * Confirmed (and coasting) tracks ended since the last call, as {@link TrackStatus#DELETED} updates
     * in the order they ended, then those that a scan gave a detection, or moved from confirmed to
     * coasting, in creation order; clears their mark. A track that goes on coasting is not reported
     * again until a detection or its deletion.
     */
    public List<TrackUpdate> changedTracks() {
        List<TrackUpdate> out = new ArrayList<>(ended);
        ended.clear();
        for (Track t : confirmedTracks) {
            if (t.changed) {
                t.changed = false;
                out.add(toUpdate(t));
            }
        }
        return out;
    }

    /** Every live track, tentative ones included. */
    public List<TrackUpdate> allTracks() {
        List<TrackUpdate> out = new ArrayList<>(liveTracks());
        for (Track t : inOrder()) {
            out.add(toUpdate(t));
        }
        return out;
    }

    public int liveTracks() {
        return confirmedTracks.size() + tentativeTracks.size();
    }

    /** Every live track in the sector's track order (a new list). */
    List<Track> inOrder() {
        List<Track> all = new ArrayList<>(liveTracks());
        all.addAll(confirmedTracks);
        all.addAll(tentativeTracks);
        all.sort(BY_ORDER);
        return all;
    }

    TrackUpdate toUpdate(Track t) {
        return toUpdate(t, t.status);
    }

    private TrackUpdate toUpdate(Track t, TrackStatus status) {
        GaussianState s = t.state;
        t.latLon(frame, latLon);
        return new TrackUpdate(s.time(), t.id, sectorId, latLon[0], latLon[1], s.vNorth(), s.vEast(), s.cov(0, 0),
                s.cov(0, 1), s.cov(1, 1), status, parts.classifier().classify(s, t.maritime),
                new TreeSet<>(Arrays.asList(t.sensors())), t.marking, s.modeProbabilities());
    }

    /** The confirmed tracks the last update moved to its scan time (deleted ones have a null status). */
    List<Track> predicted() {
        return confirmed;
    }

    /** Tracks the last update gave a detection, for the hand-over check. */
    List<Track> touched() {
        return touched;
    }

    /** This sector's state as values. */
    TrackerState.Sector state() {
        List<TrackerState.TrackRecord> records = new ArrayList<>(liveTracks());
        for (Track t : inOrder()) {
            records.add(t.record());
        }
        return new TrackerState.Sector(sectorId, nextId, time, sensorTable.names(), records);
    }

    /** Replaces this sector's state with one taken by {@link #state()}. */
    void restore(TrackerState.Sector s) {
        if (!s.id().equals(sectorId)) {
            throw new IllegalArgumentException("state of sector " + s.id() + " given to sector " + sectorId);
        }
        nextId = s.nextId();
        time = s.time();
        sensorTable.reset(s.sensors());
        confirmedTracks.clear();
        tentativeTracks.clear();
        touched.clear();
        ended.clear();
        nextOrder = 0;
        for (TrackerState.TrackRecord r : s.tracks()) {
            keep(new Track(r));
        }
    }

    Track remove(Track t) {
        if (!(t.confirmed() ? confirmedTracks : tentativeTracks).remove(t)) {
            throw new IllegalStateException("track " + t.id + " is not held by sector " + sectorId);
        }
        return t;
    }

    /** Appends a track to the end of the sector's order. */
    private void keep(Track t) {
        dirty = true;
        t.order = nextOrder++;
        (t.confirmed() ? confirmedTracks : tentativeTracks).add(t);
    }

    void adopt(Track t) {
        // The bits index the previous sector's sensor table: renumber them in this sector's.
        t.clearSensorIndexes();
        for (String s : t.sensors()) {
            t.noteSensorIndex(sensorTable.number(s));
        }
        keep(t);
    }
}
