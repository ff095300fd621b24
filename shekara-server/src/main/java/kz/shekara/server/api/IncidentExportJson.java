package kz.shekara.server.api;

import static kz.shekara.server.api.GeoJson.NODES;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import kz.shekara.model.AlertChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.review.IncidentFile;
import kz.shekara.theatre.Unit;

/**
 * The JSON export of one incident's file for after-action review: {@code {"format", "marking",
 * "incident", "period", "timeline", "alerts" (each with its "changes"), "tracks" (each with its
 * "path"), "units" (each with its "positions")}}, every item with its own marking. Deterministic:
 * the same log gives the same bytes. Stateless; thread-safe.
 */
final class IncidentExportJson {
    /** Names the layout of the export; bump it when the layout changes. */
    static final String FORMAT = "shekara-incident-export/1";

    private final AlertJson alerts;
    private final Map<String, Unit> defs;

    IncidentExportJson(ObjectMapper mapper, Map<String, Unit> defs) {
        this.alerts = new AlertJson(mapper);
        this.defs = defs;
    }

    ObjectNode export(IncidentFile f) {
        ObjectNode o = NODES.objectNode();
        o.put("format", FORMAT);
        o.set("marking", marking(f.marking()));
        ObjectNode incident = alerts.incident(f.incident());
        incident.remove("timeline");
        o.set("incident", incident);
        o.putObject("period").put("from", f.from().toString()).put("to", f.to().toString());
        ArrayNode timeline = o.putArray("timeline");
        for (IncidentEvent e : f.incident().timeline()) {
            timeline.add(alerts.timelineStep(e));
        }
        ArrayNode as = o.putArray("alerts");
        for (IncidentFile.AlertHistory h : f.alerts()) {
            ObjectNode a = alerts.alert(h.alert());
            ArrayNode changes = a.putArray("changes");
            for (AlertChange c : h.changes()) {
                changes.add(NODES.objectNode().put("time", c.time().toString()).put("state", c.state().code())
                        .put("by", c.by()).put("disposition", c.disposition() == null ? null : c.disposition().code())
                        .put("note", c.note()));
            }
            as.add(a);
        }
        ArrayNode tracks = o.putArray("tracks");
        f.tracks().forEach((id, path) -> tracks.add(track(id, path)));
        ArrayNode units = o.putArray("units");
        f.units().forEach((id, positions) -> units.add(unit(id, positions)));
        return o;
    }

    private ObjectNode track(String id, List<TrackUpdate> path) {
        ObjectNode t = NODES.objectNode().put("id", id);
        ArrayNode points = t.putArray("path");
        Marking m = null;
        for (TrackUpdate u : path) {
            ObjectNode p = EventJson.track(u);
            m = m == null ? u.marking() : m.mostRestrictive(u.marking());
            ObjectNode point = NODES.objectNode().put("time", p.get("time").asText()).put("lat", p.get("lat").asDouble())
                    .put("lon", p.get("lon").asDouble()).put("speedMps", u.speedMps())
                    .put("courseDeg", p.get("courseDeg").asDouble()).put("status", p.get("status").asText())
                    .put("targetClass", p.get("targetClass").asText());
            points.add(point);
        }
        if (m != null) {
            t.set("marking", marking(m));
        }
        return t;
    }

    private ObjectNode unit(String id, List<UnitPosition> positions) {
        Unit def = defs.get(id);
        ObjectNode u = NODES.objectNode().put("id", id);
        u.put("callsign", def != null ? def.callsign() : positions.isEmpty() ? id : positions.get(0).callsign());
        ArrayNode ps = u.putArray("positions");
        for (UnitPosition p : positions) {
            ps.add(NODES.objectNode().put("time", p.time().toString()).put("lat", GeoJson.round(p.lat()))
                    .put("lon", GeoJson.round(p.lon())).put("status", p.status().code()));
        }
        return u;
    }

    static ObjectNode marking(Marking m) {
        ObjectNode o = NODES.objectNode();
        EventJson.marking(o, m);
        return o;
    }
}
