package kz.shekara.server.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.dispatch.ControlOfRecord;
import kz.shekara.dispatch.CrisesInForce;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Task;
import kz.shekara.model.IncidentEvent;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;

/**
 * The alerts, incidents, sector postures, active tasks, operational control and crises in force of a
 * replay session, folded from the logged outputs (alerts, alert changes, incident events, posture
 * changes, task steps, control changes, crises; releases are in {@link #OUTPUT_TOPICS} for the
 * session's release book) in log order, exactly as operators saw them then; the rules are not run
 * again. A session folds every output logged before its period first ({@link #OUTPUT_TOPICS}), so
 * that it starts from the full state at its start. Thread-safe: the replay thread writes, API
 * threads read.
 */
public final class LoggedOutputs {
    private final Theatre theatre;
    private AlertBook alerts = new AlertBook();
    private IncidentBook incidents = new IncidentBook(IncidentConfig.defaults());
    private final Map<String, Posture> postures = new TreeMap<>();
    private final Map<String, Task> tasks = new TreeMap<>();
    private final CrisesInForce crises = new CrisesInForce();
    /** Operational control as the record of control changes gives it (a unit never changed: its own command). */
    private final ControlOfRecord record;

    /** The topics the outputs are folded from. */
    public static final java.util.Set<String> OUTPUT_TOPICS = java.util.Set.of(Topic.ALERTS.name(),
            Topic.ALERT_CHANGES.name(), Topic.INCIDENTS.name(), Topic.POSTURE.name(), Topic.TASKS.name(),
            Topic.UNIT_CONTROL.name(), Topic.CRISES.name(), Topic.RELEASES.name());

    public LoggedOutputs(Theatre theatre) {
        this.theatre = theatre;
        this.record = new ControlOfRecord(theatre);
        clear();
    }

    /** Applies one logged event; other types are ignored. */
    public synchronized void apply(StoredEvent e) {
        switch (e.event()) {
            case Alert a -> alerts.apply(a);
            case AlertChange c -> alerts.apply(c);
            case IncidentEvent i -> incidents.apply(i);
            case PostureChange p -> postures.put(p.sector(), p.posture());
            case Task t -> {
                if (t.status().active()) {
                    tasks.put(t.id(), t);
                } else {
                    tasks.remove(t.id());
                }
            }
            case ControlChange c -> record.take(c); // a transfer that lost on a cluster's record changes nothing
            case CrisisEvent c -> crises.take(c); // as every reader folds them (CrisesInForce)
            default -> {
            }
        }
    }

    /** Back to the state before any event: no alerts or incidents, every sector at its theatre posture. */
    public synchronized void clear() {
        alerts = new AlertBook();
        incidents = new IncidentBook(IncidentConfig.defaults());
        postures.clear();
        theatre.sectors().forEach(s -> postures.put(s.id(), s.posture()));
        tasks.clear();
        crises.clear();
        record.clear();
    }

    /** The active tasks, by task id, each at its latest step. */
    public synchronized List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Which command holds operational control of each unit, by unit id. */
    public synchronized Map<String, String> control() {
        Map<String, String> control = new TreeMap<>();
        theatre.units().forEach(u -> control.put(u.id(), u.command()));
        record.changes().forEach(c -> control.put(c.unit(), c.command()));
        return Map.copyOf(control);
    }

    /** The last control change of each unit that has one, by unit id. */
    public synchronized Map<String, ControlChange> controlChanges() {
        Map<String, ControlChange> changes = new TreeMap<>();
        record.changes().forEach(c -> changes.put(c.unit(), c));
        return Map.copyOf(changes);
    }

    /** The crises in force, each as declared, by crisis id. */
    public synchronized List<CrisisEvent> crises() {
        return crises.list().stream().sorted(java.util.Comparator.comparing(CrisisEvent::crisis)).toList();
    }

    /** Every alert, newest first. */
    public synchronized List<AlertBook.Entry> alerts() {
        return alerts.list();
    }

    /** Every incident, most recently changed first. */
    public synchronized List<Incident> incidents() {
        return incidents.list();
    }

    public synchronized Map<String, Posture> postures() {
        return Map.copyOf(postures);
    }
}
