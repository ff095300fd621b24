package kz.shekara.server.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.AlertChange;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;

/**
 * One incident's file for after-action review, read back from the event log: the incident with its
 * timeline, its alerts with every lifecycle step, the path of each track involved, the reported
 * positions of each unit assigned over the incident's period, and the most restrictive marking of
 * everything in it (the marking of the file as a whole). Maps are sorted by id. Immutable.
 *
 * @param from the incident's opening time
 * @param to the time of its last logged change (incident event or alert change)
 */
public record IncidentFile(Incident incident, Instant from, Instant to, List<AlertHistory> alerts,
                           SortedMap<String, List<TrackUpdate>> tracks, SortedMap<String, List<UnitPosition>> units,
                           Marking marking) {
    public IncidentFile {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(marking, "marking");
        alerts = List.copyOf(alerts);
        tracks = copy(tracks);
        units = copy(units);
    }

    private static <T> SortedMap<String, List<T>> copy(Map<String, List<T>> m) {
        TreeMap<String, List<T>> t = new TreeMap<>();
        m.forEach((k, v) -> t.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableSortedMap(t);
    }

    /** An alert as it ended up, with every change of its lifecycle in log order. */
    public record AlertHistory(AlertBook.Entry alert, List<AlertChange> changes) {
        public AlertHistory {
            Objects.requireNonNull(alert, "alert");
            changes = List.copyOf(changes);
        }
    }
}
