package kz.shekara.incident;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;

/**
 * How well each rule and each sensor works, measured from operators' dispositions: per rule and
 * per sensor, alerts raised, closed by disposition, the false-alarm rate (false alarms over alerts
 * judged confirmed or false) and the share of confirmed events it caught (confirmed events with
 * at least one of its alerts, over all confirmed events). An event is an incident, or an alert in
 * none; it is confirmed when it or one of its alerts was closed as confirmed. Folded from Alert,
 * AlertChange and IncidentEvent events. Not thread-safe.
 */
public final class AlertStatistics {
    private final Map<String, Alert> alerts = new HashMap<>();
    private final Map<String, String> eventOfAlert = new HashMap<>();
    private final Map<String, Set<String>> alertsOfEvent = new HashMap<>();
    private final Set<String> confirmedEvents = new HashSet<>();
    private final Map<String, Disposition> closedAs = new HashMap<>();

    /** A rule's or a sensor's counts and rates; rates are NaN when nothing has been judged yet. */
    public record Row(String name, long raised, Map<Disposition, Long> closed, double falseAlarmRate,
                      long confirmedEventsCaught, double catchShare) {
        public Row {
            closed = Map.copyOf(closed);
        }
    }

    /** The statistics at one moment: per rule, per sensor (sorted by name), and the number of confirmed events. */
    public record Snapshot(List<Row> rules, List<Row> sensors, long confirmedEvents) {
        public Snapshot {
            rules = List.copyOf(rules);
            sensors = List.copyOf(sensors);
        }
    }

    public void apply(Alert a) {
        if (alerts.putIfAbsent(a.id(), a) == null) {
            eventOfAlert.put(a.id(), a.id());
            alertsOfEvent.computeIfAbsent(a.id(), k -> new TreeSet<>()).add(a.id());
        }
    }

    public void apply(AlertChange c) {
        if (c.disposition() == null || !alerts.containsKey(c.alert())) {
            return;
        }
        closedAs.put(c.alert(), c.disposition());
        if (c.disposition() == Disposition.CONFIRMED) {
            confirmedEvents.add(eventOfAlert.get(c.alert()));
        }
    }

    public void apply(IncidentEvent e) {
        if (e.alert() != null && alerts.containsKey(e.alert())) {
            String old = eventOfAlert.put(e.alert(), e.incident());
            Set<String> members = alertsOfEvent.remove(old);
            if (members != null) {
                alertsOfEvent.computeIfAbsent(e.incident(), k -> new TreeSet<>()).addAll(members);
            }
            if (old != null && confirmedEvents.remove(old)) {
                confirmedEvents.add(e.incident());
            }
        }
        if (e.disposition() == Disposition.CONFIRMED) {
            confirmedEvents.add(e.incident());
            alertsOfEvent.computeIfAbsent(e.incident(), k -> new TreeSet<>());
        }
    }

    /** Drops what the alerts and incidents named (given up to another desk) counted. */
    public void forget(java.util.Collection<String> alertIds, java.util.Collection<String> incidents) {
        for (String id : alertIds) {
            alerts.remove(id);
            closedAs.remove(id);
            String event = eventOfAlert.remove(id);
            Set<String> members = event == null ? null : alertsOfEvent.get(event);
            if (members != null) {
                members.remove(id);
                if (members.isEmpty()) {
                    alertsOfEvent.remove(event);
                    confirmedEvents.remove(event);
                }
            }
        }
        for (String incident : incidents) {
            alertsOfEvent.remove(incident);
            confirmedEvents.remove(incident);
        }
    }

    public Snapshot snapshot() {
        Map<String, Counts> byRule = new TreeMap<>();
        Map<String, Counts> bySensor = new TreeMap<>();
        for (Alert a : alerts.values()) {
            count(byRule.computeIfAbsent(a.rule().code(), k -> new Counts()), a);
            for (String s : a.sensors()) {
                count(bySensor.computeIfAbsent(s, k -> new Counts()), a);
            }
        }
        for (String event : confirmedEvents) {
            Set<String> rules = new HashSet<>();
            Set<String> sensors = new HashSet<>();
            for (String id : alertsOfEvent.getOrDefault(event, Set.of())) {
                Alert a = alerts.get(id);
                rules.add(a.rule().code());
                sensors.addAll(a.sensors());
            }
            rules.forEach(r -> byRule.get(r).caught++);
            sensors.forEach(s -> bySensor.get(s).caught++);
        }
        long confirmed = confirmedEvents.size();
        return new Snapshot(rows(byRule, confirmed), rows(bySensor, confirmed), confirmed);
    }

    private void count(Counts c, Alert a) {
        c.raised++;
        Disposition d = closedAs.get(a.id());
        if (d != null) {
            c.closed.merge(d, 1L, Long::sum);
        }
    }

    private static List<Row> rows(Map<String, Counts> counts, long confirmed) {
        List<Row> rows = new ArrayList<>();
        counts.forEach((name, c) -> {
            long ok = c.closed.getOrDefault(Disposition.CONFIRMED, 0L);
            long fa = c.closed.getOrDefault(Disposition.FALSE_ALARM, 0L);
            double far = ok + fa == 0 ? Double.NaN : (double) fa / (ok + fa);
            double share = confirmed == 0 ? Double.NaN : (double) c.caught / confirmed;
            rows.add(new Row(name, c.raised, c.closed, far, c.caught, share));
        });
        return rows;
    }

    private static final class Counts {
        long raised;
        long caught;
        final EnumMap<Disposition, Long> closed = new EnumMap<>(Disposition.class);
    }
}
