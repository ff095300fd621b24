package kz.shekara.response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.geo.Geodesy;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * An undirected road network built from the theatre's road lines (WGS84, x = lon, y = lat): one node
 * per line vertex after densifying to {@code maxSegmentM}, vertices closer than about a metre merged
 * into one junction, dangling line ends joined to the nearest other node within {@code joinM}. Edge
 * lengths are geodesic metres. Stored as compressed adjacency arrays; immutable and thread-safe.
 * A shortest-path search ({@link #search}) costs O((V + E) log V) with a binary heap.
 */
public final class RoadGraph {
    private final double[] lat;
    private final double[] lon;
    private final int[] firstEdge;
    private final int[] edgeTo;
    private final double[] edgeM;
    private final NodeGrid grid;

    private RoadGraph(double[] lat, double[] lon, int[] firstEdge, int[] edgeTo, double[] edgeM) {
        this.lat = lat;
        this.lon = lon;
        this.firstEdge = firstEdge;
        this.edgeTo = edgeTo;
        this.edgeM = edgeM;
        this.grid = new NodeGrid(lat, lon);
    }

    /** The network of the ROAD zones of a theatre, densified to 500 m and joined within 100 m. */
    public static RoadGraph ofZones(List<Zone> zones) {
        List<Geometry> lines = zones.stream().filter(z -> z.kind() == ZoneKind.ROAD).map(Zone::geometry).toList();
        return of(lines, 500, 100);
    }

    /** The network of the line strings in these geometries (other geometry types are ignored). */
    public static RoadGraph of(List<Geometry> geometries, double maxSegmentM, double joinM) {
        Builder b = new Builder();
        for (Geometry g : geometries) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (g.getGeometryN(i) instanceof LineString line) {
                    b.addLine(line.getCoordinates(), maxSegmentM);
                }
            }
        }
        return b.build(joinM);
    }

    public int nodeCount() {
        return lat.length;
    }

    public int edgeCount() {
        return edgeTo.length / 2;
    }

    double lat(int node) {
        return lat[node];
    }

    double lon(int node) {
        return lon[node];
    }

    /** Up to {@code out.length} nodes nearest the point within {@code maxM}, nearest first; the count. */
    int nearest(double qLat, double qLon, double maxM, int[] out, double[] outM) {
        return grid.nearest(qLat, qLon, maxM, -1, out, outM);
    }

    /**
     * Shortest road distances in metres from {@code source} to every node, stopping at {@code maxM}
     * (farther nodes stay infinite); the tree's predecessors lead back to the source.
     */
    ShortestPaths search(int source, double maxM) {
        int n = lat.length;
        double[] dist = new double[n];
        int[] pred = new int[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(pred, -1);
        MinHeap heap = new MinHeap(Math.max(16, n / 4));
        dist[source] = 0;
        heap.push(0, source);
        while (!heap.isEmpty()) {
            double d = heap.topKey();
            int u = heap.pop();
            if (d > dist[u]) {
                continue;
            }
            for (int e = firstEdge[u]; e < firstEdge[u + 1]; e++) {
                int v = edgeTo[e];
                double nd = d + edgeM[e];
                if (nd < dist[v] && nd <= maxM) {
                    dist[v] = nd;
                    pred[v] = u;
                    heap.push(nd, v);
                }
            }
        }
        return new ShortestPaths(source, dist, pred);
    }

    /** One search's result: distances in metres from the source and the predecessor of each node. */
    record ShortestPaths(int source, double[] dist, int[] pred) {
    }

    private static final class Builder {
        private final Map<Long, Integer> index = new HashMap<>();
        private final List<double[]> nodes = new ArrayList<>();
        private final List<int[]> edges = new ArrayList<>();

        void addLine(Coordinate[] cs, double maxSegmentM) {
            int prev = -1;
            for (int i = 0; i < cs.length; i++) {
                if (i > 0) {
                    double len = Geodesy.distanceM(cs[i - 1].y, cs[i - 1].x, cs[i].y, cs[i].x);
                    int parts = Math.max(1, (int) Math.ceil(len / maxSegmentM));
                    for (int p = 1; p < parts; p++) {
                        double f = (double) p / parts;
                        int mid = node(cs[i - 1].y + f * (cs[i].y - cs[i - 1].y), cs[i - 1].x + f * (cs[i].x - cs[i - 1].x));
                        link(prev, mid);
                        prev = mid;
                    }
                }
                int cur = node(cs[i].y, cs[i].x);
                link(prev, cur);
                prev = cur;
            }
        }

        private int node(double la, double lo) {
            long key = Math.round(la * 1e5) * 40_000_000L + Math.round(lo * 1e5) + 20_000_000L;
            return index.computeIfAbsent(key, k -> {
                nodes.add(new double[] {la, lo});
                return nodes.size() - 1;
            });
        }

        private void link(int a, int b) {
            if (a >= 0 && a != b) {
                edges.add(new int[] {a, b});
            }
        }

        RoadGraph build(double joinM) {
            int n = nodes.size();
            double[] la = new double[n];
            double[] lo = new double[n];
            for (int i = 0; i < n; i++) {
                la[i] = nodes.get(i)[0];
                lo[i] = nodes.get(i)[1];
            }
            joinDanglingEnds(la, lo, joinM);
            int[] degree = new int[n + 1];
            for (int[] e : edges) {
                degree[e[0] + 1]++;
                degree[e[1] + 1]++;
            }
            for (int i = 0; i < n; i++) {
                degree[i + 1] += degree[i];
            }
            int[] fill = Arrays.copyOf(degree, n);
            int[] to = new int[edges.size() * 2];
            double[] len = new double[edges.size() * 2];
            for (int[] e : edges) {
                double m = Geodesy.distanceM(la[e[0]], lo[e[0]], la[e[1]], lo[e[1]]);
                to[fill[e[0]]] = e[1];
                len[fill[e[0]]++] = m;
                to[fill[e[1]]] = e[0];
                len[fill[e[1]]++] = m;
            }
            return new RoadGraph(la, lo, degree, to, len);
        }

        private void joinDanglingEnds(double[] la, double[] lo, double joinM) {
            int n = la.length;
            int[] degree = new int[n];
            for (int[] e : edges) {
                degree[e[0]]++;
                degree[e[1]]++;
            }
            NodeGrid grid = new NodeGrid(la, lo);
            int[] near = new int[4];
            double[] nearM = new double[4];
            for (int i = 0; i < n; i++) {
                if (degree[i] != 1) {
                    continue;
                }
                int found = grid.nearest(la[i], lo[i], joinM, i, near, nearM);
                for (int j = 0; j < found; j++) {
                    if (!adjacent(i, near[j])) {
                        edges.add(new int[] {i, near[j]});
                        break;
                    }
                }
            }
        }

        private boolean adjacent(int a, int b) {
            for (int[] e : edges) {
                if ((e[0] == a && e[1] == b) || (e[0] == b && e[1] == a)) {
                    return true;
                }
            }
            return false;
        }
    }
}
