package kz.shekara.incident;

import kz.shekara.model.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.Severity;

/**
 * Groups alerts into incidents and keeps each incident's lifecycle (open → assigned → en route →
 * on scene → resolved, or false alarm) with a timeline of every change. An alert joins the
 * earliest-opened open incident of its track, else the earliest-opened open incident whose latest
 * alert is within the configured radius (geodesic) and time window, else opens a new one. All
 * state is the fold of {@link IncidentEvent}s ({@link #apply}), so the log rebuilds it. Incident ids
 * are a hash of the first alert's id, stable across replays. Open incidents are indexed by track and by place (a grid of cells one radius high), so
 * grouping costs the few incidents near the alert, not every open one. Not thread-safe.
 */
public final class IncidentBook {
    private final IncidentConfig config;
    private final Map<String, State> incidents = new LinkedHashMap<>();
    // Open incidents only: by the tracks of their alerts, and by the place of their latest event.
    private final Map<String, List<State>> openByTrack = new HashMap<>();
    private final PlaceIndex<State> openByPlace;
    private long opened;

    public IncidentBook(IncidentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.openByPlace = new PlaceIndex<>(config.radiusM());
    }

    private static final class State {
        final List<IncidentEvent> timeline = new ArrayList<>();
        final List<String> alerts = new ArrayList<>();
        final TreeSet<String> tracks = new TreeSet<>();
        IncidentEvent last;
        Instant lastAlertTime;
        long seq;
        PlaceIndex.Entry<State> place;
        String unit;
        Marking marking;
    }

    /** Groups a new alert: the events that open an incident or add the alert to one, already applied. */
    public List<IncidentEvent> onAlert(Alert a) {
        State target = find(a);
        IncidentEvent e;
        if (target == null) {
            e = new IncidentEvent(a.time(), incidentId(a.id()), IncidentEvent.Change.OPENED, IncidentStatus.OPEN, a.id(),
                    null, "rules", "opened by " + a.rule().code(), null, a.sector(), a.severity(), a.lat(), a.lon(),
                    a.marking());
        } else {
            IncidentEvent l = target.last;
            e = new IncidentEvent(a.time(), l.incident(), IncidentEvent.Change.ALERT_ADDED, l.status(), a.id(), null,
                    "rules", a.rule().code(), null, l.sector() != null ? l.sector() : a.sector(),
                    Severity.max(l.severity(), a.severity()), a.lat(), a.lon(), target.marking.mostRestrictive(a.marking()));
        }
        apply(e, a.track());
        return List.of(e);
    }

    private State find(Alert a) {
        if (a.track() != null) {
            State first = null;
            for (State s : openByTrack.getOrDefault(a.track(), List.of())) {
                if (first == null || s.seq < first.seq) {
                    first = s;
                }
            }
            if (first != null) {
                return first;
            }
        }
        for (State s : openByPlace.near(a.lat(), a.lon())) {
            Duration gap = Duration.between(s.lastAlertTime, a.time()).abs();
            if (gap.compareTo(config.window()) <= 0
                    && Geodesy.distanceM(s.last.lat(), s.last.lon(), a.lat(), a.lon()) <= config.radiusM()) {
                return s;
            }
        }
        return null;
    }

    /**
     * A status change by an operator (or the response planner), checked against the lifecycle:
     * assigning needs a unit, resolving needs a disposition, a false alarm is its own disposition.
     *
     * @throws NoSuchElementException when there is no such incident
     * @throws IllegalStateException when the lifecycle does not allow the step
     * @throws IllegalArgumentException when a needed field is missing
     */
    public IncidentEvent change(String id, IncidentStatus next, String unit, String by, String note,
                                Disposition disposition, Instant time) {
        State s = incidents.get(id);
        if (s == null) {
            throw new Refusal.NotFound("no incident " + id);
        }
        if (by == null || by.isBlank()) {
            throw new Refusal.Invalid("who changes the incident must be given");
        }
        IncidentEvent l = s.last;
        if (!l.status().canMoveTo(next)) {
            throw new Refusal.Conflict("incident " + id + " cannot go from " + l.status().code() + " to " + next.code());
        }
        if (next == IncidentStatus.ASSIGNED && (unit == null || unit.isBlank())) {
            throw new Refusal.Invalid("assigning an incident needs a unit");
        }
        Disposition d = next == IncidentStatus.FALSE_ALARM ? Disposition.FALSE_ALARM : disposition;
        if (next == IncidentStatus.RESOLVED && d == null) {
            throw new Refusal.Invalid("resolving an incident needs a disposition");
        }
        if (next != IncidentStatus.RESOLVED && next != IncidentStatus.FALSE_ALARM) {
            d = null;
        }
        IncidentEvent e = new IncidentEvent(time, id, IncidentEvent.Change.STATUS, next, null,
                unit != null ? unit : s.unit, by, note, d, l.sector(), l.severity(), l.lat(), l.lon(), s.marking);
        apply(e);
        return e;
    }

    /**
     * The crew of {@code unit} acknowledged its task on the incident: a timeline step by the unit
     * that leaves the status as it is.
     *
     * @throws Refusal.NotFound when there is no such incident
     * @throws Refusal.Conflict when the incident is closed
     */
    public IncidentEvent acknowledge(String id, String unit, String note, Instant time) {
        State s = incidents.get(id);
        if (s == null) {
            throw new Refusal.NotFound("no incident " + id);
        }
        IncidentEvent l = s.last;
        if (l.status().terminal()) {
            throw new Refusal.Conflict("incident " + id + " is " + l.status().code());
        }
        IncidentEvent e = new IncidentEvent(time, id, IncidentEvent.Change.ACKNOWLEDGED, l.status(), null, unit,
                unit, note, null, l.sector(), l.severity(), l.lat(), l.lon(), s.marking);
        apply(e);
        return e;
    }

    /** Folds an event into the state (replay from the log, or a change made elsewhere). */
    public void apply(IncidentEvent e) {
        apply(e, null);
    }

    /** Folds an event into the state, with the track of its alert (null when none) for grouping later alerts. */
    public void apply(IncidentEvent e, String track) {
        State s = incidents.get(e.incident());
        if (s == null) {
            if (e.change() != IncidentEvent.Change.OPENED) {
                return;
            }
            s = new State();
            s.marking = e.marking();
            s.seq = opened++;
            incidents.put(e.incident(), s);
        }
        s.timeline.add(e);
        s.last = e;
        if (e.alert() != null) {
            s.alerts.add(e.alert());
            s.lastAlertTime = e.time();
            s.marking = s.marking.mostRestrictive(e.marking());
        }
        boolean newTrack = track != null && s.tracks.add(track);
        if (e.unit() != null) {
            s.unit = e.unit();
        }
        index(s, newTrack ? track : null);
    }

    /** Keeps the open-incident indexes in step with an incident's latest event (and the track it just gained, or null). */
    private void index(State s, String newTrack) {
        boolean open = !s.last.status().terminal();
        boolean wasOpen = s.place != null;
        if (open && wasOpen) {
            openByPlace.move(s.place, s.last.lat(), s.last.lon());
            if (newTrack != null) {
                openByTrack.computeIfAbsent(newTrack, k -> new ArrayList<>(1)).add(s);
            }
        } else if (open) {
            s.place = openByPlace.add(s.seq, s, s.last.lat(), s.last.lon());
            s.tracks.forEach(t -> openByTrack.computeIfAbsent(t, k -> new ArrayList<>(1)).add(s));
        } else if (wasOpen) {
            unindex(s);
        }
    }

    private void unindex(State s) {
        openByPlace.remove(s.place);
        s.place = null;
        for (String t : s.tracks) {
            List<State> of = openByTrack.get(t);
            of.remove(s);
            if (of.isEmpty()) {
                openByTrack.remove(t);
            }
        }
    }

    /** Drops the incidents of the sectors {@code gone} accepts (given up to another desk); returns their ids. */
    public List<String> forget(java.util.function.Predicate<String> gone) {
        List<String> ids = new ArrayList<>();
        for (var it = incidents.values().iterator(); it.hasNext(); ) {
            State s = it.next();
            if (gone.test(s.last.sector())) {
                if (s.place != null) {
                    unindex(s);
                }
                ids.add(s.last.incident());
                it.remove();
            }
        }
        return ids;
    }

    /** Whether the event is on its incident's timeline already. */
    public boolean has(IncidentEvent e) {
        State s = incidents.get(e.incident());
        return s != null && s.timeline.contains(e);
    }

    public Optional<Incident> get(String id) {
        State s = incidents.get(id);
        return s == null ? Optional.empty() : Optional.of(snapshot(s));
    }

    /** Every incident, most recently changed first (ties by id). */
    public List<Incident> list() {
        List<Incident> l = new ArrayList<>();
        incidents.values().forEach(s -> l.add(snapshot(s)));
        l.sort(Comparator.comparing(Incident::updated).reversed().thenComparing(Incident::id));
        return l;
    }

    private static Incident snapshot(State s) {
        IncidentEvent first = s.timeline.get(0);
        IncidentEvent l = s.last;
        Disposition d = null;
        for (IncidentEvent e : s.timeline) {
            if (e.disposition() != null) {
                d = e.disposition();
            }
        }
        return new Incident(l.incident(), l.status(), l.severity(), l.sector(), l.lat(), l.lon(), first.time(),
                l.time(), s.alerts, s.tracks, s.unit, d, s.timeline, s.marking);
    }

    static String incidentId(String firstAlert) {
        long h = 0xcbf29ce484222325L;
        for (byte b : firstAlert.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return "IN-" + String.format(java.util.Locale.ROOT, "%016x", h);
    }
}
