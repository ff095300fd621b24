package kz.shekara.server.view;

import kz.shekara.server.config.LiveStateConfig;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import kz.shekara.dispatch.UnitStatuses;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;

/**
 * The current operational picture, kept from the bus: the latest position of every unit (theatre
 * units and any TAK device by its uid) with the status its task gives it ({@link UnitStatuses}: a
 * position report moves a unit, never resets its status), recent detections, the last chat messages, and every live
 * track with a short trail. All ages are measured in event time against the newest event seen, never
 * the wall clock, so the same events give the same picture. A track's {@link TrackStatus#DELETED}
 * update (the tracker ended it) takes it out of the picture at once; the end is remembered for the
 * track timeout, so that an older update of that track arriving late does not bring it back.
 *
 * <p>Thread-safe: bus threads write under one lock; reads return immutable snapshots. Listeners
 * ({@link #listen}) are told of each event after it is in the picture, on the bus thread, and must
 * not block. Cost: an update in event-time order is O(1) amortised (a late detection costs O(n) in
 * the detections kept); a track sweep is O(tracks) and runs at most once per quarter of the track
 * timeout of event time.
 */
public final class LiveState implements AutoCloseable {
    private static final Comparator<Detection> DETECTION_ORDER =
            Comparator.comparing(Detection::time).thenComparing(Detection::sensor);
    private static final Comparator<ChatMessage> MESSAGE_ORDER =
            Comparator.comparing(ChatMessage::time).thenComparing(ChatMessage::id);

    private final Bus bus;
    private final LiveStateConfig config;
    private final Map<String, UnitPosition> units = new HashMap<>();
    private final UnitStatuses statuses = new UnitStatuses();
    private final ArrayDeque<Detection> detections = new ArrayDeque<>();
    private final ArrayDeque<ChatMessage> messages = new ArrayDeque<>();
    private final Map<String, TrackTrail> tracks = new HashMap<>();
    /** Event time each ended track ended at, kept for the track timeout. */
    private final Map<String, Instant> ended = new HashMap<>();
    private final List<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private Instant latest;
    private Instant lastSweep = Instant.MIN;
    private long events;

    public LiveState(Bus bus, LiveStateConfig config) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Subscribes to unit positions, task steps, observations, messages and tracks (groups "live-state.*"). */
    public synchronized void start() {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("live state already started");
        }
        subscriptions.add(bus.subscribe(Topic.UNIT_POSITIONS, "live-state.units", this::accept));
        subscriptions.add(bus.subscribe(Topic.TASKS, "live-state.tasks", this::accept));
        subscriptions.add(bus.subscribe(Topic.OBSERVATIONS, "live-state.observations", this::accept));
        subscriptions.add(bus.subscribe(Topic.MESSAGES, "live-state.messages", this::accept));
        subscriptions.add(bus.subscribe(Topic.TRACKS, "live-state.tracks", this::accept));
    }

    /**
     * Registers a listener told of every event after it is applied; closing the returned handle
     * removes it.
     */
    public AutoCloseable listen(Consumer<DomainEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Applies one event to the picture and tells the listeners. Called by the bus; public for replay.
     * Listeners are told of a unit position with the status the unit's task gives it, and of a task
     * step as the unit's latest position with its new status (nothing when the unit has not reported).
     */
    public void accept(DomainEvent event) {
        boolean shown = true;
        DomainEvent told = event;
        synchronized (this) {
            switch (event) {
                case UnitPosition p -> {
                    units.merge(p.unit(), p, (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
                    told = statuses.overlay(p);
                }
                case Task t -> {
                    statuses.onTask(t);
                    UnitPosition p = units.get(t.unit());
                    told = p == null ? null : statuses.overlay(p);
                    shown = p != null;
                }
                case Detection d -> addDetection(d);
                case ChatMessage m -> addMessage(m);
                case TrackUpdate t -> shown = addTrack(t);
                default -> {
                    return;
                }
            }
            events++;
            if (latest == null || event.time().isAfter(latest)) {
                latest = event.time();
            }
            evict();
        }
        if (!shown) {
            return; // an older track update, or a task of a unit not seen yet: nothing to tell
        }
        for (Consumer<DomainEvent> l : listeners) {
            l.accept(told);
        }
    }

    /** Applies a track update; false when it is older than what the picture holds of that track. */
    private boolean addTrack(TrackUpdate t) {
        Instant end = ended.get(t.track());
        if (end != null && !t.time().isAfter(end)) {
            return false;
        }
        TrackTrail trail = tracks.get(t.track());
        if (trail != null && t.time().isBefore(trail.latest().time())) {
            return false;
        }
        if (t.status() == TrackStatus.DELETED) {
            tracks.remove(t.track());
            ended.put(t.track(), t.time());
            return true;
        }
        // A later update under an ended track's id is a new track (ids are not reused live, but a replay may).
        ended.remove(t.track());
        tracks.computeIfAbsent(t.track(), k -> new TrackTrail()).add(t, config.trailPoints());
        return true;
    }

    private void addDetection(Detection d) {
        if (detections.isEmpty() || !d.time().isBefore(detections.peekLast().time())) {
            detections.addLast(d);
            return;
        }
        // A late detection (another partition ran ahead): keep the deque in event-time order.
        List<Detection> all = new ArrayList<>(detections);
        int i = java.util.Collections.binarySearch(all, d, DETECTION_ORDER);
        all.add(i < 0 ? -i - 1 : i, d);
        detections.clear();
        detections.addAll(all);
    }

    private void addMessage(ChatMessage m) {
        messages.addLast(m);
        while (messages.size() > config.maxMessages()) {
            messages.removeFirst();
        }
    }

    private void evict() {
        Instant detectionCut = latest.minus(config.detectionWindow());
        while (!detections.isEmpty()
                && (detections.size() > config.maxDetections() || detections.peekFirst().time().isBefore(detectionCut))) {
            detections.removeFirst();
        }
        if (latest.isAfter(lastSweep.plus(config.trackTimeout().dividedBy(4)))) {
            Instant trackCut = latest.minus(config.trackTimeout());
            tracks.values().removeIf(t -> t.latest().time().isBefore(trackCut));
            ended.values().removeIf(t -> t.isBefore(trackCut));
            lastSweep = latest;
        }
    }

    /** Latest position of every unit the viewer may see, with the status its task gives it, by unit id. */
    public synchronized List<UnitPosition> units(Viewer viewer) {
        return units.values().stream().filter(viewer::maySee).sorted(Comparator.comparing(UnitPosition::unit))
                .map(statuses::overlay).toList();
    }

    public synchronized Optional<UnitPosition> unit(Viewer viewer, String id) {
        return Optional.ofNullable(units.get(id)).filter(viewer::maySee).map(statuses::overlay);
    }

    /** The status a unit's active task gives it; empty when it has none. */
    public synchronized Optional<UnitStatus> taskedStatus(String unit) {
        UnitStatus s = statuses.status(unit, null);
        return Optional.ofNullable(s);
    }

    /** Kept detections with an event time strictly after {@code since} (all when null), oldest first. */
    public synchronized List<Detection> detections(Viewer viewer, Instant since) {
        return detections.stream().filter(d -> since == null || d.time().isAfter(since)).filter(viewer::maySee).toList();
    }

    /** The last chat messages, oldest first. */
    public synchronized List<ChatMessage> messages(Viewer viewer) {
        return messages.stream().filter(viewer::maySee).sorted(MESSAGE_ORDER).toList();
    }

    /**
     * Live tracks with their trails, by track id: those updated within the track timeout of the newest
     * event (a track past it is gone from the picture even before the next sweep drops it).
     */
    public synchronized List<TrackView> tracks(Viewer viewer) {
        Instant cut = latest == null ? Instant.MIN : latest.minus(config.trackTimeout());
        return tracks.entrySet().stream().filter(e -> !e.getValue().latest().time().isBefore(cut))
                .filter(e -> viewer.maySee(e.getValue().latest()))
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().view()).toList();
    }

    /** Event time of the newest event in the picture, empty before the first. */
    public synchronized Optional<Instant> latestEventTime() {
        return Optional.ofNullable(latest);
    }

    /** How many events the picture has taken in since it started. */
    public synchronized long eventCount() {
        return events;
    }

    /** Events queued on the bus for this picture and not yet applied. */
    public synchronized int queueDepth() {
        return subscriptions.stream().mapToInt(Bus.Subscription::queueDepth).sum();
    }

    /** Empties the picture (a replay session seeking back starts again from its period's start). */
    public synchronized void clear() {
        units.clear();
        statuses.clear();
        detections.clear();
        messages.clear();
        tracks.clear();
        ended.clear();
        latest = null;
        lastSweep = Instant.MIN;
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
    }

    /** The mutable per-track record, only touched under the LiveState lock. */
    private static final class TrackTrail {
        private final ArrayDeque<TrackView.TrailPoint> trail = new ArrayDeque<>();
        private TrackUpdate latest;

        void add(TrackUpdate t, int max) {
            latest = t;
            trail.addLast(new TrackView.TrailPoint(t.lat(), t.lon()));
            while (trail.size() > max) {
                trail.removeFirst();
            }
        }

        TrackUpdate latest() {
            return latest;
        }

        TrackView view() {
            return new TrackView(latest, List.copyOf(trail));
        }
    }
}
