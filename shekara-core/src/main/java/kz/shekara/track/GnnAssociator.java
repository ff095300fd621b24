package kz.shekara.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Global nearest neighbour association that is not quadratic in the scan: plots go into a hash grid
 * whose cell is about a gate across, each track looks only at the cells its gate circle touches,
 * gated pairs split into independent clusters (connected components of the track–plot gate graph),
 * and each cluster gets its own optimal assignment with a "missed" column per track costing the
 * gate threshold ({@link OptimalAssignment}; Blackman &amp; Popoli 1999, §6.5 on clustering). An
 * isolated pair (one track, one plot, each gating only the other) is assigned directly. Gives the
 * same associations as {@link AllPairsGnnAssociator}.
 *
 * <p>Cost: O(plots + tracks + gated pairs) plus the cubic assignment of each (small) cluster.
 * Immutable and thread-safe; scratch arrays live for one call.
 */
public final class GnnAssociator implements DataAssociator {
    private static final double MIN_CELL_M = 10;
    private static final double MAX_CELL_M = 200_000;

    private final Gater gater;

    public GnnAssociator(Gater gater) {
        this.gater = gater;
    }

    @Override
    public Association associate(List<GaussianState> tracks, List<Plot> scan) {
        int n = tracks.size();
        int m = scan.size();
        if (n == 0 || m == 0) {
            List<Hypothesis> missed = new ArrayList<>(n);
            for (GaussianState t : tracks) {
                missed.add(new Hypothesis.Missed(t));
            }
            return new Association(missed, scan);
        }
        double maxSigma = 0;
        for (Plot p : scan) {
            maxSigma = Math.max(maxSigma, p.sigmaM());
        }
        double[] radius = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            radius[i] = gater.radiusM(tracks.get(i), maxSigma);
            sum += radius[i];
        }
        PlotGrid grid = new PlotGrid(scan, Math.min(MAX_CELL_M, Math.max(MIN_CELL_M, 2 * sum / n)));
        Pairs pairs = new Pairs(n, m);
        Hypothesis[] chosen = new Hypothesis[n];
        List<Plot> candidates = new ArrayList<>();
        int[] candidateIndex = new int[m];
        for (int i = 0; i < n; i++) {
            GaussianState t = tracks.get(i);
            int count = grid.near(t.east(), t.north(), radius[i], candidateIndex);
            if (count == 0) {
                chosen[i] = new Hypothesis.Missed(t);
                continue;
            }
            candidates.clear();
            for (int k = 0; k < count; k++) {
                candidates.add(scan.get(candidateIndex[k]));
            }
            List<Hypothesis> hs = gater.hypothesise(t, candidates);
            chosen[i] = hs.get(0);
            int k = 0;
            for (int h = 1; h < hs.size(); h++) {
                Hypothesis.Associated a = (Hypothesis.Associated) hs.get(h);
                while (candidates.get(k) != a.plot()) {
                    k++;
                }
                pairs.add(i, candidateIndex[k], a);
            }
        }
        boolean[] taken = new boolean[m];
        pairs.resolve(chosen, taken, gater.threshold());
        List<Plot> rest = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!taken[j]) {
                rest.add(scan.get(j));
            }
        }
        return new Association(Arrays.asList(chosen), rest);
    }

    /** Gated track–plot pairs of one scan and their resolution into assignments. */
    private static final class Pairs {
        private final int n;
        private final int m;
        private final int[] trackDegree;
        private final int[] plotDegree;
        private int[] track = new int[16];
        private int[] plot = new int[16];
        private Hypothesis.Associated[] hyp = new Hypothesis.Associated[16];
        private int size;

        Pairs(int n, int m) {
            this.n = n;
            this.m = m;
            trackDegree = new int[n];
            plotDegree = new int[m];
        }

        void add(int t, int p, Hypothesis.Associated h) {
            if (size == track.length) {
                track = Arrays.copyOf(track, size * 2);
                plot = Arrays.copyOf(plot, size * 2);
                hyp = Arrays.copyOf(hyp, size * 2);
            }
            track[size] = t;
            plot[size] = p;
            hyp[size] = h;
            size++;
            trackDegree[t]++;
            plotDegree[p]++;
        }

        void resolve(Hypothesis[] chosen, boolean[] taken, double missedCost) {
            int[] parent = null;
            for (int k = 0; k < size; k++) {
                if (trackDegree[track[k]] == 1 && plotDegree[plot[k]] == 1) {
                    if (hyp[k].distance2() < missedCost) {
                        chosen[track[k]] = hyp[k];
                        taken[plot[k]] = true;
                    }
                } else {
                    if (parent == null) {
                        parent = new int[n + m];
                        for (int x = 0; x < parent.length; x++) {
                            parent[x] = x;
                        }
                    }
                    union(parent, track[k], n + plot[k]);
                }
            }
            if (parent != null) {
                solveClusters(parent, chosen, taken, missedCost);
            }
        }

        private void solveClusters(int[] parent, Hypothesis[] chosen, boolean[] taken, double missedCost) {
            // Group the remaining pairs by cluster root, keeping track order for determinism.
            int[] clusterOf = new int[n + m];
            Arrays.fill(clusterOf, -1);
            List<int[]> members = new ArrayList<>();
            int[] order = new int[size];
            int count = 0;
            for (int k = 0; k < size; k++) {
                if (trackDegree[track[k]] == 1 && plotDegree[plot[k]] == 1) {
                    continue;
                }
                int root = find(parent, track[k]);
                if (clusterOf[root] < 0) {
                    clusterOf[root] = members.size();
                    members.add(new int[] {0});
                }
                members.get(clusterOf[root])[0]++;
                order[count++] = k;
            }
            int[][] byCluster = new int[members.size()][];
            int[] fill = new int[members.size()];
            for (int c = 0; c < members.size(); c++) {
                byCluster[c] = new int[members.get(c)[0]];
            }
            for (int o = 0; o < count; o++) {
                int k = order[o];
                int c = clusterOf[find(parent, track[k])];
                byCluster[c][fill[c]++] = k;
            }
            for (int[] cluster : byCluster) {
                solveCluster(cluster, chosen, taken, missedCost);
            }
        }

        private void solveCluster(int[] ks, Hypothesis[] chosen, boolean[] taken, double missedCost) {
            int[] rows = distinct(ks, track);
            int[] cols = distinct(ks, plot);
            int width = cols.length + rows.length;
            double[] cost = new double[rows.length * width];
            Arrays.fill(cost, Double.POSITIVE_INFINITY);
            for (int k : ks) {
                int r = Arrays.binarySearch(rows, track[k]);
                cost[r * width + Arrays.binarySearch(cols, plot[k])] = hyp[k].distance2();
            }
            for (int r = 0; r < rows.length; r++) {
                cost[r * width + cols.length + r] = missedCost;
            }
            int[] col = OptimalAssignment.solve(cost, rows.length, width);
            for (int k : ks) {
                int r = Arrays.binarySearch(rows, track[k]);
                if (col[r] < cols.length && cols[col[r]] == plot[k]) {
                    chosen[track[k]] = hyp[k];
                    taken[plot[k]] = true;
                }
            }
        }

        private static int[] distinct(int[] ks, int[] of) {
            int[] v = new int[ks.length];
            for (int i = 0; i < ks.length; i++) {
                v[i] = of[ks[i]];
            }
            return Arrays.stream(v).sorted().distinct().toArray();
        }

        private static int find(int[] parent, int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        private static void union(int[] parent, int a, int b) {
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
    }
}
