package kz.shekara.routing;

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
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * An undirected road network built from the theatre's road lines (WGS84, x = lon, y = lat): one node
 * per line vertex after noding (lines that cross meet at a junction) and densifying to
 * {@code maxSegmentM}, vertices closer than about a metre merged
 * into one junction, dangling line ends joined to the nearest other node within {@code joinM}. Edge
 * lengths are geodesic metres. Stored as compressed adjacency arrays; immutable and thread-safe.
 * A shortest-path search ({@link #search}) reads a table of junction-to-junction distances, O(J) for J
 * junctions, on networks of up to 1,500 junctions (built at construction: J Dijkstras), and otherwise
 * runs Dijkstra over the junctions only, O((J + C) log J) for C chains between them.
 */
public final class RoadGraph {
    private final double[] lat;
    private final double[] lon;
    private final int[] firstEdge;
    private final int[] edgeTo;
    private final double[] edgeM;
    private final NodeGrid grid;
    private final JunctionGraph junctions;

    private RoadGraph(double[] lat, double[] lon, int[] firstEdge, int[] edgeTo, double[] edgeM, int maxTableJunctions) {
        this.lat = lat;
        this.lon = lon;
        this.firstEdge = firstEdge;
        this.edgeTo = edgeTo;
        this.edgeM = edgeM;
        this.grid = new NodeGrid(lat, lon);
        this.junctions = new JunctionGraph(firstEdge, edgeTo, edgeM, maxTableJunctions);
    }

    /** The network of the ROAD zones of a theatre, densified to 500 m and joined within 100 m. */
    public static RoadGraph ofZones(List<Zone> zones) {
        List<Geometry> lines = zones.stream().filter(z -> z.kind() == ZoneKind.ROAD).map(Zone::geometry).toList();
        return of(lines, 500, 100);
    }

    /** The network of the line strings in these geometries (other geometry types are ignored). */
    public static RoadGraph of(List<Geometry> geometries, double maxSegmentM, double joinM) {
        return of(geometries, maxSegmentM, joinM, JunctionGraph.MAX_TABLE_JUNCTIONS);
    }

    /** As {@link #of(List, double, double)}, tabling junction distances only up to {@code maxTableJunctions}. */
    static RoadGraph of(List<Geometry> geometries, double maxSegmentM, double joinM, int maxTableJunctions) {
        List<Geometry> lines = new ArrayList<>();
        for (Geometry g : geometries) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (g.getGeometryN(i) instanceof LineString line) {
                    lines.add(line);
                }
            }
        }
        Builder b = new Builder();
        if (lines.isEmpty()) {
            return b.build(joinM, maxTableJunctions);
        }
        // Union nodes the linework: roads that cross get a shared vertex there, which becomes a junction.
        Geometry noded = UnaryUnionOp.union(lines);
        for (int i = 0; i < noded.getNumGeometries(); i++) {
            if (noded.getGeometryN(i) instanceof LineString line) {
                b.addLine(line.getCoordinates(), maxSegmentM);
            }
        }
        return b.build(joinM, maxTableJunctions);
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

    /** The edges of a node are {@code firstEdge(node)} up to {@code firstEdge(node + 1)}, exclusive. */
    int firstEdge(int node) {
        return firstEdge[node];
    }

    int edgeTarget(int edge) {
        return edgeTo[edge];
    }

    /** Geodesic metres of an edge. */
    double edgeLength(int edge) {
        return edgeM[edge];
    }

    /** Whether searches read a table of junction-to-junction distances ({@link JunctionGraph}). */
    public boolean tabled() {
        return junctions.tabled();
    }

    /** Up to {@code out.length} nodes nearest the point within {@code maxM}, nearest first; the count. */
    int nearest(double qLat, double qLon, double maxM, int[] out, double[] outM) {
        return grid.nearest(qLat, qLon, maxM, -1, out, outM);
    }

    /**
     * Shortest road distances in metres from {@code source} to every node, stopping at {@code maxM}
     * (farther nodes are infinitely far). Searches the junction graph ({@link JunctionGraph}).
     */
    ShortestPaths search(int source, double maxM) {
        return junctions.search(source, maxM);
    }

    /** Junctions (nodes of degree other than 2) of the network. */
    public int junctionCount() {
        return junctions.junctionCount();
    }

    /**
     * One search's result over the junctions; distances to any node and paths back to the source.
     * {@code predEdge} is null when the distances came from the junction table: the search tree is
     * then grown (once, by Dijkstra with the same source and bound) when a path is first asked for.
     * Safe to share between threads (the tree may be grown twice, to the same result).
     */
    static final class ShortestPaths {
        private final JunctionGraph graph;
        private final int source;
        private final double[] junctionDist;
        private final int[] predEdge;
        private final double maxM;
        private volatile ShortestPaths tree;

        ShortestPaths(JunctionGraph graph, int source, double[] junctionDist, int[] predEdge, double maxM) {
            this.graph = graph;
            this.source = source;
            this.junctionDist = junctionDist;
            this.maxM = maxM;
            this.predEdge = predEdge;
        }

        int source() {
            return source;
        }

        double[] junctionDist() {
            return junctionDist;
        }

        int[] predEdge() {
            return predEdge;
        }

        double maxM() {
            return maxM;
        }

        /** This search with its tree: itself after Dijkstra, else the Dijkstra grown for paths. */
        ShortestPaths tree() {
            if (predEdge != null) {
                return this;
            }
            ShortestPaths t = tree;
            if (t == null) {
                t = graph.dijkstra(source, maxM);
                tree = t;
            }
            return t;
        }

        /** Road metres from the source to the node; infinite beyond the search's bound. */
        double distTo(int node) {
            return graph.distance(this, node);
        }

        /** The nodes from {@code node} back to the source, in that order. */
        List<Integer> path(int node) {
            List<Integer> out = new ArrayList<>();
            graph.path(this, node, out);
            return out;
        }
    }

    private static final class Builder {
        private final Map<Long, Integer> index = new HashMap<>();
        private final List<double[]> nodes = new ArrayList<>();
        private final List<int[]> edges = new ArrayList<>();
        private final java.util.Set<Long> edgeKeys = new java.util.HashSet<>();

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
            if (a >= 0 && a != b && edgeKeys.add((long) Math.min(a, b) << 32 | Math.max(a, b))) {
                edges.add(new int[] {a, b});
            }
        }

        RoadGraph build(double joinM, int maxTableJunctions) {
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
            return new RoadGraph(la, lo, degree, to, len, maxTableJunctions);
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
                    if (!edgeKeys.contains((long) Math.min(i, near[j]) << 32 | Math.max(i, near[j]))) {
                        link(i, near[j]);
                        break;
                    }
                }
            }
        }
    }
}
