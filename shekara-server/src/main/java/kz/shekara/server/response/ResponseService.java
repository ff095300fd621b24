package kz.shekara.server.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.ControlChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.routing.Readiness;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.ResponseModels;
import kz.shekara.routing.UnitState;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live response planner: keeps, for each open incident, the units ranked by time to intercept
 * or arrival (through the core {@link Recommender}), recomputed as the incident's track, the
 * units' positions, sector postures and operational control change — at most once per
 * {@link ResponseConfig#minIntervalS()} of event time per incident, and on demand when asked for a
 * stale one. Dispatches a unit (a {@link Task} on {@link Topic#TASKS}, the incident assigned), sends
 * the tasked unit a new intercept point when the target's moves it far enough, takes the crew's
 * acknowledgement from its chat reply or reported status, and moves task and incident to en route
 * and on scene as the unit's positions come in, each step at the event time that caused it (an
 * {@link IncidentEvent} with the unit, through {@link RulesService}). When the target's track ends
 * (a {@link kz.shekara.model.TrackStatus#DELETED} update) the target is its last known point, standing
 * still: the task's waypoint is not moved again and the response names the end time. Operator commands take their
 * time from the injected clock. Reads TRACKS, ALERTS, INCIDENTS, UNIT_POSITIONS, MESSAGES, POSTURE
 * and UNIT_CONTROL. Thread-safe: one lock around the state; events are published outside it.
 */
public final class ResponseService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseService.class);
    private static final String PLANNER = "planner";
    static final Duration TRACK_MEMORY = Duration.ofMinutes(30);

    private final ResponseConfig config;
    private final Bus bus;
    private final RulesService rules;
    private final Theatre theatre;
    private final ResponseModels models;
    private final Recommender recommender;
    /** The units' side of the last ranking, reused for every unit whose state has not changed since. */
    private volatile PreparedUnits prepared;
    private final Clock clock;
    private final Set<String> centreCommands;
    private final UnitBoard units;
    private final IncidentWatch watch = new IncidentWatch(TRACK_MEMORY);
    private final TaskBoard tasks = new TaskBoard();
    private final Map<String, Posture> postures = new HashMap<>();
    private final Map<String, IncidentResponse> latest = new HashMap<>();
    private final Set<String> stale = new HashSet<>();
    private final List<Bus.Subscription> subscriptions = new ArrayList<>();
    private Instant now = Instant.EPOCH;

    public ResponseService(ResponseConfig config, Bus bus, RulesService rules, Theatre theatre, ResponseModels models,
                           SectorLocator sectors, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.theatre = Objects.requireNonNull(theatre, "theatre");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recommender = models.recommender(Recommender.Config.DEFAULT);
        this.centreCommands = theatre.commands().stream().map(Command::id).collect(Collectors.toUnmodifiableSet());
        this.units = new UnitBoard(theatre, sectors, Readiness.DEFAULT);
        theatre.sectors().forEach(s -> postures.put(s.id(), s.posture()));
    }

    /**
     * Takes back the state a {@link TaskView} rebuilt from the log (tasks, operational control,
     * positions, postures, open incidents and their targets), publishing nothing; call before
     * {@link #start()}. Rankings are recomputed when next asked for or when an input changes.
     */
    public synchronized void restore(TaskView.State s) {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("restore before the response service starts");
        }
        s.postures().forEach(c -> postures.put(c.sector(), c.posture()));
        s.controls().forEach(units::onControl);
        s.positions().forEach(units::onPosition);
        s.tracks().forEach(watch::onTrack);
        s.alerts().forEach(watch::onAlert);
        s.incidents().forEach(watch::onIncident);
        for (Task t : s.tasks()) {
            tasks.apply(t);
            units.task(t.unit(), t.status());
        }
        s.acks().forEach(a -> tasks.acknowledgedAt(a.task(), a.lat(), a.lon()));
        advance(s.now());
        latest.clear();
        stale.clear();
    }

    public synchronized void start() {
        if (!subscriptions.isEmpty()) {
            throw new IllegalStateException("response service already started");
        }
        subscriptions.add(bus.subscribe(Topic.ALERTS, "response", this::onAlert));
        subscriptions.add(bus.subscribe(Topic.INCIDENTS, "response", this::onIncident));
        subscriptions.add(bus.subscribe(Topic.TRACKS, "response", this::onTrack));
        subscriptions.add(bus.subscribe(Topic.UNIT_POSITIONS, "response", this::onPosition));
        subscriptions.add(bus.subscribe(Topic.MESSAGES, "response", this::onChat));
        subscriptions.add(bus.subscribe(Topic.POSTURE, "response", this::onPosture));
        subscriptions.add(bus.subscribe(Topic.UNIT_CONTROL, "response", this::onControl));
    }

    private void onAlert(Alert a) {
        Outbox out = new Outbox();
        synchronized (this) {
            // An alert may arrive after the incident event that names it: its track is the target from now on.
            List<String> in = watch.onAlert(a);
            in.forEach(id -> latest.remove(id));
            touched(in, out);
        }
        out.send();
    }

    private void onIncident(IncidentEvent e) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(e.time());
            if (watch.onIncident(e).isPresent()) {
                touched(List.of(e.incident()), out);
            } else {
                latest.remove(e.incident());
                stale.remove(e.incident());
                tasks.ofIncident(e.incident()).ifPresent(t -> step(t.next(e.time(), TaskStatus.ENDED, t.lat(), t.lon(),
                        Double.NaN, e.by(), ""), out));
            }
        }
        out.send();
    }

    private void onTrack(TrackUpdate t) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(t.time());
            List<String> following = watch.onTrack(t);
            if (!following.isEmpty()) {
                touched(following, out);
            }
        }
        out.send();
    }

    private void onPosition(UnitPosition p) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(p.time());
            if (!units.onPosition(p)) {
                return;
            }
            tasks.ofUnit(p.unit()).ifPresent(t -> progress(t, p, out));
            touched(watch.openIds(), out);
        }
        out.send();
    }

    private void onChat(ChatMessage m) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(m.time());
            tasks.ofUnit(m.senderUid()).filter(t -> TaskBoard.acknowledges(m, t, config))
                    .ifPresent(t -> acknowledge(t, m.time(), out));
        }
        out.send();
    }

    private void onPosture(PostureChange c) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(c.time());
            postures.put(c.sector(), c.posture());
            touched(watch.openIds(), out);
        }
        out.send();
    }

    private void onControl(ControlChange c) {
        Outbox out = new Outbox();
        synchronized (this) {
            advance(c.time());
            if (units.onControl(c)) {
                touched(watch.openIds(), out);
            }
        }
        out.send();
    }

    private void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    /** Recomputes each incident whose last ranking is old enough; marks the others stale. */
    private void touched(Collection<String> incidents, Outbox out) {
        for (String id : List.copyOf(incidents)) {
            IncidentResponse last = latest.get(id);
            if (last == null || Duration.between(last.time(), now).toMillis() >= config.minIntervalS() * 1000) {
                recompute(id, out);
            } else {
                stale.add(id);
            }
        }
    }

    private IncidentResponse recompute(String id, Outbox out) {
        IncidentWatch.Watched w = watch.get(id).orElseThrow();
        IncidentWatch.Target target = target(w, now);
        Recommendations recs = rank(target, null);
        Task task = tasks.ofIncident(id).orElse(null);
        if (task != null && out != null) {
            task = follow(task, target, out);
        }
        IncidentResponse r = new IncidentResponse(id, now, target.track(), target.motion().lat(),
                target.motion().lon(), recs, task, target.trackEnded());
        latest.put(id, r);
        stale.remove(id);
        return r;
    }

    private IncidentWatch.Target target(IncidentWatch.Watched w, Instant at) {
        return watch.target(w, at, config.velocitySigmaMps(), config.horizonS(), models.area().orElse(null));
    }

    /**
     * The ranking as {@code command} sees it (null: the operations centre, which sees the units
     * under any of the theatre's commands, not those handed to an outside command).
     */
    private Recommendations rank(IncidentWatch.Target target, String command) {
        List<UnitState> all = units.states(s -> postures.getOrDefault(s, Posture.NORMAL));
        List<UnitState> ours = new ArrayList<>(all.size());
        List<Recommendations.Excluded> outside = new ArrayList<>();
        for (UnitState u : all) {
            if (command == null && !centreCommands.isEmpty() && !centreCommands.contains(u.controlledBy())) {
                outside.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else {
                ours.add(u);
            }
        }
        PreparedUnits p = recommender.prepare(ours, prepared);
        prepared = p;
        Recommendations r = recommender.recommend(target.motion(), p, command);
        if (outside.isEmpty()) {
            return r;
        }
        List<Recommendations.Excluded> excluded = new ArrayList<>(r.excluded());
        excluded.addAll(outside);
        excluded.sort(Comparator.comparing(Recommendations.Excluded::unit));
        return new Recommendations(r.ranked(), excluded);
    }

    /** The tasked unit's own best meeting with the target now, or empty when it cannot meet it. */
    private Optional<Recommendation> plan(Unit unit, IncidentWatch.Target target, boolean moving) {
        UnitState s = units.state(unit, sec -> postures.getOrDefault(sec, Posture.NORMAL));
        if (s == null) {
            return Optional.empty();
        }
        UnitState free = new UnitState(s.unit(), s.kind(), s.lat(), s.lon(), UnitStatus.AVAILABLE,
                s.speedMps(), s.offRoadSpeedMps(), moving ? 0 : s.launchS(), s.enduranceLeftM(), s.command(),
                s.controlledBy(), s.sector());
        return recommender.recommend(target.motion(), List.of(free), null).ranked().stream().findFirst();
    }

    /** Sends the tasked unit a new intercept point when the target has moved it far enough. */
    private Task follow(Task task, IncidentWatch.Target target, Outbox out) {
        if (task.status() == TaskStatus.ON_SCENE || target.track() == null || target.trackEnded() != null) {
            return task; // an ended track moves no more: the waypoint stays where it was
        }
        Unit unit = units.unit(task.unit()).orElseThrow();
        Optional<Recommendation> r = plan(unit, target, task.status() != TaskStatus.DISPATCHED);
        if (r.isEmpty() || Geodesy.distanceM(task.lat(), task.lon(), r.get().lat(), r.get().lon())
                <= config.pointUpdateM()) {
            return task;
        }
        Task moved = task.next(now, task.status(), r.get().lat(), r.get().lon(), r.get().etaS(), PLANNER, "");
        step(moved, out);
        return moved;
    }

    /** Records a task step and queues its publication. */
    private void step(Task t, Outbox out) {
        tasks.apply(t);
        units.task(t.unit(), t.status());
        IncidentResponse r = latest.get(t.incident());
        if (r != null) {
            latest.put(t.incident(), new IncidentResponse(r.incident(), r.time(), r.track(), r.targetLat(),
                    r.targetLon(), r.recommendations(), t.status().active() ? t : null, r.trackEnded()));
        }
        String sector = watch.get(t.incident()).map(IncidentWatch.Watched::sector).orElse(null);
        out.add(() -> bus.publish(Topic.TASKS, sector == null ? "-" : sector, t));
    }

    private void acknowledge(Task t, Instant time, Outbox out) {
        Task acked = t.next(time, TaskStatus.ACKNOWLEDGED, t.lat(), t.lon(), t.etaS(), t.unit(), "");
        units.seen(t.unit()).ifPresent(s -> tasks.acknowledgedAt(acked, s.lat(), s.lon()));
        step(acked, out);
    }

    /** Status follows position: acknowledged by a reported status, en route once moved, on scene once near. */
    private void progress(Task t, UnitPosition p, Outbox out) {
        if (t.status() == TaskStatus.DISPATCHED) {
            if (p.status() != UnitStatus.TASKED && p.status() != UnitStatus.EN_ROUTE
                    && p.status() != UnitStatus.ON_SCENE) {
                return;
            }
            acknowledge(t, p.time(), out);
            t = tasks.ofUnit(p.unit()).orElseThrow();
        }
        if (t.status() != TaskStatus.ACKNOWLEDGED && t.status() != TaskStatus.EN_ROUTE) {
            return;
        }
        Optional<IncidentWatch.Watched> w = watch.get(t.incident());
        double toPoint = Geodesy.distanceM(p.lat(), p.lon(), t.lat(), t.lon());
        double toTarget = w.map(x -> {
            IncidentWatch.Target target = target(x, p.time());
            return Geodesy.distanceM(p.lat(), p.lon(), target.motion().lat(), target.motion().lon());
        }).orElse(Double.POSITIVE_INFINITY);
        Unit unit = units.unit(t.unit()).orElseThrow();
        double near = unit.kind() == UnitKind.GROUND_VEHICLE
                || unit.kind() == UnitKind.FOOT_PATROL ? config.onSceneGroundM() : config.onSceneAirM();
        if (Math.min(toPoint, toTarget) <= near) {
            step(t.next(p.time(), TaskStatus.ON_SCENE, t.lat(), t.lon(), 0, t.unit(), ""), out);
            out.incident(t, IncidentStatus.ON_SCENE, p.time());
        } else if (t.status() == TaskStatus.ACKNOWLEDGED && tasks.acknowledgedAt(t).map(a ->
                Geodesy.distanceM(a[0], a[1], p.lat(), p.lon()) > config.movedM()).orElse(true)) {
            step(t.next(p.time(), TaskStatus.EN_ROUTE, t.lat(), t.lon(), t.etaS(), t.unit(), ""), out);
            out.incident(t, IncidentStatus.EN_ROUTE, p.time());
        }
    }

    /**
     * Dispatches a unit to an open incident at the clock's time: plans its intercept, assigns the
     * incident to it (an incident event) and publishes the task, with the order in the crew's
     * language for its device.
     *
     * @throws NoSuchElementException when there is no such open incident or unit
     * @throws IllegalStateException when the incident is not open, already has a task, the unit is
     *                               tasked already, or another command holds it
     * @throws IllegalArgumentException when who dispatches is not given
     */
    public Task dispatch(String incident, String unitId, String by) {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who dispatches must be given");
        }
        Instant time = clock.instant();
        Task task;
        String sector;
        synchronized (this) {
            IncidentWatch.Watched w = watch.get(incident)
                    .orElseThrow(() -> new NoSuchElementException("no open incident " + incident));
            Unit unit = units.unit(unitId).orElseThrow(() -> new NoSuchElementException("no unit " + unitId));
            check(w, unitId);
            IncidentWatch.Target target = target(w, time.isAfter(now) ? time : now);
            Optional<Recommendation> r = plan(unit, target, false);
            double lat = r.map(Recommendation::lat).orElse(target.motion().lat());
            double lon = r.map(Recommendation::lon).orElse(target.motion().lon());
            double eta = r.map(Recommendation::etaS).orElse(Double.NaN);
            task = new Task(time, incident + "." + unitId, incident, unitId, TaskStatus.DISPATCHED, target.track(),
                    lat, lon, eta, by, TaskText.order(unit, incident, target.track(), lat, lon, eta), w.marking());
            tasks.apply(task);
            units.task(unitId, task.status());
            sector = w.sector() == null ? "-" : w.sector();
        }
        try {
            rules.changeIncident(incident, IncidentStatus.ASSIGNED, unitId, by, "task " + task.id(), null, time);
        } catch (RuntimeException e) {
            synchronized (this) {
                tasks.forget(task);
                units.task(unitId, TaskStatus.ENDED);
            }
            throw e;
        }
        Outbox out = new Outbox();
        synchronized (this) {
            step(task, out);
        }
        out.send();
        return task;
    }

    private void check(IncidentWatch.Watched w, String unitId) {
        if (w.status() != IncidentStatus.OPEN) {
            throw new IllegalStateException("incident " + w.id() + " is " + w.status().code() + ", not open");
        }
        if (tasks.ofIncident(w.id()).isPresent()) {
            throw new IllegalStateException("incident " + w.id() + " has a task already");
        }
        if (units.isTasked(unitId)) {
            throw new IllegalStateException("unit " + unitId + " is tasked already");
        }
        String holder = units.controlledBy(unitId);
        if (!centreCommands.isEmpty() && !centreCommands.contains(holder)) {
            throw new IllegalStateException("unit " + unitId + " is under the operational control of " + holder);
        }
    }

    /**
     * Hands operational control of a unit to a command at the clock's time and publishes the change.
     *
     * @throws NoSuchElementException when there is no such unit
     * @throws IllegalArgumentException when the command or who changes it is blank
     */
    public ControlChange setControl(String unitId, String command, String by, String reason) {
        ControlChange c;
        synchronized (this) {
            units.unit(unitId).orElseThrow(() -> new NoSuchElementException("no unit " + unitId));
            c = new ControlChange(clock.instant(), unitId, command, by, reason, theatre.defaultMarking());
            units.onControl(c);
        }
        bus.publish(Topic.UNIT_CONTROL, unitId, c);
        return c;
    }

    /** Which command holds operational control of each theatre unit now, by unit id. */
    public synchronized Map<String, String> control() {
        Map<String, String> m = new TreeMap<>();
        theatre.units().forEach(u -> m.put(u.id(), units.controlledBy(u.id())));
        return m;
    }

    /**
     * The response to an open incident: the latest ranking (recomputed first when an input changed
     * since), or, for a given {@code command}, the ranking as that command sees it (only the units it
     * holds). Empty when the incident is not open.
     */
    public synchronized Optional<IncidentResponse> recommendations(String incident, String command) {
        Optional<IncidentWatch.Watched> w = watch.get(incident);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        if (command != null) {
            IncidentWatch.Target target = target(w.get(), now);
            return Optional.of(new IncidentResponse(incident, now, target.track(), target.motion().lat(),
                    target.motion().lon(), rank(target, command), tasks.ofIncident(incident).orElse(null),
                    target.trackEnded()));
        }
        IncidentResponse r = latest.get(incident);
        return Optional.of(r == null || stale.contains(incident) ? recompute(incident, null) : r);
    }

    /** The active tasks, by id. */
    public synchronized List<Task> tasks() {
        return tasks.active();
    }

    /** The active task of a unit, if it has one. */
    public synchronized Optional<Task> taskOf(String unit) {
        return tasks.ofUnit(unit);
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Bus.Subscription::close);
        subscriptions.clear();
    }

    /** What a handler decided, published in order once the lock is released. */
    private final class Outbox {
        private final List<Runnable> actions = new ArrayList<>();

        void add(Runnable r) {
            actions.add(r);
        }

        void incident(Task t, IncidentStatus status, Instant time) {
            actions.add(() -> {
                try {
                    rules.changeIncident(t.incident(), status, t.unit(), t.unit(), "task " + t.id(), null, time);
                } catch (IllegalStateException | NoSuchElementException e) {
                    // The operator moved the incident on already (or closed it): the task step stands.
                    LOG.debug("incident {} not moved to {}: {}", t.incident(), status.code(), e.getMessage());
                }
            });
        }

        void send() {
            actions.forEach(Runnable::run);
        }
    }
}
