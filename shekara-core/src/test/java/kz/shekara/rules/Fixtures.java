package kz.shekara.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Reads the rule fixtures: a test theatre from zones.geojson (+ optional sensors) and scenario inputs. */
public final class Fixtures {
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-mvd"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GF = new GeometryFactory();

    private Fixtures() {
    }

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/kz/shekara/rules/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> lines(String name) {
        String t = text(name);
        List<JsonNode> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        for (String l : t.split("\n")) {
            if (!l.isBlank()) {
                out.add(read(l));
            }
        }
        return out;
    }

    static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test theatre: the zones of zones.geojson, the sensors of {@code <scenario>.sensors.jsonl}, sectors at a posture. */
    public static Theatre theatre(String scenario, Posture posture) {
        List<Zone> zones = new ArrayList<>();
        for (JsonNode f : read(text("zones.geojson")).get("features")) {
            JsonNode p = f.get("properties");
            zones.add(new Zone(f.get("id").asText(), ZoneKind.fromCode(p.get("kind").asText()), p.get("name").asText(),
                    p.path("sector").asText(null), p.path("buffer_m").asDouble(0), geometry(f.get("geometry"))));
        }
        List<Sensor> sensors = new ArrayList<>();
        for (JsonNode s : lines(scenario + ".sensors.jsonl")) {
            sensors.add(new Sensor(s.get("id").asText(), SensorKind.fromCode(s.get("kind").asText()), s.get("name").asText(),
                    s.get("sector").asText(), s.get("lat").asDouble(), s.get("lon").asDouble(), 5000, 10,
                    Duration.ofSeconds(s.get("period_s").asLong()), 0.9, 0.1));
        }
        List<Sector> sectors = List.of(
                new Sector("south", "South", "south-command", "UZ", posture, 41.6, 69.3),
                new Sector("caspian", "Caspian", "west-command", "TM", posture, 43.7, 50.7));
        return new Theatre("test", MARKING, sectors, zones, sensors, List.of(), List.of(), List.of());
    }

    static Geometry geometry(JsonNode g) {
        JsonNode c = g.get("coordinates");
        return switch (g.get("type").asText()) {
            case "Point" -> GF.createPoint(coord(c));
            case "LineString" -> GF.createLineString(coords(c));
            case "Polygon" -> GF.createPolygon(coords(c.get(0)));
            default -> throw new IllegalArgumentException("geometry type " + g.get("type"));
        };
    }

    private static Coordinate coord(JsonNode c) {
        return new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
    }

    private static Coordinate[] coords(JsonNode a) {
        Coordinate[] out = new Coordinate[a.size()];
        for (int i = 0; i < a.size(); i++) {
            out[i] = coord(a.get(i));
        }
        return out;
    }

    /** The inputs of a scenario as domain events, in file order: tracks, detections and unit positions. */
    public static List<DomainEvent> inputs(String scenario) {
        List<DomainEvent> out = new ArrayList<>();
        for (JsonNode n : lines(scenario + ".in.jsonl")) {
            Instant t = EPOCH.plusMillis(Math.round(n.get("time").asDouble() * 1000));
            double lat = n.get("lat").asDouble();
            double lon = n.get("lon").asDouble();
            if (n.has("track")) {
                TargetClass cls = n.has("class") ? TargetClass.valueOf(n.get("class").asText()) : TargetClass.UNKNOWN;
                out.add(new TrackUpdate(t, n.get("track").asText(), n.path("sector").asText(null), lat, lon,
                        n.path("vn").asDouble(0), n.path("ve").asDouble(0), 100, 0, 100, TrackStatus.CONFIRMED, cls,
                        new TreeSet<>(List.of("radar-1")), MARKING));
            } else if (n.has("unit")) {
                out.add(new UnitPosition(t, n.get("unit").asText(), n.get("callsign").asText(), n.get("type").asText(),
                        lat, lon, Double.NaN, Double.NaN, UnitStatus.fromCode(n.get("status").asText()), MARKING));
            } else {
                out.add(new Detection(t, n.get("sensor").asText(), SensorKind.fromCode(n.get("kind").asText()), lat, lon,
                        n.get("sigma_m").asDouble(), MARKING));
            }
        }
        return out;
    }
}
