package kz.shekara.rules;

import kz.shekara.geo.LocalFrame;
import kz.shekara.theatre.Zone;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * A theatre zone made ready for repeated tests: its geometry projected once into metres in an
 * exact east-north tangent plane at the zone's centre ({@link LocalFrame}), prepared for
 * containment and intersection, and with its segments indexed for distance. Lines and rings are
 * first densified to vertices about 1 km apart, as the data is drawn straight in degrees. Over the few hundred
 * kilometres of a border sector the tangent plane shortens distances by less than 0.2 %.
 * Immutable and thread-safe (JTS prepared geometries are safe for concurrent reads); each test
 * costs one projection and an indexed lookup, O(log n) in the zone's vertices.
 */
public final class IndexedZone {
    private static final GeometryFactory METRIC = new GeometryFactory();
    /** About 1 km: a chord of a parallel that long strays 2 cm from it in the tangent plane. */
    private static final double DENSIFY_DEG = 0.01;

    private final Zone zone;
    private final LocalFrame frame;
    private final Geometry metric;
    private final PreparedGeometry prepared;
    private final IndexedFacetDistance facets;
    private final boolean areal;
    private final boolean point;
    private final double centreLat;
    private final double centreLon;

    IndexedZone(Zone zone) {
        this.zone = zone;
        Point c = zone.geometry().getInteriorPoint();
        Coordinate centre = c.isEmpty() ? zone.geometry().getCoordinate() : c.getCoordinate();
        this.centreLat = centre.y;
        this.centreLon = centre.x;
        this.frame = new LocalFrame(centreLat, centreLon);
        // Border data is straight in degrees between vertices; densify so that it stays so in metres.
        // The copy keeps the zone's own coordinates untouched (the densifier may share them).
        Geometry g = (zone.geometry().getDimension() > 0
                ? Densifier.densify(zone.geometry(), DENSIFY_DEG) : zone.geometry()).copy();
        double[] en = new double[2];
        g.apply((CoordinateFilter) co -> {
            frame.toEastNorth(co.y, co.x, en);
            co.x = en[0];
            co.y = en[1];
        });
        g.geometryChanged();
        this.metric = g;
        this.prepared = PreparedGeometryFactory.prepare(g);
        this.facets = new IndexedFacetDistance(g);
        this.areal = g instanceof Polygonal;
        this.point = g instanceof Point;
    }

    public Zone zone() {
        return zone;
    }

    public String id() {
        return zone.id();
    }

    /** A point inside the zone (its interior point), latitude in degrees. */
    public double centreLat() {
        return centreLat;
    }

    public double centreLon() {
        return centreLon;
    }

    /** East/north metres in this zone's frame of a WGS84 point. */
    public Coordinate toMetres(double lat, double lon) {
        double[] en = new double[2];
        frame.toEastNorth(lat, lon, en);
        return new Coordinate(en[0], en[1]);
    }

    /** Latitude/longitude in degrees of a point in this zone's frame: {lat, lon}. */
    public double[] toLatLon(Coordinate metres) {
        double[] ll = new double[2];
        frame.toLatLon(metres.x, metres.y, ll);
        return ll;
    }

    /** Distance in metres from a point to the zone: 0 inside an area, else to its nearest edge or point. */
    public double distanceM(double lat, double lon) {
        return distanceM(toMetres(lat, lon));
    }

    /** Distance in metres from a point given in this zone's frame. */
    public double distanceM(Coordinate metres) {
        if (point) {
            // The frame's origin is the point itself.
            return Math.hypot(metres.x, metres.y);
        }
        Point p = METRIC.createPoint(metres);
        if (areal && prepared.contains(p)) {
            return 0;
        }
        return facets.distance(p);
    }

    /** Distance in metres from a segment given in this zone's frame to the zone. */
    public double distanceM(Coordinate from, Coordinate to) {
        LineString s = METRIC.createLineString(new Coordinate[] {from, to});
        if (prepared.intersects(s)) {
            return 0;
        }
        return facets.distance(s);
    }

    /**
     * Where a step from {@code from} to {@code to} (this zone's frame) meets the zone's edges, as the
     * fraction along the step of the meeting point nearest {@code to}; NaN when it does not.
     */
    public double lastCrossingFraction(Coordinate from, Coordinate to) {
        if (from.equals2D(to)) {
            return Double.NaN;
        }
        LineString s = METRIC.createLineString(new Coordinate[] {from, to});
        if (!prepared.intersects(s)) {
            return Double.NaN;
        }
        Geometry boundary = areal ? metric.getBoundary() : metric;
        Geometry hit = boundary.intersection(s);
        double len = from.distance(to);
        double best = Double.NaN;
        for (Coordinate c : hit.getCoordinates()) {
            double f = from.distance(c) / len;
            if (Double.isNaN(best) || f > best) {
                best = f;
            }
        }
        return best;
    }
}
