package kz.shekara.server.theatre;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Reads one GeoJSON FeatureCollection of theatre zones. Each feature's properties carry {@code kind}
 * (a {@link ZoneKind} code), {@code id}, {@code name}, and as the kind needs {@code sector},
 * {@code posture}, {@code buffer_m}, and optionally its name in Kazakh, Russian and English as
 * {@code name_kk}, {@code name_ru}, {@code name_en}; a {@code sector} feature also defines the {@link Sector} (with
 * {@code command} and {@code neighbour}). Problems name the feature's index, id and line.
 */
final class ZoneFile {
    static final Set<String> PROPERTIES = Set.of("kind", "id", "name", "name_kk", "name_ru", "name_en", "sector",
            "posture", "buffer_m", "command", "neighbour", "iso_a2", "counterpart", "counterpart_country",
            "mode", "approximate", "basis", "note", "source", "length_km", "gap");
    /** The languages a zone may be named in, as {@code name_<code>}. */
    static final List<String> LANGUAGES = List.of("kk", "ru", "en");
    private static final List<String> KINDS = Arrays.stream(ZoneKind.values()).map(ZoneKind::code).toList();
    private static final List<String> POSTURES = Arrays.stream(Posture.values()).map(Posture::code).toList();

    /** A zone as read, before cross-file checks; {@code zone} is null when the feature had problems. */
    record Entry(Item item, String id, ZoneKind kind, Zone zone, Sector sector, String sectorRef, String commandRef) {
    }

    private ZoneFile() {
    }

    static List<Entry> read(String file, SourceNode root, GeoJsonGeometry geometries, Problems problems) {
        List<Entry> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof SourceNode.Obj obj)
                || !(obj.fields().get("type") instanceof SourceNode.Val t) || !"FeatureCollection".equals(t.value().asText())) {
            problems.add(file, root.line(), "not a GeoJSON FeatureCollection");
            return out;
        }
        if (!(obj.fields().get("features") instanceof SourceNode.Arr features)) {
            problems.add(file, root.line(), "FeatureCollection has no 'features' array");
            return out;
        }
        for (int i = 0; i < features.items().size(); i++) {
            SourceNode f = features.items().get(i);
            if (!(f instanceof SourceNode.Obj feature)) {
                problems.add(file, f.line(), "feature " + i + ": not an object");
                continue;
            }
            Entry e = feature(file, i, feature, geometries, problems);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Entry feature(String file, int index, SourceNode.Obj feature, GeoJsonGeometry geometries,
                                 Problems problems) {
        SourceNode propsNode = feature.fields().get("properties");
        if (!(propsNode instanceof SourceNode.Obj props)) {
            problems.add(file, feature.line(), "feature " + index + ": no properties object");
            return null;
        }
        Item item = new Item(file, "feature " + index, props, problems);
        String id = item.text("id", true);
        item = item.named("feature " + index + (id == null ? "" : " (" + id + ")"));
        item.allowOnly(PROPERTIES);
        ZoneKind kind = item.code("kind", ZoneKind::fromCode, KINDS, true);
        String name = item.text("name", true);
        String sectorRef = item.text("sector", false);
        double bufferM = item.has("buffer_m") ? item.number("buffer_m", 0, 1e7, true) : 0;
        Posture posture = item.code("posture", Posture::fromCode, POSTURES, false);
        Geometry geometry = geometry(item, feature, geometries);
        if (kind != null && geometry != null && !fits(kind, geometry)) {
            item.problem("a " + kind.code() + " zone cannot be a " + geometry.getGeometryType());
            geometry = null;
        }
        Sector sector = null;
        String commandRef = null;
        if (kind == ZoneKind.SECTOR) {
            commandRef = item.text("command", true);
            String neighbour = item.text("neighbour", true);
            if (sectorRef != null && id != null && !sectorRef.equals(id)) {
                item.problem("sector", "a sector zone's 'sector' must be its own id '" + id + "', not '" + sectorRef + "'");
            }
            sectorRef = id;
            if (id != null && name != null && commandRef != null && neighbour != null && geometry != null) {
                Point origin = geometry.getCentroid();
                sector = new Sector(id, name, commandRef, neighbour, posture == null ? Posture.NORMAL : posture,
                        origin.getY(), origin.getX());
            }
        }
        Zone zone = null;
        if (id != null && kind != null && name != null && geometry != null && !Double.isNaN(bufferM)) {
            zone = new Zone(id, kind, name, sectorRef, bufferM, geometry, names(item));
        }
        return new Entry(item, id, kind, zone, sector, sectorRef, commandRef);
    }

    /** The zone's localised names: {@code name_kk}, {@code name_ru}, {@code name_en}, those given. */
    private static Map<String, String> names(Item item) {
        Map<String, String> names = new TreeMap<>();
        for (String lang : LANGUAGES) {
            String n = item.text("name_" + lang, false);
            if (n != null) {
                names.put(lang, n);
            }
        }
        return names;
    }

    private static Geometry geometry(Item item, SourceNode.Obj feature, GeoJsonGeometry geometries) {
        SourceNode g = feature.fields().get("geometry");
        JsonNode tree = g instanceof SourceNode.Val v ? v.value() : null;
        if (tree == null || tree.isNull()) {
            item.problemAt(feature.line(), "missing geometry");
            return null;
        }
        try {
            return geometries.parse(tree);
        } catch (IllegalArgumentException e) {
            item.problemAt(g.line(), e.getMessage());
            return null;
        }
    }

    /** Sectors, countries, seas and areas are polygons; borders and roads lines; crossing points points. */
    private static boolean fits(ZoneKind kind, Geometry g) {
        return switch (kind) {
            case COUNTRY, SEA, SECTOR, RESTRICTED_AREA -> g.getDimension() == 2;
            case BORDER, ROAD -> g.getDimension() == 1;
            case CROSSING_POINT -> g.getDimension() == 0;
            case PROTECTED_SITE -> true;
        };
    }
}
