package kz.shekara.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.AlertStatistics;
import kz.shekara.incident.DetectionProbability;
import kz.shekara.incident.Incident;
import kz.shekara.model.Alert;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.rules.AlertText;
import kz.shekara.server.store.EventCodec;
import kz.shekara.theatre.Posture;

/**
 * JSON shapes of alerts, incidents, statistics and postures for the API: degrees, ISO-8601 times, lower-case codes.
 * An alert has its sentence in each language ({@code texts}: kk, ru, en, times in UTC as the map shows them) and its
 * structured {@code facts} as the log stores them (null on alerts logged without). Stateless.
 */
final class AlertJson {
    private static final ObjectMapper FACTS = EventCodec.standard().mapper();
    private final ObjectMapper mapper;

    AlertJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode alert(AlertBook.Entry e) {
        Alert a = e.alert();
        ObjectNode o = mapper.createObjectNode();
        o.put("id", a.id());
        o.put("time", a.time().toString());
        o.put("rule", a.rule().code());
        o.put("class", a.rule().alertClass());
        o.put("severity", a.severity().code());
        a.direction().ifPresent(d -> o.put("direction", d));
        a.crossingPoint().ifPresent(c -> o.put("crossing_point", c));
        o.put("state", e.state().code());
        o.put("sector", a.sector());
        o.put("zone", a.zone());
        o.put("track", a.track());
        o.put("sensor", a.sensor());
        o.put("unit", a.unit());
        o.put("lat", a.lat());
        o.put("lon", a.lon());
        o.put("detail", a.detail());
        ObjectNode texts = o.putObject("texts");
        for (String lang : AlertText.LANGUAGES) {
            texts.put(lang, AlertText.of(a, lang, ZoneOffset.UTC));
        }
        o.set("facts", a.facts() == null ? null : FACTS.valueToTree(a.facts()));
        ArrayNode sensors = o.putArray("sensors");
        a.sensors().forEach(sensors::add);
        o.put("acknowledged_by", e.acknowledgedBy());
        o.put("acknowledged_at", text(e.acknowledgedAt()));
        o.put("closed_by", e.closedBy());
        o.put("closed_at", text(e.closedAt()));
        o.put("disposition", e.disposition() == null ? null : e.disposition().code());
        o.set("marking", marking(a.marking()));
        return o;
    }

    ObjectNode incident(Incident i) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", i.id());
        o.put("status", i.status().code());
        o.put("severity", i.severity().code());
        o.put("sector", i.sector());
        o.put("lat", i.lat());
        o.put("lon", i.lon());
        o.put("opened", i.opened().toString());
        o.put("updated", i.updated().toString());
        o.put("unit", i.unit());
        o.put("disposition", i.disposition() == null ? null : i.disposition().code());
        ArrayNode alerts = o.putArray("alerts");
        i.alerts().forEach(alerts::add);
        ArrayNode tracks = o.putArray("tracks");
        i.tracks().forEach(tracks::add);
        ArrayNode timeline = o.putArray("timeline");
        i.timeline().forEach(e -> timeline.add(step(e)));
        o.set("marking", marking(i.marking()));
        return o;
    }

    ObjectNode step(IncidentEvent e) {
        ObjectNode o = mapper.createObjectNode();
        o.put("time", e.time().toString());
        o.put("change", e.change().code());
        o.put("status", e.status().code());
        o.put("alert", e.alert());
        o.put("unit", e.unit());
        o.put("by", e.by());
        o.put("note", e.note());
        o.put("disposition", e.disposition() == null ? null : e.disposition().code());
        return o;
    }

    /** A timeline step with the incident's severity, sector and position (degrees) after the change. */
    ObjectNode timelineStep(IncidentEvent e) {
        ObjectNode o = step(e);
        o.put("severity", e.severity().code());
        o.put("sector", e.sector());
        o.put("lat", e.lat());
        o.put("lon", e.lon());
        return o;
    }

    ObjectNode statistics(AlertStatistics.Snapshot s) {
        return statistics(s, null);
    }

    /** With {@code detection} non-null, adds each sensor's probability of detection measured against truth. */
    ObjectNode statistics(AlertStatistics.Snapshot s, java.util.List<DetectionProbability.Estimate> detection) {
        ObjectNode o = mapper.createObjectNode();
        if (detection != null) {
            ArrayNode pd = o.putArray("detection");
            for (DetectionProbability.Estimate e : detection) {
                ObjectNode row = pd.addObject().put("sensor", e.sensor()).put("kind", e.kind())
                        .put("opportunities", e.opportunities()).put("hits", e.hits());
                if (Double.isNaN(e.pd())) {
                    row.putNull("pd");
                } else {
                    row.put("pd", e.pd());
                }
            }
        }
        o.put("confirmed_events", s.confirmedEvents());
        ArrayNode rules = o.putArray("rules");
        s.rules().forEach(r -> rules.add(row(r)));
        ArrayNode sensors = o.putArray("sensors");
        s.sensors().forEach(r -> sensors.add(row(r)));
        return o;
    }

    private ObjectNode row(AlertStatistics.Row r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", r.name());
        o.put("raised", r.raised());
        ObjectNode closed = o.putObject("closed");
        for (Disposition d : Disposition.values()) {
            closed.put(d.code(), r.closed().getOrDefault(d, 0L));
        }
        rate(o, "false_alarm_rate", r.falseAlarmRate());
        o.put("confirmed_events_caught", r.confirmedEventsCaught());
        rate(o, "catch_share", r.catchShare());
        return o;
    }

    ObjectNode postures(Map<String, Posture> postures) {
        ObjectNode o = mapper.createObjectNode();
        postures.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.put(e.getKey(), e.getValue().code()));
        return o;
    }

    private static void rate(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private ObjectNode marking(Marking m) {
        ObjectNode o = mapper.createObjectNode();
        o.put("classification", m.classification().name().toLowerCase(java.util.Locale.ROOT));
        o.put("originator", m.originator());
        ArrayNode r = o.putArray("releasable_to");
        m.releasableTo().forEach(r::add);
        o.put("exercise", m.exercise());
        return o;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
