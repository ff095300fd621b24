package kz.shekara.server.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.Snapshot;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerState;

/**
 * The tracker as a clean replay of the log makes it: a {@link MultiSectorTracker} in the live tracker's
 * mode ({@link MultiSectorTracker.Mode#LIVE}: alarms do not move the watermark, a scan skips the
 * sectors it cannot touch) fed every logged detection in seq order (what it would publish is dropped:
 * the live tracker's tracks are already logged), plus the highest track number logged per id prefix, so that a tracker restored from
 * {@link #state()} never hands out an id the log already holds. Snapshots are the
 * {@link TrackerState} as JSON. At start-up it restores the tracker; once the live tracker takes over
 * ({@link #follow}) it snapshots the live tracker's state instead of running a second one. Applying
 * runs on one thread; {@link #state()} is safe from others.
 */
public final class TrackerView implements LogView {
    private MultiSectorTracker tracker; // null once it follows the live tracker
    private TrackerService live;
    private final Map<String, Long> highestLogged = new TreeMap<>();

    public TrackerView(TrackerConfig config, Theatre theatre) {
        this(config, theatre, new SectorLocator(theatre));
    }

    public TrackerView(TrackerConfig config, Theatre theatre, SectorLocator sectors) {
        this.tracker = new MultiSectorTracker(config, theatre.sectors(), sectors, MultiSectorTracker.Mode.LIVE);
    }

    /** JSON form of the snapshot: the tracker's state and the id high-water marks. */
    record Saved(TrackerState tracker, Map<String, Long> highestLogged) {
    }

    @Override
    public String name() {
        return "tracker-v1";
    }

    /**
     * From now on the live tracker, restored from {@link #state()}, holds the tracker: this view no
     * longer replays detections, only notes the track ids logged, and {@link #snapshotAt} saves the live
     * tracker's {@linkplain TrackerService#checkpoint() checkpoint} at its own seq. The ids noted up to
     * the checkpointer's position may lag that seq; ids logged in between are the live tracker's own
     * (the only publisher of tracks), so its id counters are past them already.
     */
    public synchronized void follow(TrackerService liveTracker) {
        this.live = Objects.requireNonNull(liveTracker, "liveTracker");
        this.tracker = null;
    }

    @Override
    public synchronized void apply(StoredEvent event) {
        if (event.event() instanceof Detection d && event.topic().equals(Topic.OBSERVATIONS.name())) {
            if (tracker != null) {
                tracker.accept(d);
            }
        } else if (event.event() instanceof TrackUpdate u) {
            int dash = u.track().lastIndexOf('-');
            if (dash > 0) {
                try {
                    highestLogged.merge(u.track().substring(0, dash), Long.parseLong(u.track().substring(dash + 1)),
                            Math::max);
                } catch (NumberFormatException e) {
                    // an id not of the tracker's form (sector-number) cannot collide with its ids
                }
            }
        }
    }

    /**
     * The state to restore the live tracker from: the replayed tracker's, with each sector's id
     * counter past the highest id the log holds for it.
     */
    public synchronized TrackerState state() {
        TrackerState s = tracker != null ? tracker.state() : live.checkpoint().orElseThrow().state();
        List<TrackerState.Sector> sectors = new ArrayList<>(s.sectors().size());
        for (TrackerState.Sector sec : s.sectors()) {
            long next = Math.max(sec.nextId(), highestLogged.getOrDefault(sec.id(), 0L) + 1);
            sectors.add(new TrackerState.Sector(sec.id(), next, sec.time(), sec.sensors(), sec.tracks()));
        }
        return new TrackerState(s.pending(), s.latest(), s.late(), s.outside(), s.handovers(), sectors);
    }

    @Override
    public synchronized byte[] snapshot() {
        if (tracker == null) {
            throw new IllegalStateException("the tracker view follows the live tracker: use snapshotAt");
        }
        return bytes(tracker.state());
    }

    /** While following the live tracker, its checkpoint at that checkpoint's seq (null while it has none). */
    @Override
    public synchronized Snapshot snapshotAt(long position) {
        if (live == null) {
            return LogView.super.snapshotAt(position);
        }
        return live.checkpoint().map(c -> new Snapshot(name(), c.seq(), bytes(c.state()))).orElse(null);
    }

    private byte[] bytes(TrackerState state) {
        try {
            return EventCodec.standard().mapper().writeValueAsBytes(new Saved(state, highestLogged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void restore(byte[] state) {
        if (tracker == null) {
            throw new IllegalStateException("the tracker view follows the live tracker");
        }
        try {
            Saved saved = EventCodec.standard().mapper().readValue(state, Saved.class);
            tracker.restore(saved.tracker());
            highestLogged.clear();
            highestLogged.putAll(saved.highestLogged());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable tracker snapshot", e);
        }
    }
}
