package kz.shekara.server.theatre;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Converts a GeoJSON (RFC 7946) geometry object to a JTS geometry with x = longitude, y = latitude
 * (degrees). Point, LineString, Polygon and their Multi forms; coordinates must be finite and in range
 * and polygons topologically valid. Stateless and thread-safe.
 */
final class GeoJsonGeometry {
    private final GeometryFactory factory;

    GeoJsonGeometry(GeometryFactory factory) {
        this.factory = factory;
    }

    /** The geometry, or an {@link IllegalArgumentException} saying what is wrong with it. */
    Geometry parse(JsonNode g) {
        if (g == null || !g.isObject()) {
            throw new IllegalArgumentException("geometry must be a GeoJSON geometry object");
        }
        String type = g.path("type").asText("");
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new IllegalArgumentException(type + " geometry has no coordinates array");
        }
        Geometry geometry = switch (type) {
            case "Point" -> factory.createPoint(coordinate(c));
            case "LineString" -> line(c);
            case "MultiLineString" -> factory.createMultiLineString(each(c, this::line).toArray(new LineString[0]));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> factory.createMultiPolygon(each(c, this::polygon).toArray(new Polygon[0]));
            default -> throw new IllegalArgumentException("unsupported geometry type '" + type + "'");
        };
        IsValidOp valid = new IsValidOp(geometry);
        if (!valid.isValid()) {
            TopologyValidationError e = valid.getValidationError();
            Coordinate at = e.getCoordinate();
            throw new IllegalArgumentException("invalid geometry: " + e.getMessage()
                    + (at == null ? "" : " at lon " + at.x + ", lat " + at.y));
        }
        return geometry;
    }

    private static <T> List<T> each(JsonNode array, java.util.function.Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(f.apply(n)));
        return out;
    }

    private LineString line(JsonNode c) {
        Coordinate[] cs = coordinates(c);
        if (cs.length < 2) {
            throw new IllegalArgumentException("a line needs at least 2 positions, not " + cs.length);
        }
        return factory.createLineString(cs);
    }

    private Polygon polygon(JsonNode c) {
        if (!c.isArray() || c.isEmpty()) {
            throw new IllegalArgumentException("a polygon needs at least one ring");
        }
        List<LinearRing> rings = each(c, this::ring);
        return factory.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(new LinearRing[0]));
    }

    private LinearRing ring(JsonNode c) {
        Coordinate[] cs = coordinates(c);
        if (cs.length < 4) {
            throw new IllegalArgumentException("a polygon ring needs at least 4 positions, not " + cs.length);
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("polygon ring is not closed (first position "
                    + cs[0].x + ", " + cs[0].y + " differs from the last)");
        }
        return factory.createLinearRing(cs);
    }

    private static Coordinate[] coordinates(JsonNode c) {
        if (!c.isArray()) {
            throw new IllegalArgumentException("expected an array of positions");
        }
        Coordinate[] out = new Coordinate[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = coordinate(c.get(i));
        }
        return out;
    }

    private static Coordinate coordinate(JsonNode p) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a position must be [lon, lat], not " + p);
        }
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("position [" + p.get(0) + ", " + p.get(1)
                    + "] out of range (lon in [-180, 180], lat in [-90, 90])");
        }
        return new Coordinate(lon, lat);
    }
}
