package kz.shekara.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;

/**
 * Detections in, confirmed tracks out, over several sectors: a reorder buffer puts detections in
 * event-time order and groups them into scans; each scan's detections go to the sector that owns
 * their position, and also, within {@code overlapM} of another sector, to that sector's tracks (which
 * may take them but not start tracks from them); plots no sector's track took start tentative tracks
 * in their own sector; a track whose estimate moves into another sector is handed over with its id,
 * state (re-framed) and history. After each scan time, {@link Mode#BATCH} reports every confirmed
 * track at that time (the batch files), {@link Mode#LIVE} only the confirmed tracks that scan time gave
 * a detection, turned to coasting or ended (the live bus; an ended track's last update has status
 * {@link kz.shekara.model.TrackStatus#DELETED}). Live, a scan skips the sectors it has no plot in and
 * whose tracks its sensor never saw: their tracks move on, and may end, at the next scan that touches
 * them (the batch mode moves every confirmed track to every scan time, as its files show them).
 *
 * <p>A tracker that owns only some of its sectors ({@link #handOverAcross}: a worker of a cluster, fed
 * only the detections of its sectors) hands a track that moves into a sector it does not own over to
 * that sector's tracker: the track is reported from the new sector as here, then taken out and given to
 * {@link #takeHandovers()}; the owner {@link #receive receives} it and adopts it, with its id, before its
 * first scan later than the hand-over's time plus the hand-over lag. Not thread-safe: feed it from one thread.
 */
public final class MultiSectorTracker {
    /** How the tracker is fed and what it reports after each scan time. */
    public enum Mode {
        /** Every confirmed and coasting track, detected or not; every detection moves the watermark. */
        BATCH,
        /**
         * Only confirmed tracks updated by a detection, newly confirmed, or newly coasting; an alarm
         * detection (which the live bus delivers without waiting, so it may be ahead in event time of
         * back-pressured plot feeds) does not move the watermark, so it cannot make their plots late.
         */
        LIVE
    }

    /** The sensor of a scan with no plot ({@link #reached}), which no detection names: it misses no track. */
    private static final String NO_SENSOR = "";

    private final Map<String, SectorTracker> sectors = new LinkedHashMap<>();
    private final SectorLocator locator;
    private final SectorRouter router;
    private final RoutesAhead ahead;
    private final ReorderBuffer buffer;
    private final Mode mode;
    private long outside;
    private long handovers;
    // Hand-over across trackers: off (every sector owned) until handOverAcross.
    private final HandoverExchange exchange = new HandoverExchange();

    public MultiSectorTracker(TrackerConfig config, List<Sector> sectorList, SectorLocator locator) {
        this(config, sectorList, locator, Mode.BATCH);
    }

    public MultiSectorTracker(TrackerConfig config, List<Sector> sectorList, SectorLocator locator, Mode mode) {
        Objects.requireNonNull(config, "config");
        this.mode = Objects.requireNonNull(mode, "mode");
        TrackerParts parts = TrackerParts.from(config);
        for (Sector s : sectorList) {
            SectorTracker t = new SectorTracker(s.id(), new LocalFrame(s.originLat(), s.originLon()), parts);
            t.reportEnded(mode == Mode.LIVE);
            sectors.put(s.id(), t);
        }
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("need at least one sector");
        }
        this.locator = Objects.requireNonNull(locator, "locator");
        Map<String, LocalFrame> frames = new LinkedHashMap<>();
        sectors.forEach((id, t) -> frames.put(id, t.frame()));
        this.router = new SectorRouter(locator, frames, config.overlapM());
        this.ahead = new RoutesAhead(router);
        this.buffer = new ReorderBuffer(config.reorderWindow());
    }

    /**
     * Makes this tracker own only the sectors {@code owned} accepts (the others are where it hands tracks
     * over: see {@link #takeHandovers()}); {@code partition} names it in the hand-overs it sends, and a track
     * it receives is adopted before its first scan later than the hand-over's time plus {@code lag}.
     */
    public MultiSectorTracker handOverAcross(int partition, Predicate<String> owned, Duration lag) {
        exchange.across(partition, owned, lag);
        return this;
    }

    /** The tracks that moved into sectors this tracker does not own since the last call, in the order they left. */
    public List<TrackHandover> takeHandovers() {
        return exchange.take();
    }

    /**
     * A track handed over by another tracker into a sector this one owns: adopted, keeping its id, before
     * the first scan later than its time plus the hand-over lag (at the next scan when that is past).
     * Returns false, doing nothing, for a hand-over received before (the same track at the same time: a
     * sender that took over a partition sends again what its predecessor sent after its last commit).
     *
     * @throws IllegalArgumentException for a mark, or a sector this tracker does not own
     */
    public boolean receive(TrackHandover h) {
        if (!h.carriesTrack()) {
            throw new IllegalArgumentException("a progress mark carries no track to receive");
        }
        if (!sectors.containsKey(h.toSector()) || !exchange.owns(h.toSector())) {
            throw new IllegalArgumentException("track " + h.track().id() + " handed over to sector " + h.toSector()
                    + ", which this tracker does not own");
        }
        return exchange.receive(h);
    }

    /** Hand-overs received after this tracker had already run a scan they were due before. */
    public long lateHandovers() {
        return exchange.late();
    }

    /** Takes one detection; returns the confirmed tracks of every scan time it completed, in time order. */
    public List<TrackUpdate> accept(Detection d) {
        return process(buffer.add(d, mode == Mode.BATCH || !d.kind().isAlarm()));
    }

    /**
     * {@link #accept(Detection)} with the detection's route worked out ahead by this tracker's
     * {@link #router()} (on another thread, say): the same output, the routing left out of this call.
     */
    public List<TrackUpdate> accept(Detection d, SectorRouter.Route route) {
        long late = buffer.lateDetections();
        List<Scan> scans = buffer.add(d, mode == Mode.BATCH || !d.kind().isAlarm());
        if (buffer.lateDetections() == late && sectors.size() > 1) {
            ahead.add(d, route);
        }
        return process(scans);
    }

    /** Works out detections' routes to this tracker's sectors; thread-safe. */
    public SectorRouter router() {
        return router;
    }

    /** Processes everything still buffered (end of input). */
    public List<TrackUpdate> flush() {
        return process(buffer.flush());
    }

    /**
     * Runs the scans a detection of time {@code time} would release, without one (the input goes on at
     * {@code time} or later: see {@link ReorderBuffer#advanceTo}); returns their confirmed tracks as {@link #accept}.
     */
    public List<TrackUpdate> advanceTo(Instant time) {
        return process(buffer.advanceTo(time));
    }

    /**
     * A producer's watermark: the input goes on at {@code time} or later. Runs the scans a detection of that time
     * would release ({@link #advanceTo}), then a scan with no plot at the time before which every scan has now run
     * (the later of {@code time} and the latest detection's, less the reorder window), over every sector with
     * tracks: one tracker over every sensor moves them so at each scan of the others' sensors, so a track of a
     * sector gone quiet coasts there and ends when the deleter says (too long without a detection, too large a
     * position error), as there, rather than living on to take the sector's next plots; live, its end is reported.
     * A track its prediction carries into a sector not owned is handed over, as at any scan. Nothing more when that
     * time is not after the last scan. The same watermarks among the same detections give the same tracks. Returns
     * the confirmed tracks as {@link #accept}.
     */
    public List<TrackUpdate> reached(Instant time) {
        List<TrackUpdate> out = process(buffer.advanceTo(time));
        Instant passed = buffer.releasedBefore(time);
        Instant last = lastScanTime();
        if (last == null || passed.isAfter(last)) {
            out.addAll(process(List.of(new Scan(passed, NO_SENSOR, List.of()))));
        }
        return out;
    }

    /** What this tracker's progress mark may say, its next detection known to be no earlier than {@code next}: {@link ReorderBuffer#progress}. */
    public Instant progress(Instant next) {
        return buffer.progress(next);
    }

    /** Detections dropped because they came later than the reorder window allows. */
    public long lateDetections() {
        return buffer.lateDetections();
    }

    /** Detections whose position no sector owned. */
    public long outsideDetections() {
        return outside;
    }

    public long handovers() {
        return handovers;
    }

    public int liveTracks() {
        return sectors.values().stream().mapToInt(SectorTracker::liveTracks).sum();
    }

    /** Everything this tracker carries between detections, as values (see {@link TrackerState}). */
    public TrackerState state() {
        List<TrackerState.Sector> list = new ArrayList<>(sectors.size());
        for (SectorTracker s : sectors.values()) {
            list.add(s.state());
        }
        return new TrackerState(buffer.pending(), buffer.latest(), buffer.lateDetections(), outside, handovers, list);
    }

    /**
     * Replaces this tracker's state with one taken by {@link #state()} of a tracker over the same
     * sectors and configuration; from then on it gives the same output as that tracker would have.
     *
     * @throws IllegalArgumentException when the sectors differ
     */
    public void restore(TrackerState state) {
        if (state.sectors().size() != sectors.size()) {
            throw new IllegalArgumentException("tracker state has " + state.sectors().size() + " sectors, tracker has "
                    + sectors.size());
        }
        for (TrackerState.Sector s : state.sectors()) {
            SectorTracker t = sectors.get(s.id());
            if (t == null) {
                throw new IllegalArgumentException("tracker state of unknown sector " + s.id());
            }
            t.restore(s);
        }
        ahead.clear();
        buffer.restore(state.pending(), state.latest(), state.late());
        outside = state.outside();
        handovers = state.handovers();
    }

    private List<TrackUpdate> process(List<Scan> scans) {
        List<TrackUpdate> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            Scan scan = scans.get(i);
            handovers += exchange.adoptDue(scan.time(), sectors);
            step(scan);
            exchange.scanned(scan.time());
            boolean lastOfTime = i + 1 == scans.size() || !scans.get(i + 1).time().equals(scan.time());
            if (lastOfTime) {
                for (SectorTracker s : sectors.values()) {
                    if (mode == Mode.BATCH) {
                        out.addAll(s.confirmedTracks());
                    } else if (s.takeDirty()) {
                        out.addAll(s.changedTracks());
                    }
                }
                exchange.sendForeign(scan.time(), sectors.values());
            }
        }
        return out;
    }

    private void step(Scan scan) {
        if (scan.detections().isEmpty()) {
            coast(scan.time());
            return;
        }
        if (sectors.size() == 1) {
            SectorTracker only = sectors.values().iterator().next();
            List<Plot> plots = new ArrayList<>(scan.detections().size());
            for (Detection d : scan.detections()) {
                plots.add(only.plot(d));
            }
            only.step(scan.time(), scan.sensor(), plots);
            return;
        }
        Map<String, List<Plot>> routed = new LinkedHashMap<>();
        Map<String, List<Detection>> owned = new LinkedHashMap<>();
        for (String id : sectors.keySet()) {
            routed.put(id, new ArrayList<>());
            owned.put(id, new ArrayList<>());
        }
        for (Detection d : scan.detections()) {
            route(d, routed, owned);
        }
        Instant previous = lastScanTime();
        IdentityHashMap<Detection, Boolean> taken = new IdentityHashMap<>(scan.detections().size());
        List<SectorTracker> updated = new ArrayList<>(sectors.size());
        for (SectorTracker s : sectors.values()) {
            List<Plot> plots = routed.get(s.sectorId());
            if (mode == Mode.LIVE && plots.isEmpty() && s.untouchedBy(scan.sensor())) {
                continue;
            }
            updated.add(s);
            List<Plot> rest = s.update(scan.time(), previous, scan.sensor(), plots);
            IdentityHashMap<Detection, Boolean> left = new IdentityHashMap<>(rest.size());
            rest.forEach(p -> left.put(p.source(), Boolean.TRUE));
            plots.forEach(p -> {
                if (!left.containsKey(p.source())) {
                    taken.put(p.source(), Boolean.TRUE);
                }
            });
        }
        for (SectorTracker s : updated) {
            List<Plot> fresh = new ArrayList<>();
            for (Detection d : owned.get(s.sectorId())) {
                if (!taken.containsKey(d)) {
                    fresh.add(s.plot(d));
                }
            }
            s.initiate(fresh, scan.time());
        }
        handovers += exchange.handOver(updated, sectors, locator);
    }

    /** A scan with no plot at {@code time} over every sector with tracks (see {@link #reached}). */
    private void coast(Instant time) {
        Instant previous = lastScanTime();
        List<SectorTracker> updated = new ArrayList<>(sectors.size());
        for (SectorTracker s : sectors.values()) {
            if (s.liveTracks() > 0) {
                s.update(time, previous, NO_SENSOR, List.of());
                updated.add(s);
            }
        }
        handovers += exchange.handOver(updated, sectors, locator);
    }

    /** The latest scan time of any sector, null before the first scan. */
    private Instant lastScanTime() {
        Instant last = null;
        for (SectorTracker s : sectors.values()) {
            if (s.time() != null && (last == null || s.time().isAfter(last))) {
                last = s.time();
            }
        }
        return last;
    }

    private void route(Detection d, Map<String, List<Plot>> routed, Map<String, List<Detection>> owned) {
        SectorRouter.Route r = ahead.routeOf(d);
        if (r.outside()) {
            outside++;
            return;
        }
        owned.get(r.sectors()[0]).add(d);
        for (int i = 0; i < r.sectors().length; i++) {
            routed.get(r.sectors()[i]).add(r.plots()[i]);
        }
    }

    /** Every sector tracker moves every track to every scan time (the reference loop; see {@link SectorTracker#update}). */
    MultiSectorTracker everyTrackEveryScan() {
        sectors.values().forEach(SectorTracker::everyTrackEveryScan);
        return this;
    }

    /** The sector trackers, by id, in the order given. */
    Map<String, SectorTracker> sectors() {
        return sectors;
    }

    Instant time() {
        return sectors.values().iterator().next().time();
    }
}
