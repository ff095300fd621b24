package kz.shekara.server.api;

import static kz.shekara.server.api.GeoJson.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.view.TrackView;
import kz.shekara.theatre.Unit;

/**
 * The JSON shape of live objects, shared by the REST API (as GeoJSON feature properties) and the
 * WebSocket feed (as {@code {"type": ..., ...}} messages), so both say the same thing. Times are
 * ISO-8601 instants; angles degrees from true north; speeds m/s; covariances m² east-north.
 * Every object carries its marking and {@code exercise}. Stateless; thread-safe.
 */
final class EventJson {
    private EventJson() {
    }

    static void marking(ObjectNode o, Marking m) {
        o.put("exercise", m.exercise());
        o.put("classification", m.classification().name());
        o.put("originator", m.originator());
        ArrayNode rel = o.putArray("releasableTo");
        m.releasableTo().forEach(rel::add);
    }

    /** Unit properties: theatre definition (may be null for a TAK device) merged with its latest position (may be null). */
    static ObjectNode unit(String id, Unit def, UnitPosition p, Marking fallback) {
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("callsign", p != null ? p.callsign() : def.callsign());
        o.put("kind", def != null ? code(def.kind().name()) : kindOfCotType(p.cotType()));
        o.put("theatreUnit", def != null);
        if (def != null) {
            o.put("base", def.base());
            o.put("command", def.command());
        }
        o.put("reported", p != null);
        if (p != null) {
            o.put("cotType", p.cotType());
            o.put("status", p.status().code());
            o.put("time", p.time().toString());
            number(o, "courseDeg", p.courseDeg());
            number(o, "speedMps", p.speedMps());
            o.put("lat", GeoJson.round(p.lat()));
            o.put("lon", GeoJson.round(p.lon()));
        } else {
            o.putNull("status");
            o.putNull("time");
        }
        marking(o, p != null ? p.marking() : fallback);
        return o;
    }

    /**
     * A coarse unit kind for a TAK device that is not a theatre unit, from its CoT type's battle
     * dimension: a-?-A (air) is taken for a helicopter, a-?-S (sea surface) for a boat, ground
     * equipment (a-?-G-E) for a vehicle, anything else for a foot patrol.
     */
    static String kindOfCotType(String cotType) {
        String[] p = cotType.split("-");
        if (p.length >= 3 && p[0].equals("a")) {
            return switch (p[2]) {
                case "A" -> "helicopter";
                case "S" -> "boat";
                case "G" -> p.length >= 4 && p[3].equals("E") ? "ground-vehicle" : "foot-patrol";
                default -> "foot-patrol";
            };
        }
        return "foot-patrol";
    }

    static ObjectNode detection(Detection d) {
        ObjectNode o = NODES.objectNode();
        o.put("sensor", d.sensor());
        o.put("kind", d.kind().code());
        o.put("alarm", d.kind().isAlarm());
        o.put("time", d.time().toString());
        o.put("lat", GeoJson.round(d.lat()));
        o.put("lon", GeoJson.round(d.lon()));
        o.put("sigmaM", d.sigmaM());
        marking(o, d.marking());
        return o;
    }

    static ObjectNode track(TrackUpdate t) {
        ObjectNode o = NODES.objectNode();
        o.put("id", t.track());
        o.put("sector", t.sector());
        o.put("status", code(t.status().name()));
        o.put("targetClass", code(t.targetClass().name()));
        o.put("time", t.time().toString());
        o.put("lat", GeoJson.round(t.lat()));
        o.put("lon", GeoJson.round(t.lon()));
        o.put("vnMps", t.vnMps());
        o.put("veMps", t.veMps());
        o.put("speedMps", t.speedMps());
        o.put("courseDeg", (Math.toDegrees(Math.atan2(t.veMps(), t.vnMps())) + 360) % 360);
        o.put("covEE", t.covEE());
        o.put("covEN", t.covEN());
        o.put("covNN", t.covNN());
        o.put("sigmaM", t.sigmaM());
        ArrayNode s = o.putArray("sensors");
        t.sensors().forEach(s::add);
        if (!t.modeProbabilities().isEmpty()) {
            ArrayNode modes = o.putArray("modeProbabilities");
            t.modeProbabilities().forEach(modes::add);
        }
        marking(o, t.marking());
        return o;
    }

    static ObjectNode track(TrackView v) {
        ObjectNode o = track(v.latest());
        ArrayNode trail = o.putArray("trail");
        v.trail().forEach(p -> trail.add(GeoJson.position(p.lon(), p.lat())));
        return o;
    }

    static ObjectNode message(ChatMessage m) {
        ObjectNode o = NODES.objectNode();
        o.put("id", m.id());
        o.put("time", m.time().toString());
        o.put("senderUid", m.senderUid());
        o.put("senderCallsign", m.senderCallsign());
        o.put("chatroom", m.chatroom());
        o.put("text", m.text());
        number(o, "lat", m.lat());
        number(o, "lon", m.lon());
        marking(o, m.marking());
        return o;
    }

    /** The lower-case, hyphenated code of an enum constant name. */
    static String code(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
