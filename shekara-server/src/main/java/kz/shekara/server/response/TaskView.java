package kz.shekara.server.response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.dispatch.ControlOfRecord;
import kz.shekara.dispatch.CrisesInForce;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchState;
import kz.shekara.model.Alert;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;

/**
 * What the {@link ResponseService} needs back after a restart, rebuilt from the log: the latest
 * step of every active task (its last step with an order for the crew, and where its unit stood when the crew acknowledged), each unit's
 * last position and operational control, the crises in force, each sector's posture, the open incidents' events, the
 * alerts' tracks and the tracks' latest updates (those within the service's track memory of event
 * time), the sector each active task was logged under (its partition key), and the closing event of each incident
 * closed while a task of it was still active (a node stopped between the two: the task's end was never logged),
 * each in logged order, as a clean replay of the log gives them. Control is folded by the rule every reader of
 * the control changes follows ({@link ControlOfRecord}: a transfer recorded on a cluster after a rival one from the
 * same holder changes nothing). Thread-safe (one lock).
 */
public final class TaskView implements LogView {
    /** Where a tasked unit stood (WGS-84 degrees) when its crew acknowledged task {@code task}. */
    public record AckPoint(String task, double lat, double lon) {
    }

    /** The view's state, oldest first in each list; {@code now} is the latest event time seen. */
    public record State(Instant now, List<PostureChange> postures, List<ControlChange> controls,
                        List<UnitPosition> positions, List<TrackUpdate> tracks, List<Alert> alerts,
                        List<IncidentEvent> incidents, List<Task> tasks, List<Task> orders, List<AckPoint> acks,
                        List<CrisisEvent> crises, Map<String, String> sectors, List<IncidentEvent> closing) {
        public State {
            closing = closing == null ? List.of() : List.copyOf(closing); // none in a snapshot older than this
            // None in a snapshot older than task sectors; sorted, so that a snapshot's bytes are the same each time.
            sectors = sectors == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sectors));
            crises = crises == null ? List.of() : List.copyOf(crises); // none in a snapshot older than crises
            postures = List.copyOf(postures);
            controls = List.copyOf(controls);
            positions = List.copyOf(positions);
            tracks = List.copyOf(tracks);
            alerts = List.copyOf(alerts);
            incidents = List.copyOf(incidents);
            tasks = List.copyOf(tasks);
            orders = List.copyOf(orders);
            acks = List.copyOf(acks);
        }

        /** The dispatch desk's part of this state (all but the orders, which only the CoT devices need). */
        public DispatchState toDesk() {
            return new DispatchState(now, postures, controls, positions, tracks, alerts, incidents, tasks,
                    acks.stream().map(a -> new DispatchState.AckPoint(a.task(), a.lat(), a.lon())).toList(), sectors);
        }
    }

    private final Duration trackMemory;
    private Instant now = Instant.EPOCH;
    private final Map<String, PostureChange> postures = new LinkedHashMap<>();
    private final ControlOfRecord controls;
    private final Map<String, UnitPosition> positions = new LinkedHashMap<>();
    private final Map<String, TrackUpdate> tracks = new LinkedHashMap<>();
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, List<IncidentEvent>> incidents = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, Task> orders = new LinkedHashMap<>();
    private final Map<String, AckPoint> acks = new LinkedHashMap<>();
    private final CrisesInForce crises = new CrisesInForce();
    /** The key each active task was logged under, by task id (none for "-": no sector). */
    private final Map<String, String> sectors = new LinkedHashMap<>();
    /** By incident: its closing event, while a task of it is still active (that task's end not yet logged). */
    private final Map<String, IncidentEvent> closing = new LinkedHashMap<>();

    /** A view that does not know the units' own commands: a unit's first transfer is taken as it comes. */
    public TaskView() {
        this(DispatchDesk.TRACK_MEMORY, new ControlOfRecord(u -> null));
    }

    /** A view of {@code theatre}'s units, each under its own command until a change takes effect. */
    public TaskView(kz.shekara.theatre.Theatre theatre) {
        this(DispatchDesk.TRACK_MEMORY, new ControlOfRecord(theatre));
    }

    TaskView(Duration trackMemory) {
        this(trackMemory, new ControlOfRecord(u -> null));
    }

    private TaskView(Duration trackMemory, ControlOfRecord controls) {
        this.trackMemory = trackMemory;
        this.controls = controls;
    }

    @Override
    public String name() {
        return "response-tasks-v1";
    }

    @Override
    public synchronized void apply(StoredEvent stored) {
        switch (stored.event()) {
            case PostureChange c -> { advance(c.time()); postures.put(c.sector(), c); }
            case ControlChange c -> { advance(c.time()); controls.take(c); }
            case CrisisEvent c -> onCrisis(c);
            case UnitPosition p -> { advance(p.time()); positions.remove(p.unit()); positions.put(p.unit(), p); }
            case TrackUpdate t -> onTrack(t);
            case Alert a -> {
                if (a.track() != null) {
                    alerts.put(a.id(), a);
                }
            }
            case IncidentEvent e -> onIncident(e);
            case Task t -> onTask(t, stored.key());
            default -> { }
        }
    }

    private void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    private void onCrisis(CrisisEvent c) {
        advance(c.time());
        crises.take(c); // one that did not take effect on a cluster's record changes nothing (CrisesInForce)
    }

    private void onTrack(TrackUpdate t) {
        advance(t.time());
        tracks.remove(t.track());
        tracks.put(t.track(), t);
        Instant cut = t.time().minus(trackMemory);
        for (Iterator<TrackUpdate> it = tracks.values().iterator(); it.hasNext(); ) {
            if (!it.next().time().isBefore(cut)) {
                break; // kept in logged order: the oldest first, near enough to stop at the first recent one
            }
            it.remove();
        }
    }

    private void onIncident(IncidentEvent e) {
        advance(e.time());
        if (e.status().terminal()) {
            List<IncidentEvent> gone = incidents.remove(e.incident());
            if (gone != null) {
                gone.stream().map(IncidentEvent::alert).filter(a -> a != null).forEach(alerts::remove);
            }
            if (tasks.values().stream().anyMatch(t -> t.incident().equals(e.incident()))) {
                closing.put(e.incident(), e);
            }
        } else {
            incidents.computeIfAbsent(e.incident(), k -> new ArrayList<>()).add(e);
        }
    }

    private void onTask(Task t, String key) {
        advance(t.time());
        if (!t.status().active()) {
            sectors.remove(t.id());
            tasks.remove(t.id());
            orders.remove(t.id());
            acks.remove(t.id());
            if (tasks.values().stream().noneMatch(x -> x.incident().equals(t.incident()))) {
                closing.remove(t.incident());
            }
            return;
        }
        if (key != null && !key.equals("-")) {
            sectors.put(t.id(), key);
        }
        Task before = tasks.put(t.id(), t);
        if (!t.message().isEmpty()) {
            orders.put(t.id(), t);
        }
        if (t.status() == TaskStatus.ACKNOWLEDGED && (before == null || before.status() != TaskStatus.ACKNOWLEDGED)) {
            UnitPosition p = positions.get(t.unit());
            if (p != null) {
                acks.put(t.id(), new AckPoint(t.id(), p.lat(), p.lon()));
            }
        }
    }

    /** A copy of the whole state. */
    /**
     * The state of a view fed {@code tasks} (task steps) and {@code inputs} merged in event-time order, a task step
     * after the inputs of its time (a take-over's rebuild, see {@link ResponseService#rebuild}).
     */
    public static State folded(List<? extends DomainEvent> tasks, List<? extends DomainEvent> inputs) {
        List<DomainEvent> all = new ArrayList<>(inputs);
        all.addAll(tasks);
        all.sort(java.util.Comparator.comparing(DomainEvent::time)); // stable
        TaskView view = new TaskView();
        long seq = 0;
        for (DomainEvent e : all) {
            view.apply(new StoredEvent(++seq, "-", "-", e));
        }
        return view.state();
    }

    public synchronized State state() {
        List<IncidentEvent> open = new ArrayList<>();
        incidents.values().forEach(open::addAll);
        return new State(now, new ArrayList<>(postures.values()), controls.changes(),
                new ArrayList<>(positions.values()), new ArrayList<>(tracks.values()), new ArrayList<>(alerts.values()),
                open, new ArrayList<>(tasks.values()), new ArrayList<>(orders.values()),
                new ArrayList<>(acks.values()), new ArrayList<>(crises.list()), sectors,
                new ArrayList<>(closing.values()));
    }

    @Override
    public byte[] snapshot() {
        try {
            return EventCodec.standard().mapper().writeValueAsBytes(state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void restore(byte[] bytes) {
        State s;
        try {
            s = EventCodec.standard().mapper().readValue(bytes, State.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable response-tasks snapshot", e);
        }
        now = s.now();
        postures.clear();
        controls.clear();
        positions.clear();
        tracks.clear();
        alerts.clear();
        incidents.clear();
        tasks.clear();
        orders.clear();
        acks.clear();
        crises.clear();
        sectors.clear();
        closing.clear();
        sectors.putAll(s.sectors());
        s.closing().forEach(e -> closing.put(e.incident(), e));
        s.crises().forEach(crises::take);
        s.postures().forEach(c -> postures.put(c.sector(), c));
        controls.restore(s.controls());
        s.positions().forEach(p -> positions.put(p.unit(), p));
        s.tracks().forEach(t -> tracks.put(t.track(), t));
        s.alerts().forEach(a -> alerts.put(a.id(), a));
        s.incidents().forEach(e -> incidents.computeIfAbsent(e.incident(), k -> new ArrayList<>()).add(e));
        s.tasks().forEach(t -> tasks.put(t.id(), t));
        s.orders().forEach(t -> orders.put(t.id(), t));
        s.acks().forEach(a -> acks.put(a.task(), a));
    }
}
