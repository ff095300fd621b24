package kz.shekara.theatre;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The nearest point of a polygon's rings to a point, in degrees as JTS measures (Euclidean in
 * lon/lat): a scan of the segments, cheaper than an indexed search for the rings of a border sector
 * (tens of vertices), which would first build a search tree around the query point. Immutable.
 */
final class RingDistance {
    /** Above this many segments the indexed search pays; callers keep the indexed search then. */
    static final int MAX_SEGMENTS = 512;

    private final double[][] rings; // each {x0, y0, x1, y1, ...}, closed
    private final int segments;

    private RingDistance(double[][] rings, int segments) {
        this.rings = rings;
        this.segments = segments;
    }

    static RingDistance of(Geometry polygonal) {
        List<double[]> out = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            if (polygonal.getGeometryN(i) instanceof Polygon p) {
                count += add(p.getExteriorRing(), out);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    count += add(p.getInteriorRingN(h), out);
                }
            }
        }
        return new RingDistance(out.toArray(new double[0][]), count);
    }

    private static int add(LineString ring, List<double[]> out) {
        Coordinate[] cs = ring.getCoordinates();
        double[] xy = new double[cs.length * 2];
        for (int i = 0; i < cs.length; i++) {
            xy[2 * i] = cs[i].x;
            xy[2 * i + 1] = cs[i].y;
        }
        out.add(xy);
        return Math.max(0, cs.length - 1);
    }

    int segments() {
        return segments;
    }

    /** The nearest point of the rings to (x, y), lon/lat degrees. */
    Coordinate nearest(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        double bx = Double.NaN;
        double by = Double.NaN;
        for (double[] r : rings) {
            for (int i = 0; i + 3 < r.length; i += 2) {
                double ax = r[i];
                double ay = r[i + 1];
                double dx = r[i + 2] - ax;
                double dy = r[i + 3] - ay;
                double len2 = dx * dx + dy * dy;
                double f = len2 == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
                double px;
                double py;
                if (f <= 0) {
                    px = ax;
                    py = ay;
                } else if (f >= 1) {
                    px = r[i + 2];
                    py = r[i + 3];
                } else {
                    px = ax + f * dx;
                    py = ay + f * dy;
                }
                double d2 = (px - x) * (px - x) + (py - y) * (py - y);
                if (d2 < best) {
                    best = d2;
                    bx = px;
                    by = py;
                }
            }
        }
        return new Coordinate(bx, by);
    }
}
