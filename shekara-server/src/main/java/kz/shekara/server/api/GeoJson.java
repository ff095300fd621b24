package kz.shekara.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes GeoJSON (RFC 7946) objects: features, feature collections and JTS geometries with x = lon,
 * y = lat in degrees. Coordinates are rounded to 1e-6 degrees (about 0.1 m). Stateless; thread-safe.
 */
final class GeoJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeoJson() {
    }

    static ObjectNode collection(Iterable<ObjectNode> features) {
        ObjectNode fc = NODES.objectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode arr = fc.putArray("features");
        features.forEach(arr::add);
        return fc;
    }

    /** A feature; {@code id} may be null for features without a stable identity (detections), and is then left out. */
    static ObjectNode feature(String id, ObjectNode geometry, ObjectNode properties) {
        ObjectNode f = NODES.objectNode();
        f.put("type", "Feature");
        if (id != null) {
            f.put("id", id);
        }
        f.set("geometry", geometry);
        f.set("properties", properties);
        return f;
    }

    static ObjectNode point(double lat, double lon) {
        ObjectNode g = NODES.objectNode();
        g.put("type", "Point");
        g.set("coordinates", position(lon, lat));
        return g;
    }

    static ArrayNode position(double lon, double lat) {
        return NODES.arrayNode().add(round(lon)).add(round(lat));
    }

    static double round(double deg) {
        return Math.round(deg * 1e6) / 1e6;
    }

    static ObjectNode geometry(Geometry g) {
        ObjectNode o = NODES.objectNode();
        switch (g) {
            case Point p -> o.put("type", "Point").set("coordinates", coordinate(p.getCoordinate()));
            case LineString l -> o.put("type", "LineString").set("coordinates", line(l.getCoordinates()));
            case Polygon p -> o.put("type", "Polygon").set("coordinates", rings(p));
            case MultiPoint mp -> o.put("type", "MultiPoint").set("coordinates", parts(mp));
            case MultiLineString ml -> o.put("type", "MultiLineString").set("coordinates", parts(ml));
            case MultiPolygon mp -> o.put("type", "MultiPolygon").set("coordinates", parts(mp));
            case GeometryCollection gc -> {
                ArrayNode arr = o.put("type", "GeometryCollection").putArray("geometries");
                for (int i = 0; i < gc.getNumGeometries(); i++) {
                    arr.add(geometry(gc.getGeometryN(i)));
                }
            }
            default -> throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        return o;
    }

    private static ArrayNode parts(GeometryCollection multi) {
        ArrayNode arr = NODES.arrayNode();
        for (int i = 0; i < multi.getNumGeometries(); i++) {
            arr.add(geometry(multi.getGeometryN(i)).get("coordinates"));
        }
        return arr;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode arr = NODES.arrayNode().add(line(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            arr.add(line(p.getInteriorRingN(i).getCoordinates()));
        }
        return arr;
    }

    private static ArrayNode line(Coordinate[] cs) {
        ArrayNode arr = NODES.arrayNode();
        for (Coordinate c : cs) {
            arr.add(coordinate(c));
        }
        return arr;
    }

    private static ArrayNode coordinate(Coordinate c) {
        return position(c.x, c.y);
    }
}
