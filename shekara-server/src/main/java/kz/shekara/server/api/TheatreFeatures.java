package kz.shekara.server.api;

import static kz.shekara.server.api.GeoJson.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;

/**
 * The static layers of a theatre as GeoJSON feature collections: zones (with kind, name, sector,
 * the sector's posture, buffer in metres, a label point for areas and the buffer area of lines and
 * areas), sensors and bases. The theatre is immutable: zone features are built once, in the
 * constructor, and shared read-only. Thread-safe.
 */
final class TheatreFeatures {
    private final Theatre theatre;
    private final List<ObjectNode> zoneFeatures;
    /** Buffer areas by zone index and buffer in whole metres: a posture change computes each once. */
    private final java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> buffers =
            new java.util.concurrent.ConcurrentHashMap<>();

    TheatreFeatures(Theatre theatre) {
        this.theatre = theatre;
        this.zoneFeatures = theatre.zones().stream().map(this::zone).toList();
    }

    /**
     * Zones, all or of the given kinds, in theatre order (basemap first as the theatre lists it),
     * each with its sector's posture in force and its buffer as that posture scales it
     * ({@code bufferM}, the area {@code buffer}; {@code baseBufferM} the theatre's).
     */
    ObjectNode zones(List<ZoneKind> kinds, java.util.Map<String, Posture> postures,
                     java.util.function.ToDoubleFunction<Posture> bufferFactor) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < zoneFeatures.size(); i++) {
            Zone z = theatre.zones().get(i);
            if (!kinds.isEmpty() && !kinds.contains(z.kind())) {
                continue;
            }
            ObjectNode f = zoneFeatures.get(i);
            Posture posture = z.sector() == null ? null : postures.getOrDefault(z.sector(),
                    theatre.sector(z.sector()).map(Sector::posture).orElse(null));
            if (posture == null) {
                out.add(f);
                continue;
            }
            ObjectNode live = f.deepCopy();
            ObjectNode p = (ObjectNode) live.get("properties");
            p.put("posture", posture.code());
            if (z.bufferM() > 0) {
                double m = z.bufferM() * bufferFactor.applyAsDouble(posture);
                p.put("bufferM", m);
                int zone = i;
                p.set("buffer", buffers.computeIfAbsent(zone + "@" + Math.round(m),
                        k -> GeoJson.geometry(ZoneShapes.buffer(z.geometry(), m))));
            }
            out.add(live);
        }
        return GeoJson.collection(out);
    }

    private ObjectNode zone(Zone z) {
        ObjectNode p = NODES.objectNode();
        p.put("id", z.id());
        p.put("kind", z.kind().code());
        p.put("name", z.name());
        if (!z.names().isEmpty()) {
            ObjectNode names = p.putObject("names");
            new java.util.TreeMap<>(z.names()).forEach(names::put);
        }
        p.put("sector", z.sector());
        p.put("posture", theatre.sector(z.sector()).map(Sector::posture).map(x -> x.code()).orElse(null));
        p.put("sectorName", theatre.sector(z.sector()).map(Sector::name).orElse(null));
        p.put("bufferM", z.bufferM());
        p.put("baseBufferM", z.bufferM());
        if (z.geometry().getDimension() >= 1) {
            var label = ZoneShapes.labelPoint(z.geometry());
            p.put("labelLat", GeoJson.round(label.getY()));
            p.put("labelLon", GeoJson.round(label.getX()));
        }
        if (z.bufferM() > 0) {
            p.set("buffer", GeoJson.geometry(ZoneShapes.buffer(z.geometry(), z.bufferM())));
        }
        EventJson.marking(p, theatre.defaultMarking());
        return GeoJson.feature(z.id(), GeoJson.geometry(z.geometry()), p);
    }

    ObjectNode sensors() {
        List<ObjectNode> out = new ArrayList<>();
        for (Sensor s : theatre.sensors()) {
            ObjectNode p = NODES.objectNode();
            p.put("id", s.id());
            p.put("kind", s.kind().code());
            p.put("alarm", s.kind().isAlarm());
            p.put("name", s.name());
            names(p, s.names());
            p.put("sector", s.sector());
            p.put("rangeM", s.rangeM());
            p.put("sigmaM", s.sigmaM());
            p.put("periodS", s.period().toMillis() / 1000.0);
            p.put("probabilityOfDetection", s.probabilityOfDetection());
            p.put("falseAlarmsPerScan", s.falseAlarmsPerScan());
            EventJson.marking(p, theatre.defaultMarking());
            out.add(GeoJson.feature(s.id(), GeoJson.point(s.lat(), s.lon()), p));
        }
        return GeoJson.collection(out);
    }

    /** A sensor's or base's names by language, as zones carry theirs, when the theatre gives any. */
    private static void names(ObjectNode p, Map<String, String> byLanguage) {
        if (!byLanguage.isEmpty()) {
            ObjectNode names = p.putObject("names");
            byLanguage.forEach(names::put);
        }
    }

    ObjectNode bases() {
        List<ObjectNode> out = new ArrayList<>();
        for (Base b : theatre.bases()) {
            ObjectNode p = NODES.objectNode();
            p.put("id", b.id());
            p.put("kind", EventJson.code(b.kind().name()));
            p.put("name", b.name());
            names(p, b.names());
            p.put("command", b.command());
            p.put("units", theatre.units().stream().filter(u -> b.id().equals(u.base())).count());
            EventJson.marking(p, theatre.defaultMarking());
            out.add(GeoJson.feature(b.id(), GeoJson.point(b.lat(), b.lon()), p));
        }
        return GeoJson.collection(out);
    }

    /**
     * Theatre name, time zone, sectors (id, name, posture, neighbour), commands (id, name, agency) and
     * the bounding box [w, s, e, n] of the area of operations.
     */
    ObjectNode summary() {
        ObjectNode o = NODES.objectNode();
        o.put("name", theatre.name());
        o.put("timeZone", theatre.timeZone().getId());
        var arr = o.putArray("sectors");
        for (Sector s : theatre.sectors()) {
            arr.addObject().put("id", s.id()).put("name", s.name()).put("command", s.command())
                    .put("neighbour", s.neighbour()).put("posture", s.posture().code());
        }
        var commands = o.putArray("commands");
        theatre.commands().forEach(c -> commands.addObject().put("id", c.id()).put("name", c.name())
                .put("agency", c.agency()));
        // The area of operations: sectors, borders, sites and bases; the basemap only when there is nothing else.
        var env = new org.locationtech.jts.geom.Envelope();
        theatre.zones().stream().filter(z -> z.kind() != ZoneKind.COUNTRY && z.kind() != ZoneKind.SEA)
                .forEach(z -> env.expandToInclude(z.geometry().getEnvelopeInternal()));
        theatre.bases().forEach(b -> env.expandToInclude(b.lon(), b.lat()));
        if (env.isNull()) {
            theatre.zones().forEach(z -> env.expandToInclude(z.geometry().getEnvelopeInternal()));
        }
        if (!env.isNull()) {
            o.putArray("bbox").add(env.getMinX()).add(env.getMinY()).add(env.getMaxX()).add(env.getMaxY());
        }
        EventJson.marking(o, theatre.defaultMarking());
        return o;
    }
}
