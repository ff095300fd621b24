package kz.shekara.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import kz.shekara.dispatch.DispatchOutput.IncidentStep;
import kz.shekara.dispatch.DispatchOutput.TaskStep;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Refusal;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.ControlChange;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.ResponseModels;
import kz.shekara.routing.Readiness;
import kz.shekara.rules.PostureChange;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * The operations centre's dispatch desk: keeps, for each open incident, the units ranked by time to
 * intercept or arrival, recomputed as the incident's track, the units' positions, sector postures
 * and operational control change — at most once per {@link ResponseConfig#minIntervalS()} of event
 * time per incident, and on demand when asked for a stale one. Dispatches a unit (a {@link Task},
 * the incident assigned), sends the tasked unit a new intercept point when the target's moves it
 * far enough, and moves the task on from its crew's reports ({@link TaskProgress}: acknowledged,
 * en route, on scene, never a step earlier than the one it follows), each step at the event time
 * that caused it. When the target's track ends (a
 * {@link kz.shekara.model.TrackStatus#DELETED} update) the target is its last known point, standing
 * still: the task's waypoint is not moved again and the response names the end time.
 *
 * <p>Each input returns what it decided ({@link DispatchOutput}s), in order, already applied to the
 * desk; the caller publishes the task steps and moves the incidents through the alert desk. The
 * desk reads its own outputs back only as the incident events the alert desk makes of them. Time
 * comes only from the events and from the commands' arguments, the same live and in batch. Not
 * thread-safe: one thread at a time (the live service holds a lock).
 */
public final class DispatchDesk {
    /** Tracks not updated for this long (event time) are forgotten, unless an open incident follows an ended one. */
    public static final Duration TRACK_MEMORY = Duration.ofMinutes(30);
    private static final String PLANNER = "planner";

    /** A dispatch the desk has planned and holds, waiting for its incident to be assigned; {@code sector}: its key. */
    public record Pending(Task task, IncidentStep assignment, String sector) {
    }

    private final ResponseConfig config;
    private final Ranking ranking;
    private final UnitBoard units;
    private final IncidentWatch watch = new IncidentWatch(TRACK_MEMORY);
    private final TaskBoard tasks = new TaskBoard();
    private final Map<String, Posture> postures = new HashMap<>();
    private final Map<String, IncidentResponse> latest = new HashMap<>();
    private final Set<String> stale = new HashSet<>();
    private final TaskProgress progress;
    private Instant now = Instant.EPOCH;

    public DispatchDesk(ResponseConfig config, Theatre theatre, ResponseModels models, SectorLocator sectors) {
        this.config = config;
        this.units = new UnitBoard(theatre, sectors, Readiness.DEFAULT);
        this.ranking = new Ranking(config, theatre, models, units, postures);
        theatre.sectors().forEach(s -> postures.put(s.id(), s.posture()));
        this.progress = new TaskProgress(config, units, tasks, watch, this::target, this::step);
    }

    /**
     * Takes back the state rebuilt from the log, deciding nothing; rankings are recomputed when next
     * asked for or when an input changes.
     */
    public void restore(DispatchState s) {
        s.postures().forEach(c -> postures.put(c.sector(), c.posture()));
        s.controls().forEach(units::onControl);
        s.positions().forEach(units::onPosition);
        s.tracks().forEach(watch::onTrack);
        s.alerts().forEach(watch::onAlert);
        s.incidents().forEach(watch::onIncident);
        for (Task t : s.tasks()) {
            // The sector the task was logged under; else (a take-over's rebuild) its open incident's.
            String sector = s.sectors().getOrDefault(t.id(),
                    watch.get(t.incident()).map(IncidentWatch.Watched::sector).orElse(null));
            tasks.open(t, sector);
            units.task(t.unit(), t.status());
        }
        s.acks().forEach(a -> tasks.acknowledgedAt(a.task(), a.lat(), a.lon()));
        advance(s.now());
        latest.clear();
        stale.clear();
    }

    /**
     * Gives the sectors named up (to another desk): their open incidents, their rankings and their tasks leave
     * the desk (the desk that takes the sectors holds the tasks now: their units count as tasked elsewhere, see
     * {@link #onTaskElsewhere}), with the tracks last seen there. Units, their positions and control, and postures stay.
     */
    public void giveUpSectors(Collection<String> sectors) {
        Set<String> gone = new HashSet<>(sectors);
        for (String id : watch.forget(gone::contains)) {
            latest.remove(id);
            stale.remove(id);
            tasks.ofIncident(id).ifPresent(t -> {
                cancel(t);
                units.taskElsewhere(t.unit(), t.status());
            });
        }
    }

    /** A step of a task another desk holds (an incident not followed here): its unit counts as tasked here till it ends. */
    public List<DispatchOutput> onTaskElsewhere(Task t) {
        List<DispatchOutput> out = new ArrayList<>();
        if (watch.get(t.incident()).isEmpty() && !tasks.knows(t.id()) && units.taskElsewhere(t.unit(), t.status())) {
            touched(watch.openIds(), out);
        }
        return out;
    }

    /** Any input the desk reads (alert, incident event, track, unit position, chat, posture, control); others give nothing. */
    public List<DispatchOutput> on(DomainEvent e) {
        return switch (e) {
            case Alert a -> onAlert(a);
            case IncidentEvent i -> onIncident(i);
            case TrackUpdate t -> onTrack(t);
            case UnitPosition p -> onPosition(p);
            case ChatMessage m -> onChat(m);
            case PostureChange c -> onPosture(c);
            case ControlChange c -> onControl(c);
            default -> List.of();
        };
    }

    public List<DispatchOutput> onAlert(Alert a) {
        List<DispatchOutput> out = new ArrayList<>();
        // An alert may arrive after the incident event that names it: its track is the target from now on.
        List<String> in = watch.onAlert(a);
        in.forEach(latest::remove);
        touched(in, out);
        return out;
    }

    public List<DispatchOutput> onIncident(IncidentEvent e) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(e.time());
        if (watch.onIncident(e).isPresent()) {
            touched(List.of(e.incident()), out);
        } else {
            latest.remove(e.incident());
            stale.remove(e.incident());
            tasks.ofIncident(e.incident()).ifPresent(t -> step(t.next(e.time(), TaskStatus.ENDED, t.lat(), t.lon(),
                    Double.NaN, e.by(), ""), out));
        }
        return out;
    }

    public List<DispatchOutput> onTrack(TrackUpdate t) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(t.time());
        List<String> following = watch.onTrack(t);
        if (!following.isEmpty()) {
            touched(following, out);
        }
        return out;
    }

    public List<DispatchOutput> onPosition(UnitPosition p) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(p.time());
        if (!units.onPosition(p)) {
            return out;
        }
        tasks.ofUnit(p.unit()).ifPresent(t -> progress.onPosition(t, p, out));
        touched(watch.openIds(), out);
        return out;
    }

    public List<DispatchOutput> onChat(ChatMessage m) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(m.time());
        progress.onChat(m, out);
        return out;
    }

    public List<DispatchOutput> onPosture(PostureChange c) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(c.time());
        postures.put(c.sector(), c.posture());
        touched(watch.openIds(), out);
        return out;
    }

    public List<DispatchOutput> onControl(ControlChange c) {
        List<DispatchOutput> out = new ArrayList<>();
        advance(c.time());
        if (units.onControl(c)) {
            touched(watch.openIds(), out);
        }
        return out;
    }

    private void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    /** Recomputes each incident whose last ranking is old enough; marks the others stale. */
    private void touched(Collection<String> incidents, List<DispatchOutput> out) {
        for (String id : List.copyOf(incidents)) {
            IncidentResponse last = latest.get(id);
            if (last == null || Duration.between(last.time(), now).toMillis() >= config.minIntervalS() * 1000) {
                recompute(id, out);
            } else {
                stale.add(id);
            }
        }
    }

    private IncidentResponse recompute(String id, List<DispatchOutput> out) {
        IncidentWatch.Target target = target(watch.get(id).orElseThrow(), now);
        Recommendations recs = ranking.rank(target, null, ranking.home());
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
        return ranking.target(watch, w, at);
    }

    /** Sends the tasked unit a new intercept point when the target has moved it far enough. */
    private Task follow(Task task, IncidentWatch.Target target, List<DispatchOutput> out) {
        if (task.status() == TaskStatus.ON_SCENE || target.track() == null || target.trackEnded() != null) {
            return task; // an ended track moves no more: the waypoint stays where it was
        }
        Unit unit = units.unit(task.unit()).orElseThrow();
        Optional<Recommendation> r = ranking.plan(unit, target, task.status() != TaskStatus.DISPATCHED);
        if (r.isEmpty() || Geodesy.distanceM(task.lat(), task.lon(), r.get().lat(), r.get().lon())
                <= config.pointUpdateM()) {
            return task;
        }
        Task moved = task.next(now, task.status(), r.get().lat(), r.get().lon(), r.get().etaS(), PLANNER, "");
        step(moved, out);
        return moved;
    }

    /**
     * Records a task step and puts it out under the sector its task remembers (its incident's when the task was
     * made: the incident may have left the watch since, closed or given up).
     */
    private void step(Task t, List<DispatchOutput> out) {
        String sector = tasks.sectorOf(t);
        tasks.apply(t);
        units.task(t.unit(), t.status());
        IncidentResponse r = latest.get(t.incident());
        if (r != null) {
            latest.put(t.incident(), new IncidentResponse(r.incident(), r.time(), r.track(), r.targetLat(),
                    r.targetLon(), r.recommendations(), t.status().active() ? t : null, r.trackEnded()));
        }
        out.add(new TaskStep(t, sector));
    }

    /**
     * Plans a unit's dispatch to an open incident at {@code time}: its intercept, and the order in the
     * crew's language for its device. The task is held (the unit counts as tasked) until the caller
     * has the incident assigned ({@link Pending#assignment()}) and {@link #confirm confirms} it, or
     * {@link #cancel cancels} it when the assignment is refused.
     *
     * @throws Refusal.NotFound when there is no such open incident or unit
     * @throws Refusal.Conflict when the incident is not open, already has a task, the unit is
     *                               tasked already, or another command holds it
     * @throws Refusal.Invalid when who dispatches is not given
     */
    public Pending dispatch(String incident, String unitId, String by, Instant time) {
        return dispatch(incident, unitId, by, ranking.home(), time);
    }

    /**
     * As {@link #dispatch(String, String, String, Instant)}, by an operator of {@code agency}: the unit
     * must be under one of that agency's commands.
     */
    public Pending dispatch(String incident, String unitId, String by, String agency, Instant time) {
        if (by == null || by.isBlank()) {
            throw new Refusal.Invalid("who dispatches must be given");
        }
        IncidentWatch.Watched w = watch.get(incident)
                .orElseThrow(() -> new Refusal.NotFound("no open incident " + incident));
        Unit unit = units.unit(unitId).orElseThrow(() -> new Refusal.NotFound("no unit " + unitId));
        check(w, unitId, agency);
        IncidentWatch.Target target = target(w, time.isAfter(now) ? time : now);
        Optional<Recommendation> r = ranking.plan(unit, target, false);
        double lat = r.map(Recommendation::lat).orElse(target.motion().lat());
        double lon = r.map(Recommendation::lon).orElse(target.motion().lon());
        double eta = r.map(Recommendation::etaS).orElse(Double.NaN);
        Task task = new Task(time, incident + "." + unitId, incident, unitId, TaskStatus.DISPATCHED, target.track(),
                lat, lon, eta, by, TaskText.order(unit, incident, target.track(), lat, lon, eta), w.marking());
        tasks.open(task, w.sector());
        units.task(unitId, task.status());
        return new Pending(task, TaskProgress.incidentStep(task, IncidentStatus.ASSIGNED, by, time), w.sector());
    }

    /** The held task takes effect: returns its first step. */
    public List<DispatchOutput> confirm(Task task) {
        List<DispatchOutput> out = new ArrayList<>(1);
        step(task, out);
        return out;
    }

    /** Drops a held task (its incident not assigned, its unit claimed by another desk): not tasked here (elsewhere stays). */
    public void cancel(Task task) {
        tasks.forget(task);
        units.untask(task.unit());
    }

    private void check(IncidentWatch.Watched w, String unitId, String agency) {
        if (w.status() != IncidentStatus.OPEN) {
            throw new Refusal.Conflict("incident " + w.id() + " is " + w.status().code() + ", not open");
        }
        if (tasks.ofIncident(w.id()).isPresent()) {
            throw new Refusal.Conflict("incident " + w.id() + " has a task already");
        }
        if (units.isTasked(unitId)) {
            throw new Refusal.Conflict("unit " + unitId + " is tasked already");
        }
        String holder = units.controlledBy(unitId);
        if (!ranking.holds(agency, holder)) {
            String of = ranking.agencyOf(holder);
            throw new Refusal.Conflict("unit " + unitId + " is under the operational control of " + holder
                    + (of == null ? "" : " (" + of + ")") + ", not of a command of " + agency);
        }
    }

    /** Which command holds operational control of each theatre unit now, by unit id. */
    public Map<String, String> control() {
        return units.control();
    }

    /** The response to an open incident as the home agency's operators see it; see {@link #recommendations(String, String, String)}. */
    public Optional<IncidentResponse> recommendations(String incident, String command) {
        return recommendations(incident, command, ranking.home());
    }

    /**
     * The response to an open incident: for the home agency, the latest ranking (recomputed first
     * when an input changed since); for another agency ({@code agency}, e.g. the defence ministry in a
     * crisis), the ranking of the units under its commands; for a given {@code command}, the ranking
     * as that command sees it (only the units it holds). Empty when the incident is not open.
     */
    public Optional<IncidentResponse> recommendations(String incident, String command, String agency) {
        Optional<IncidentWatch.Watched> w = watch.get(incident);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        if (command != null || !ranking.home().equals(agency)) {
            IncidentWatch.Target target = target(w.get(), now);
            return Optional.of(new IncidentResponse(incident, now, target.track(), target.motion().lat(),
                    target.motion().lon(), ranking.rank(target, command, agency),
                    tasks.ofIncident(incident).orElse(null), target.trackEnded()));
        }
        IncidentResponse r = latest.get(incident);
        return Optional.of(r == null || stale.contains(incident) ? recompute(incident, null) : r);
    }

    /** Crew reports that would have made a task step earlier than the one it follows (kept as positions only). */
    public long refusedReports() {
        return progress.refused();
    }

    /** The active tasks, by id. */
    public List<Task> tasks() {
        return tasks.active();
    }

    /** The active task of a unit, if it has one. */
    public Optional<Task> taskOf(String unit) {
        return tasks.ofUnit(unit);
    }
}
