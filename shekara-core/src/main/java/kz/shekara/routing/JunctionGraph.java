package kz.shekara.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The road network reduced to its junctions: every chain of degree-2 nodes between two junctions
 * (nodes of any other degree) becomes one edge, and each node on a chain knows its chain and its
 * distance along it. A densified road network has far more chain nodes than junctions, so a
 * search over junctions is several times cheaper than over nodes while giving the same distances.
 * A network of at most {@value #MAX_TABLE_JUNCTIONS} junctions also keeps the distances between
 * every pair of junctions (one Dijkstra per junction at construction, J² doubles: 18 MB at the cap),
 * so that a search's distances are a pass over two rows of that table instead of a Dijkstra; the
 * search tree for a path is then grown only when a path is asked for. Immutable and thread-safe
 * after construction.
 */
final class JunctionGraph {
    /** Largest network whose junction-to-junction distances are tabled. */
    static final int MAX_TABLE_JUNCTIONS = 1500;

    private final int[] junctionOf;
    private final int[] junctionNode;
    private final int[] chainOf;
    private final int[] posOf;
    private final int[][] chainNodes;
    private final double[][] chainCum;
    private final int[] chainA;
    private final int[] chainB;
    private final int[] first;
    private final int[] to;
    private final double[] len;
    private final int[] edgeChain;
    /** Row-major junction-to-junction road metres, or null for a network above the cap. */
    private final double[] table;

    JunctionGraph(int[] firstEdge, int[] edgeTo, double[] edgeM) {
        this(firstEdge, edgeTo, edgeM, MAX_TABLE_JUNCTIONS);
    }

    /** {@code maxTableJunctions}: the largest junction count for which the distance table is built. */
    JunctionGraph(int[] firstEdge, int[] edgeTo, double[] edgeM, int maxTableJunctions) {
        int n = firstEdge.length - 1;
        junctionOf = new int[n];
        chainOf = new int[n];
        posOf = new int[n];
        Arrays.fill(chainOf, -1);
        List<Integer> junctions = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            junctionOf[v] = firstEdge[v + 1] - firstEdge[v] == 2 ? -1 : junctions.size();
            if (junctionOf[v] >= 0) {
                junctions.add(v);
            }
        }
        List<int[]> nodesOfChains = new ArrayList<>();
        List<double[]> cumOfChains = new ArrayList<>();
        int j = 0;
        for (int v = 0; v <= n; v++) {
            // Walk the chains from each junction; a ring of degree-2 nodes gets one of them as its junction.
            for (; j < junctions.size(); j++) {
                walkChains(junctions.get(j), firstEdge, edgeTo, edgeM, nodesOfChains, cumOfChains);
            }
            if (v < n && junctionOf[v] < 0 && chainOf[v] < 0) {
                junctionOf[v] = junctions.size();
                junctions.add(v);
            }
        }
        junctionNode = junctions.stream().mapToInt(Integer::intValue).toArray();
        chainNodes = nodesOfChains.toArray(new int[0][]);
        chainCum = cumOfChains.toArray(new double[0][]);
        chainA = new int[chainNodes.length];
        chainB = new int[chainNodes.length];
        int[] degree = new int[junctionNode.length + 1];
        for (int c = 0; c < chainNodes.length; c++) {
            chainA[c] = junctionOf[chainNodes[c][0]];
            chainB[c] = junctionOf[chainNodes[c][chainNodes[c].length - 1]];
            if (chainA[c] != chainB[c]) {
                degree[chainA[c] + 1]++;
                degree[chainB[c] + 1]++;
            }
        }
        for (int i = 0; i < junctionNode.length; i++) {
            degree[i + 1] += degree[i];
        }
        first = degree;
        int[] fill = Arrays.copyOf(degree, junctionNode.length);
        to = new int[degree[junctionNode.length]];
        len = new double[to.length];
        edgeChain = new int[to.length];
        for (int c = 0; c < chainNodes.length; c++) {
            if (chainA[c] == chainB[c]) {
                continue;
            }
            double l = chainCum[c][chainCum[c].length - 1];
            int e = fill[chainA[c]]++;
            to[e] = chainB[c];
            len[e] = l;
            edgeChain[e] = c;
            e = fill[chainB[c]]++;
            to[e] = chainA[c];
            len[e] = l;
            edgeChain[e] = c;
        }
        table = junctionNode.length <= maxTableJunctions ? table() : null;
    }

    private double[] table() {
        int jn = junctionNode.length;
        double[] t = new double[jn * jn];
        for (int j = 0; j < jn; j++) {
            System.arraycopy(dijkstra(junctionNode[j], Double.POSITIVE_INFINITY).junctionDist(), 0, t, j * jn, jn);
        }
        return t;
    }

    /** Whether searches read the junction distance table rather than run Dijkstra. */
    boolean tabled() {
        return table != null;
    }

    private void walkChains(int start, int[] firstEdge, int[] edgeTo, double[] edgeM, List<int[]> nodes,
                            List<double[]> cums) {
        for (int e = firstEdge[start]; e < firstEdge[start + 1]; e++) {
            int next = edgeTo[e];
            if (junctionOf[next] >= 0 ? next < start : chainOf[next] >= 0) {
                continue;
            }
            List<Integer> chain = new ArrayList<>(List.of(start));
            List<Double> cum = new ArrayList<>(List.of(0.0));
            int prev = start;
            int cur = next;
            double m = edgeM[e];
            while (true) {
                chain.add(cur);
                cum.add(m);
                if (junctionOf[cur] >= 0) {
                    break;
                }
                chainOf[cur] = nodes.size();
                posOf[cur] = chain.size() - 1;
                int out = edgeTo[firstEdge[cur]] == prev ? firstEdge[cur] + 1 : firstEdge[cur];
                prev = cur;
                cur = edgeTo[out];
                m += edgeM[out];
            }
            nodes.add(chain.stream().mapToInt(Integer::intValue).toArray());
            cums.add(cum.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    int junctionCount() {
        return junctionNode.length;
    }

    /**
     * Road distances from a node to every junction, bounded at {@code maxM} metres (junctions farther
     * are infinitely far): from the table when there is one (the search tree is then grown on the
     * first path asked for), else by Dijkstra.
     */
    RoadGraph.ShortestPaths search(int source, double maxM) {
        if (table == null) {
            return dijkstra(source, maxM);
        }
        int jn = junctionNode.length;
        double[] dist = new double[jn];
        if (junctionOf[source] >= 0) {
            int row = junctionOf[source] * jn;
            for (int j = 0; j < jn; j++) {
                double d = table[row + j];
                dist[j] = d <= maxM ? d : Double.POSITIVE_INFINITY;
            }
        } else {
            int c = chainOf[source];
            double along = chainCum[c][posOf[source]];
            double back = chainCum[c][chainCum[c].length - 1] - along;
            int rowA = chainA[c] * jn;
            int rowB = chainB[c] * jn;
            for (int j = 0; j < jn; j++) {
                double d = Math.min(along + table[rowA + j], back + table[rowB + j]);
                dist[j] = d <= maxM ? d : Double.POSITIVE_INFINITY;
            }
        }
        return new RoadGraph.ShortestPaths(this, source, dist, null, maxM);
    }

    /** Dijkstra over the junctions from a node, bounded at {@code maxM} metres, with its search tree. */
    RoadGraph.ShortestPaths dijkstra(int source, double maxM) {
        int jn = junctionNode.length;
        double[] dist = new double[jn];
        int[] predEdge = new int[jn];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(predEdge, -1);
        MinHeap heap = new MinHeap(Math.max(16, jn / 4));
        if (junctionOf[source] >= 0) {
            dist[junctionOf[source]] = 0;
            heap.push(0, junctionOf[source]);
        } else {
            int c = chainOf[source];
            double along = chainCum[c][posOf[source]];
            double back = chainCum[c][chainCum[c].length - 1] - along;
            dist[chainA[c]] = along;
            dist[chainB[c]] = Math.min(dist[chainB[c]], back);
            heap.push(dist[chainA[c]], chainA[c]);
            heap.push(dist[chainB[c]], chainB[c]);
        }
        while (!heap.isEmpty()) {
            double d = heap.topKey();
            int u = heap.pop();
            if (d > dist[u]) {
                continue;
            }
            for (int e = first[u]; e < first[u + 1]; e++) {
                double nd = d + len[e];
                int v = to[e];
                if (nd < dist[v] && nd <= maxM) {
                    dist[v] = nd;
                    predEdge[v] = e;
                    heap.push(nd, v);
                }
            }
        }
        return new RoadGraph.ShortestPaths(this, source, dist, predEdge, maxM);
    }

    /** Road metres from the search's source to a node; infinite beyond the bound. */
    double distance(RoadGraph.ShortestPaths p, int node) {
        double[] d = p.junctionDist();
        if (junctionOf[node] >= 0) {
            return d[junctionOf[node]];
        }
        int c = chainOf[node];
        double along = chainCum[c][posOf[node]];
        double best = Math.min(d[chainA[c]] + along, d[chainB[c]] + chainCum[c][chainCum[c].length - 1] - along);
        int s = p.source();
        if (chainOf[s] == c) {
            best = Math.min(best, Math.abs(along - chainCum[c][posOf[s]]));
        }
        return best <= p.maxM() ? best : Double.POSITIVE_INFINITY;
    }

    /** The nodes of the shortest path from {@code node} back to the search's source, in that order. */
    void path(RoadGraph.ShortestPaths paths, int node, List<Integer> out) {
        RoadGraph.ShortestPaths p = paths.tree();
        double[] d = p.junctionDist();
        int s = p.source();
        int junction;
        if (junctionOf[node] >= 0) {
            out.add(node);
            junction = junctionOf[node];
        } else {
            int c = chainOf[node];
            double along = chainCum[c][posOf[node]];
            double viaA = d[chainA[c]] + along;
            double viaB = d[chainB[c]] + chainCum[c][chainCum[c].length - 1] - along;
            if (chainOf[s] == c && Math.abs(along - chainCum[c][posOf[s]]) <= Math.min(viaA, viaB)) {
                walk(c, posOf[node], posOf[s], out);
                return;
            }
            junction = viaA <= viaB ? chainA[c] : chainB[c];
            walk(c, posOf[node], viaA <= viaB ? 0 : chainNodes[c].length - 1, out);
        }
        while (p.predEdge()[junction] >= 0) {
            int e = p.predEdge()[junction];
            int c = edgeChain[e];
            boolean arrivedAtB = chainB[c] == junction;
            int[] nodes = chainNodes[c];
            walk(c, arrivedAtB ? nodes.length - 2 : 1, arrivedAtB ? 0 : nodes.length - 1, out);
            junction = arrivedAtB ? chainA[c] : chainB[c];
        }
        if (junctionNode[junction] != s) {
            int c = chainOf[s];
            boolean fromA = chainA[c] == junction
                    && (chainB[c] != junction || chainCum[c][posOf[s]] <= d[junction] + 1e-9);
            walk(c, fromA ? 1 : chainNodes[c].length - 2, posOf[s], out);
        }
    }

    /** Appends the chain's nodes from position {@code from} to {@code to}, both included, in that direction. */
    private void walk(int c, int from, int to, List<Integer> out) {
        int step = to >= from ? 1 : -1;
        for (int i = from; ; i += step) {
            out.add(chainNodes[c][i]);
            if (i == to) {
                return;
            }
        }
    }
}
