package kz.shekara.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.shekara.model.Alert;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;

/**
 * Folds track updates, alerts and incident events (in log order) into one {@link ResponseRecord}
 * per incident. The first detection of an incident is the earliest of its alerts' times and the
 * first logged update of each track an alert of it is on: the tracker publishes a track once it is
 * confirmed, so that is the earliest time the object is on the log (the unconfirmed plots before it
 * are not). No step is taken before the one it follows (dispatch after the alert, on scene after
 * the dispatch, resolution after both): a step stamped earlier is counted ({@link #refusedSteps()})
 * and not taken, so no duration of a record is negative. Tracks not updated for {@code trackMemory} of event time are forgotten, so memory stays
 * bounded by live tracks plus incidents. Event time only: the same events give the same records.
 * Not thread-safe. O(1) per event (amortised).
 */
public final class ResponseTimes {
    private final Map<String, UnitKind> unitKinds = new HashMap<>();
    private final Duration trackMemory;
    private final Map<String, Seen> tracks = new HashMap<>();
    private final Map<String, Instant> alertDetections = new HashMap<>();
    private final Map<String, ResponseRecord> incidents = new LinkedHashMap<>();
    private Instant latest = Instant.MIN;
    private Instant lastPrune = Instant.MIN;
    private long refused;

    /** When a track was first and last seen. */
    public record Seen(String track, Instant first, Instant last) {
    }

    /**
     * The whole state of the fold, to store and restore it: tracks seen, the detection time of
     * alerts not yet in an incident, and the records.
     */
    public record State(List<Seen> tracks, Map<String, Instant> alertDetections, List<ResponseRecord> incidents) {
        public State {
            tracks = List.copyOf(tracks);
            alertDetections = Map.copyOf(alertDetections);
            incidents = List.copyOf(incidents);
        }
    }

    /** @param theatre whose units give each responding unit's kind */
    public ResponseTimes(Theatre theatre, Duration trackMemory) {
        for (Unit u : theatre.units()) {
            unitKinds.put(u.id(), u.kind());
        }
        this.trackMemory = Objects.requireNonNull(trackMemory, "trackMemory");
    }

    /** Folds any event; types other than track updates, alerts and incident events are ignored. */
    public void apply(DomainEvent e) {
        switch (e) {
            case TrackUpdate u -> track(u);
            case Alert a -> alert(a);
            case IncidentEvent i -> incident(i);
            default -> {
            }
        }
    }

    private void track(TrackUpdate u) {
        tracks.merge(u.track(), new Seen(u.track(), u.time(), u.time()), (old, now) -> new Seen(old.track(),
                min(old.first(), now.first()), max(old.last(), now.last())));
        if (u.time().isAfter(latest)) {
            latest = u.time();
        }
        if (Duration.between(lastPrune, latest).compareTo(trackMemory) > 0) {
            Instant cut = latest.minus(trackMemory);
            tracks.values().removeIf(s -> s.last().isBefore(cut));
            lastPrune = latest;
        }
    }

    private void alert(Alert a) {
        Instant detected = a.time();
        Seen s = a.track() == null ? null : tracks.get(a.track());
        if (s != null) {
            detected = min(detected, s.first());
        }
        alertDetections.put(a.id(), detected);
    }

    private void incident(IncidentEvent e) {
        ResponseRecord r = incidents.get(e.incident());
        Instant detected = e.alert() == null ? null : alertDetections.remove(e.alert());
        if (e.alert() != null && detected == null) {
            detected = e.time();
        }
        if (r == null) {
            if (e.change() != IncidentEvent.Change.OPENED) {
                return;
            }
            r = new ResponseRecord(e.incident(), e.sector(), e.lat(), e.lon(), e.severity(), e.status(), detected,
                    e.time(), null, null, null, null, null, e.marking());
        }
        IncidentStatus st = e.status();
        boolean status = e.change() == IncidentEvent.Change.STATUS;
        boolean dispatch = status && (st == IncidentStatus.ASSIGNED || st == IncidentStatus.EN_ROUTE
                || st == IncidentStatus.ON_SCENE);
        boolean arrive = status && st == IncidentStatus.ON_SCENE;
        boolean close = status && st.terminal();
        Instant before = latestStep(r);
        if ((dispatch && r.dispatched() == null || arrive && r.onScene() == null || close && r.resolved() == null)
                && e.time().isBefore(before)) {
            // A step stamped before the one it follows (or before the alert) cannot be true: not a step.
            refused++;
            dispatch = arrive = close = false;
        }
        String unit = r.resolved() == null && e.unit() != null ? e.unit() : r.unit();
        Instant firstSign = detected == null ? r.detected() : min(r.detected(), detected);
        incidents.put(e.incident(), new ResponseRecord(r.incident(), r.sector() != null ? r.sector() : e.sector(),
                r.lat(), r.lon(), e.severity(), st, firstSign == null ? null : min(firstSign, r.alerted()),
                r.alerted(), first(r.dispatched(), dispatch, e.time()), first(r.onScene(), arrive, e.time()),
                first(r.resolved(), close, e.time()), unit, unit == null ? null : unitKinds.get(unit),
                r.marking().mostRestrictive(e.marking())));
    }

    /** The time of the record's last step taken: each later step must be at or after it. */
    private static Instant latestStep(ResponseRecord r) {
        Instant t = r.alerted();
        for (Instant s : new Instant[] {r.dispatched(), r.onScene(), r.resolved()}) {
            if (s != null && s.isAfter(t)) {
                t = s;
            }
        }
        return t;
    }

    /** Steps not taken because they were stamped before the step they follow, since this fold started. */
    public long refusedSteps() {
        return refused;
    }

    private static Instant first(Instant current, boolean happens, Instant time) {
        return current != null || !happens ? current : time;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Every incident's record, in the order the incidents opened. */
    public List<ResponseRecord> records() {
        return List.copyOf(incidents.values());
    }

    /** The state, tracks by id, for a snapshot. */
    public State state() {
        List<Seen> t = new ArrayList<>(tracks.values());
        t.sort(Comparator.comparing(Seen::track));
        return new State(t, alertDetections, records());
    }

    /** Replaces the whole state with a stored one. */
    public void restore(State state) {
        tracks.clear();
        alertDetections.clear();
        incidents.clear();
        latest = Instant.MIN;
        Set<String> ids = new HashSet<>();
        for (Seen s : state.tracks()) {
            tracks.put(s.track(), s);
            latest = max(latest, s.last());
        }
        lastPrune = latest;
        alertDetections.putAll(state.alertDetections());
        for (ResponseRecord r : state.incidents()) {
            if (ids.add(r.incident())) {
                incidents.put(r.incident(), r);
            }
        }
    }
}
