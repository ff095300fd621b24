package kz.shekara.server.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;

/**
 * The alerts, incidents and sector postures of a replay session, folded from the logged outputs
 * (alerts, alert changes, incident events, posture changes) in log order, exactly as operators saw
 * them then; the rules are not run again. Thread-safe: the replay thread writes, API threads read.
 */
public final class LoggedOutputs {
    private final Theatre theatre;
    private AlertBook alerts = new AlertBook();
    private IncidentBook incidents = new IncidentBook(IncidentConfig.defaults());
    private final Map<String, Posture> postures = new TreeMap<>();

    public LoggedOutputs(Theatre theatre) {
        this.theatre = theatre;
        clear();
    }

    /** Applies one logged event; other types are ignored. */
    public synchronized void apply(StoredEvent e) {
        switch (e.event()) {
            case Alert a -> alerts.apply(a);
            case AlertChange c -> alerts.apply(c);
            case IncidentEvent i -> incidents.apply(i);
            case PostureChange p -> postures.put(p.sector(), p.posture());
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
