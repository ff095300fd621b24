package kz.shekara.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import kz.shekara.geo.Geodesy;
import kz.shekara.geo.MetresPerDegree;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * The visibility graph of open water: its nodes are the corners where land juts into the water
 * (reflex vertices of the water polygon, the only places a shortest path bends), its edges the
 * straight legs between corners that stay within the open water (checked with a JTS prepared
 * geometry), with all-pairs shortest paths (Floyd–Warshall) precomputed. Planar in degrees (a leg
 * is a straight line in longitude/latitude, as maps draw it); lengths in geodesic metres. Immutable
 * after construction, which costs O(n²) visibility checks and O(n³) for the shortest paths.
 */
final class SeaGraph {
    private static final GeometryFactory GF = new GeometryFactory();

    private final Geometry openWater;
    private final PreparedGeometry prepared;
    private final IndexedPointInAreaLocator locator;
    private final IndexedFacetDistance coast;
    private final double metresPerDegree;
    private final double[] lat;
    private final double[] lon;
    private final double[][] dist;
    private final int[][] next;

    SeaGraph(Geometry water, double marginM, int maxNodes) {
        // A mitred inward offset keeps each corner a single vertex (a round join would make an arc of many).
        BufferParameters mitre = new BufferParameters(8, BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, 10);
        openWater = marginM > 0 ? BufferOp.bufferOp(water, -marginM / MetresPerDegree.SPHERE, mitre) : water;
        prepared = PreparedGeometryFactory.prepare(openWater);
        locator = new IndexedPointInAreaLocator(openWater);
        coast = new IndexedFacetDistance(openWater);
        metresPerDegree = lowestMetresPerDegree(openWater);
        List<Coordinate> corners = corners(openWater, maxNodes);
        int n = corners.size();
        lat = new double[n];
        lon = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = corners.get(i).y;
            lon[i] = corners.get(i).x;
        }
        dist = new double[n][n];
        next = new int[n][n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(dist[i], Double.POSITIVE_INFINITY);
            Arrays.fill(next[i], -1);
            dist[i][i] = 0;
            next[i][i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (visible(corners.get(i), corners.get(j))) {
                    double m = Geodesy.distanceM(lat[i], lon[i], lat[j], lon[j]);
                    dist[i][j] = m;
                    dist[j][i] = m;
                    next[i][j] = j;
                    next[j][i] = i;
                }
            }
        }
        allPairs(n);
    }

    private void allPairs(int n) {
        for (int k = 0; k < n; k++) {
            double[] dk = dist[k];
            for (int i = 0; i < n; i++) {
                double dik = dist[i][k];
                if (dik == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double[] di = dist[i];
                int[] ni = next[i];
                for (int j = 0; j < n; j++) {
                    double d = dik + dk[j];
                    if (d < di[j]) {
                        di[j] = d;
                        ni[j] = ni[k];
                    }
                }
            }
        }
    }

    /** Reflex corners of the water, simplifying the coast more until there are at most {@code maxNodes}. */
    private static List<Coordinate> corners(Geometry water, int maxNodes) {
        double tolerance = 0;
        while (true) {
            Geometry g = tolerance == 0 ? water : TopologyPreservingSimplifier.simplify(water, tolerance);
            List<Coordinate> out = new ArrayList<>();
            for (int p = 0; p < g.getNumGeometries(); p++) {
                if (g.getGeometryN(p) instanceof Polygon poly) {
                    reflex(poly.getExteriorRing(), true, out);
                    for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                        reflex(poly.getInteriorRingN(h), false, out);
                    }
                }
            }
            if (out.size() <= maxNodes) {
                return out;
            }
            tolerance = tolerance == 0 ? 0.001 : tolerance * 2;
        }
    }

    private static void reflex(LinearRing ring, boolean shell, List<Coordinate> out) {
        Coordinate[] cs = ring.getCoordinates();
        int n = cs.length - 1;
        if (n < 3) {
            return;
        }
        boolean waterOnLeft = Orientation.isCCW(cs) == shell;
        int landTurn = waterOnLeft ? Orientation.CLOCKWISE : Orientation.COUNTERCLOCKWISE;
        for (int i = 0; i < n; i++) {
            Coordinate prev = cs[(i + n - 1) % n];
            if (Orientation.index(prev, cs[i], cs[i + 1]) == landTurn) {
                out.add(cs[i]);
            }
        }
    }

    /**
     * The fewest metres a degree (in the plane of longitude/latitude) can span between a point of the
     * theatre's latitudes and a point of the water: the meridian's least (at the equator) or a degree
     * of longitude at the highest latitude of the water and the theatre, whichever is less. Used as a
     * lower bound when converting planar distances to the water into metres.
     */
    private static double lowestMetresPerDegree(Geometry water) {
        var e = water.getEnvelopeInternal();
        double maxAbsLat = e.isNull() ? 0 : Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY()));
        return Math.min(LocalDistance.metresPerDegreeLat(0), LocalDistance.metresPerDegreeLon(Math.min(89.9, maxAbsLat)));
    }

    /**
     * False only when every point of the polyline through {@code points} ({lat, lon} each) lies outside
     * the open water and farther than {@code withinM} metres (as {@link LocalDistance} measures) from
     * it; true otherwise or when unsure. One indexed distance query to the coast for the whole line.
     */
    boolean mayBeWithin(List<double[]> points, double withinM) {
        if (points.isEmpty()) {
            return false;
        }
        double maxAbsLat = 0;
        Coordinate[] cs = new Coordinate[Math.max(2, points.size())];
        for (int i = 0; i < cs.length; i++) {
            double[] p = points.get(Math.min(i, points.size() - 1));
            cs[i] = new Coordinate(p[1], p[0]);
            maxAbsLat = Math.max(maxAbsLat, Math.abs(p[0]));
        }
        if (maxAbsLat > 89.9 || locate(cs[0]) != org.locationtech.jts.geom.Location.EXTERIOR) {
            return true;
        }
        double perDegree = Math.min(metresPerDegree, LocalDistance.metresPerDegreeLon(maxAbsLat));
        double degrees = coast.distance(GF.createLineString(cs));
        // A line at a positive distance from the coast with one point outside the water lies wholly outside it.
        return !(degrees > 0 && degrees * perDegree * 0.999 > withinM);
    }

    int size() {
        return lat.length;
    }

    Geometry openWater() {
        return openWater;
    }

    int locate(Coordinate c) {
        return locator.locate(c);
    }

    boolean visible(Coordinate a, Coordinate b) {
        if (a.equals2D(b)) {
            return locator.locate(a) != org.locationtech.jts.geom.Location.EXTERIOR;
        }
        return prepared.covers(GF.createLineString(new Coordinate[] {a, b}));
    }

    /** Appends the corners of the shortest path from corner i to corner j, both included. */
    void appendPath(int i, int j, List<GeoPoint> path) {
        for (int k = i; k != j; k = next[k][j]) {
            path.add(new GeoPoint(lat[k], lon[k]));
        }
        path.add(new GeoPoint(lat[j], lon[j]));
    }

    /** The corners reachable from a start point in open water, for many queries from that start. */
    Source source(Coordinate start) {
        int n = lat.length;
        double[] best = new double[n];
        int[] firstHop = new int[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(firstHop, -1);
        for (int i = 0; i < n; i++) {
            if (!visible(start, new Coordinate(lon[i], lat[i]))) {
                continue;
            }
            double leg = LocalDistance.m(start.y, start.x, lat[i], lon[i]);
            for (int j = 0; j < n; j++) {
                double d = leg + dist[i][j];
                if (d < best[j]) {
                    best[j] = d;
                    firstHop[j] = i;
                }
            }
        }
        return new Source(best, firstHop);
    }

    /** Shortest distances from one start to each corner through the corners it sees, and the first corner of each. */
    final class Source {
        private final double[] best;
        private final int[] firstHop;

        private Source(double[] best, int[] firstHop) {
            this.best = best;
            this.firstHop = firstHop;
        }

        /**
         * The first and last corner of the shortest path to the end point: corners taken in order of
         * the lower bound (path to the corner plus straight line on), the first the end sees is optimal.
         */
        Optional<int[]> bestVia(Coordinate end) {
            return bestVia(end, new byte[best.length]);
        }

        /**
         * As {@link #bestVia(Coordinate)}, remembering in {@code seen} (one entry per corner: 0 not
         * yet checked, 1 sees the end, 2 does not) which corners see the end, so that other starts
         * heading for the same end reuse the checks.
         */
        Optional<int[]> bestVia(Coordinate end, byte[] seen) {
            int n = best.length;
            double[] bound = new double[n];
            for (int j = 0; j < n; j++) {
                bound[j] = best[j] + LocalDistance.m(lat[j], lon[j], end.y, end.x);
            }
            while (true) {
                int arg = -1;
                for (int j = 0; j < n; j++) {
                    if (bound[j] < Double.POSITIVE_INFINITY && (arg < 0 || bound[j] < bound[arg])) {
                        arg = j;
                    }
                }
                if (arg < 0) {
                    return Optional.empty();
                }
                if (seen[arg] == 0) {
                    seen[arg] = visible(new Coordinate(lon[arg], lat[arg]), end) ? (byte) 1 : (byte) 2;
                }
                if (seen[arg] == 1) {
                    return Optional.of(new int[] {firstHop[arg], arg});
                }
                bound[arg] = Double.POSITIVE_INFINITY;
            }
        }

        /**
         * No shortest path to the end through the corners is shorter than this: the least, over
         * every corner (not only those that see the end), of the way to the corner plus the
         * straight line on; the same sums as {@link #bestVia}'s bounds, without a visibility check.
         */
        double leastVia(Coordinate end) {
            double least = Double.POSITIVE_INFINITY;
            for (int j = 0; j < best.length; j++) {
                if (best[j] < least) {
                    least = Math.min(least, best[j] + LocalDistance.m(lat[j], lon[j], end.y, end.x));
                }
            }
            return least;
        }

        double distanceVia(int[] via, Coordinate end) {
            return best[via[1]] + LocalDistance.m(lat[via[1]], lon[via[1]], end.y, end.x);
        }
    }
}
