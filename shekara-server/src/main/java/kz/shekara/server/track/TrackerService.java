package kz.shekara.server.track;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
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
 * It subscribes {@linkplain Bus#subscribeInOrder in order}: one
 * queue in publish order, so no sector's plots run ahead and make another's late, and an alarm
 * detection keeps its place among the plots while the rules get it ahead of them. Event time
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
            subscription = bus.subscribeInOrder(Topic.OBSERVATIONS, GROUP, this::accept);
        }
    }

    /** Takes one detection (the bus handler; callable directly from a single feeder too). */
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

    /** Replaces the tracker's state, e.g. with a {@link TrackerView}'s at start-up; call before {@link #start()}. */
    public synchronized void restore(TrackerState state) {
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

    /** Publishes each run of consecutive updates of one sector at once (one commit on a logged bus). */
    private void publish(List<TrackUpdate> out) {
        int from = 0;
        for (int i = 1; i <= out.size(); i++) {
            if (i == out.size() || !out.get(i).sector().equals(out.get(from).sector())) {
                bus.publishAll(Topic.TRACKS, out.get(from).sector(), out.subList(from, i));
                from = i;
            }
        }
        updates.increment(out.size());
    }
}
