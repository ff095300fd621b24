package kz.shekara.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.Severity;

/**
 * A snapshot of one incident: its status, severity (the highest of its alerts), latest position
 * (degrees), the alerts and tracks in it, the unit assigned, and the timeline of every change.
 * Immutable; the live state is the fold of its {@link kz.shekara.model.IncidentEvent}s.
 */
public record Incident(String id, IncidentStatus status, Severity severity, String sector, double lat, double lon,
                       Instant opened, Instant updated, List<String> alerts, SortedSet<String> tracks, String unit,
                       Disposition disposition, List<kz.shekara.model.IncidentEvent> timeline, Marking marking) {
    public Incident {
        alerts = List.copyOf(alerts);
        tracks = Collections.unmodifiableSortedSet(new TreeSet<>(tracks));
        timeline = List.copyOf(timeline);
    }
}
