package kz.shekara.server.track;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerState;

/**
 * The live tracker: subscribes to {@link Topic#OBSERVATIONS} (group {@code tracker}), runs every
 * detection through one {@link MultiSectorTracker} over the theatre's sectors, and publishes on
 * {@link Topic#TRACKS}, keyed by their sector, the confirmed tracks each scan time changed: detected,
 * newly confirmed or newly coasting ({@link MultiSectorTracker.Mode#LIVE}: a track that goes on
 * coasting is not re-sent every scan, and an alarm detection, delivered without waiting while plot
 * feeds may be held back, does not move the reorder watermark and so cannot make their plots late).
 * It subscribes {@linkplain Bus#subscribeInLogOrder in log order}: one
 * queue in seq order, so no sector's plots run ahead and make another's late, and an alarm
 * detection keeps its place among the plots while the rules get it ahead of them. So its state after
 * the detection at seq {@code s} is what a replay of the log up to {@code s} makes it: {@link #checkpoint()}
 * gives it to the checkpointer (through {@link TrackerView#follow}) and no second tracker is run. Event time
 * only: a scan is released when later detections move the watermark past it, and {@link #close()}
 * releases the rest. Meters: {@code shekara.tracker.detections}, {@code shekara.tracker.late}
 * (dropped as later than the reorder window), {@code shekara.tracker.updates},
 * {@code shekara.tracker.live} (gauge). Thread-safe: the bus thread and {@link #close()} serialise on
 * the tracker, and publish under its lock.
 */
public final class TrackerService implements AutoCloseable {
    public static final String GROUP = "tracker";

    private final Bus bus;
    private final MultiSectorTracker tracker;
    private final Counter detections;
    private final Counter late;
    private final Counter updates;
    private final AtomicLong live = new AtomicLong();
    private Bus.Subscription subscription;
    private long lateSeen;
    private long position = -1; // the seq of the last detection taken; -1 while unknown
    private Checkpoint closedAt; // the state taken at close, before the flush
    private boolean closed;

    public TrackerService(TrackerConfig config, Bus bus, Theatre theatre, MeterRegistry registry) {
        this(config, bus, theatre, new SectorLocator(theatre), registry);
    }

    public TrackerService(TrackerConfig config, Bus bus, Theatre theatre, SectorLocator sectors, MeterRegistry registry) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.tracker = new MultiSectorTracker(config, theatre.sectors(), sectors, MultiSectorTracker.Mode.LIVE);
        this.detections = registry.counter("shekara.tracker.detections");
        this.late = registry.counter("shekara.tracker.late");
        this.updates = registry.counter("shekara.tracker.updates");
        Gauge.builder("shekara.tracker.live", live, AtomicLong::get).register(registry);
    }

    /** Subscribes to the observations topic. */
    public synchronized void start() {
        if (subscription == null) {
            subscription = bus.subscribeInLogOrder(Topic.OBSERVATIONS, GROUP, this::accept);
        }
    }

    /** Takes the detection at {@code seq} in the log (the bus handler: seqs come in increasing order). */
    synchronized void accept(long seq, Detection d) {
        if (closed) {
            return; // delivered while closing: a restart takes it from the log
        }
        accept(d);
        position = seq;
    }

    /**
     * The tracker's state with the seq of the last detection it took: on a logged bus, what a replay
     * of the log up to that seq makes it (detections come in seq order). Taken under the tracker's
     * lock, so the state and its seq belong together; after {@link #close()}, the state just before
     * the buffered scans were flushed. Empty while the seq is not known (restored without one).
     */
    public synchronized Optional<Checkpoint> checkpoint() {
        if (closedAt != null) {
            return Optional.of(closedAt);
        }
        return position < 0 ? Optional.empty() : Optional.of(new Checkpoint(position, tracker.state()));
    }

    /** The tracker's state after it took every detection logged up to and including {@code seq}. */
    public record Checkpoint(long seq, TrackerState state) {
    }

    /** Takes one detection (callable directly from a single feeder; its log position is not known). */
    public synchronized void accept(Detection d) {
        detections.increment();
        // Published under the lock so that tracks leave in scan order whichever bus thread delivered.
        publish(tracker.accept(d));
        account();
    }

    /** The tracker's whole state (tracks, id counters, reorder buffer), for a snapshot or a test. */
    public synchronized TrackerState state() {
        return tracker.state();
    }

    /**
     * Replaces the tracker's state with a {@link TrackerView}'s at start-up, which holds every detection
     * logged up to {@code seq}; call before {@link #start()}.
     */
    public synchronized void restore(TrackerState state, long seq) {
        position = seq;
        tracker.restore(state);
        lateSeen = tracker.lateDetections();
        live.set(tracker.liveTracks());
    }

    /** Stops the subscription and publishes the scans still buffered. */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        closed = true;
        if (closedAt == null && position >= 0) {
            closedAt = new Checkpoint(position, tracker.state());
        }
        publish(tracker.flush());
        account();
    }

    private void account() {
        long l = tracker.lateDetections();
        if (l > lateSeen) {
            late.increment(l - lateSeen);
            lateSeen = l;
        }
        live.set(tracker.liveTracks());
    }

    private void publish(List<TrackUpdate> out) {
        publishBySector(bus, out);
        updates.increment(out.size());
    }

    /** Most track updates in one {@link Bus#publishAll} of {@link #publishBySector}. */
    public static final int UPDATES_PER_PUBLISH = 256;

    /**
     * Publishes each run of consecutive updates of one sector, keyed by it, in pieces of at most
     * {@link #UPDATES_PER_PUBLISH} (each one commit on a logged bus), in order. A scan of a long-range radar in
     * clutter changes thousands of tracks at once; as one commit, an alarm published meanwhile waited for all of
     * them to be stored (its commit in progress, or its own, took tens of milliseconds); now it waits for one
     * piece at most, as it does for the plots of the bulk lane.
     */
    public static void publishBySector(Bus bus, List<TrackUpdate> out) {
        int from = 0;
        for (int i = 1; i <= out.size(); i++) {
            if (i == out.size() || i - from == UPDATES_PER_PUBLISH || !out.get(i).sector().equals(out.get(from).sector())) {
                bus.publishAll(Topic.TRACKS, out.get(from).sector(), out.subList(from, i));
                from = i;
            }
        }
    }
}
