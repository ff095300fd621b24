package kz.shekara.server.view;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.theatre.Redaction;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;

/**
 * Withholds the details a viewer's agency may not have from an event it may see: with
 * {@link Redaction#SENSOR} which sensor saw it (a detection's sensor, a track's and an alert's
 * sensors; an alert's sentence, which may name them, becomes its rule); with {@link Redaction#UNIT}
 * which unit it is (id and callsign become an alias of its kind, {@code ground-vehicle-2}: the second
 * ground vehicle in the theatre's order, the same for every reader and every event). An event with
 * nothing to withhold is returned as it is. Immutable, thread-safe.
 */
public final class Redactor {
    /** What stands in for a withheld sensor id. */
    public static final String WITHHELD = "withheld";
    private final Map<String, String> unitAliases = new HashMap<>();

    public Redactor(Theatre theatre) {
        Map<String, Integer> perKind = new HashMap<>();
        for (Unit u : theatre.units()) {
            String kind = u.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            unitAliases.put(u.id(), kind + "-" + perKind.merge(kind, 1, Integer::sum));
        }
    }

    /** The id a viewer sees for a unit: its own, or its alias when units are withheld from it. */
    public String unit(Viewer viewer, String id) {
        if (id == null || !viewer.redacts(Redaction.UNIT)) {
            return id;
        }
        return unitAliases.getOrDefault(id, "unit");
    }

    /** An alert with its lifecycle as the viewer may have it. */
    public AlertBook.Entry apply(Viewer viewer, AlertBook.Entry e) {
        return viewer.redact().isEmpty() ? e : new AlertBook.Entry(apply(viewer, e.alert()), e.state(),
                e.acknowledgedBy(), e.acknowledgedAt(), e.closedBy(), e.closedAt(), e.disposition(), e.note());
    }

    /** An incident as the viewer may have it: its unit and its timeline's units withheld as events are. */
    public Incident apply(Viewer viewer, Incident i) {
        if (!viewer.redacts(Redaction.UNIT)) {
            return i;
        }
        return new Incident(i.id(), i.status(), i.severity(), i.sector(), i.lat(), i.lon(), i.opened(), i.updated(),
                i.alerts(), i.tracks(), unit(viewer, i.unit()), i.disposition(),
                i.timeline().stream().map(e -> apply(viewer, e)).toList(), i.marking());
    }

    /** The event as the viewer may have it. */
    @SuppressWarnings("unchecked")
    public <E extends DomainEvent> E apply(Viewer viewer, E event) {
        if (viewer.redact().isEmpty()) {
            return event;
        }
        boolean sensor = viewer.redacts(Redaction.SENSOR);
        DomainEvent out = switch (event) {
            case Detection d when sensor -> new Detection(d.time(), WITHHELD, d.kind(), d.lat(), d.lon(), d.sigmaM(),
                    d.marking());
            case TrackUpdate t when sensor -> new TrackUpdate(t.time(), t.track(), t.sector(), t.lat(), t.lon(),
                    t.vnMps(), t.veMps(), t.covEE(), t.covEN(), t.covNN(), t.status(), t.targetClass(),
                    new TreeSet<>(), t.marking(), t.modeProbabilities());
            case UnitPosition p -> {
                String alias = unit(viewer, p.unit());
                yield new UnitPosition(p.time(), alias, alias, p.cotType(), p.lat(), p.lon(), p.courseDeg(),
                        p.speedMps(), p.status(), p.marking());
            }
            case Alert a -> new Alert(a.time(), a.id(), a.rule(), a.severity(), a.sector(), a.zone(), a.track(),
                    sensor ? null : a.sensor(), unit(viewer, a.unit()), a.lat(), a.lon(),
                    sensor ? new TreeSet<>() : a.sensors(), a.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    a.marking(), null);
            case IncidentEvent i -> new IncidentEvent(i.time(), i.incident(), i.change(), i.status(), i.alert(),
                    unit(viewer, i.unit()), i.by(), i.note(), i.disposition(), i.sector(), i.severity(), i.lat(),
                    i.lon(), i.marking());
            case Task t -> new Task(t.time(), t.id(), t.incident(), unit(viewer, t.unit()), t.status(), t.track(),
                    t.lat(), t.lon(), t.etaS(), t.by(), t.message(), t.marking());
            case ChatMessage m when unitAliases.containsKey(m.senderUid()) -> new ChatMessage(m.time(), m.id(),
                    unit(viewer, m.senderUid()), unit(viewer, m.senderUid()), m.chatroom(), m.text(), m.lat(), m.lon(),
                    m.marking());
            default -> event;
        };
        return (E) out;
    }
}
