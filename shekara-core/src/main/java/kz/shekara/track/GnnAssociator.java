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
    // The Kalman Mahalanobis gater, whose distances this class computes from the covariance itself (no
    // hypothesis objects per gated pair); null for any other gater, which is called through its role.
    private final MahalanobisGater kalmanGate;
    private final boolean primitiveGate;

    public GnnAssociator(Gater gater) {
        this.gater = gater;
        this.kalmanGate = gater instanceof MahalanobisGater g && g.kalmanMeasurement() ? g : null;
        this.primitiveGate = kalmanGate != null;
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
        double[] east = new double[m];
        double[] north = new double[m];
        double[] var = new double[m];
        double maxSigma = 0;
        for (int j = 0; j < m; j++) {
            Plot p = scan.get(j);
            east[j] = p.east();
            north[j] = p.north();
            var[j] = p.sigmaM() * p.sigmaM();
            maxSigma = Math.max(maxSigma, p.sigmaM());
        }
        Pairs pairs = new Pairs(n, m, !primitiveGate);
        Hypothesis[] chosen = new Hypothesis[n];
        if (primitiveGate) {
            gatePrimitive(tracks, east, north, var, maxSigma, pairs);
        } else {
            gateThroughInterface(tracks, scan, east, north, maxSigma, pairs, chosen);
        }
        boolean[] taken = new boolean[m];
        int[] pick = pairs.resolve(taken, gater.threshold());
        for (int i = 0; i < n; i++) {
            int k = pick[i];
            if (k >= 0) {
                chosen[i] = pairs.hypothesis(k, tracks.get(i), scan);
            } else if (chosen[i] == null) {
                chosen[i] = new Hypothesis.Missed(tracks.get(i));
            }
        }
        List<Plot> rest = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            if (!taken[j]) {
                rest.add(scan.get(j));
            }
        }
        return new Association(Arrays.asList(chosen), rest);
    }

    /**
     * Gates with the arithmetic of {@link MahalanobisGater} and {@link KalmanUpdater#predictMeasurement}
     * written out on primitives: the same distances, bit for bit, without a record per pair.
     */
    private void gatePrimitive(List<GaussianState> tracks, double[] east, double[] north, double[] var,
                               double maxSigma, Pairs pairs) {
        int n = tracks.size();
        double threshold = gater.threshold();
        double[] te = new double[n];
        double[] tn = new double[n];
        double[] p00 = new double[n];
        double[] p01 = new double[n];
        double[] p11 = new double[n];
        double[] radius = new double[n];
        double maxR = maxSigma * maxSigma;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            GaussianState t = tracks.get(i);
            double[] p = t.covView();
            te[i] = t.east();
            tn[i] = t.north();
            p00[i] = p[0];
            p01[i] = (p[1] + p[4]) / 2;
            p11[i] = p[5];
            radius[i] = Math.sqrt(threshold * MeasurementPrediction.majorVariance(p[0] + maxR, p01[i], p[5] + maxR));
            sum += radius[i];
        }
        PlotGrid grid = new PlotGrid(east, north, cellM(sum, n));
        int[] candidates = new int[east.length];
        for (int i = 0; i < n; i++) {
            int count = grid.near(te[i], tn[i], radius[i], candidates);
            for (int c = 0; c < count; c++) {
                int j = candidates[c];
                double d2 = MeasurementPrediction.mahalanobis2(east[j] - te[i], north[j] - tn[i], p00[i] + var[j],
                        p01[i], p11[i] + var[j]);
                if (d2 <= threshold) {
                    pairs.add(i, j, d2, null);
                }
            }
        }
    }

    /** Gates through the {@link Gater} role for any other gater; a track's missed hypothesis goes into {@code chosen}. */
    private void gateThroughInterface(List<GaussianState> tracks, List<Plot> scan, double[] east, double[] north,
                                      double maxSigma, Pairs pairs, Hypothesis[] chosen) {
        int n = tracks.size();
        double[] radius = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            radius[i] = gater.radiusM(tracks.get(i), maxSigma);
            sum += radius[i];
        }
        PlotGrid grid = new PlotGrid(east, north, cellM(sum, n));
        List<Plot> candidates = new ArrayList<>();
        int[] candidateIndex = new int[east.length];
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
                pairs.add(i, candidateIndex[k], a.distance2(), a);
            }
        }
    }

    /** The plot grid's cell for gates of these radii: about a gate across, bounded (shared with {@link JpdaAssociator}). */
    static double cellM(double radiusSum, int tracks) {
        return Math.min(MAX_CELL_M, Math.max(MIN_CELL_M, 2 * radiusSum / tracks));
    }

    /** Gated track–plot pairs of one scan (squared distances in a primitive array) and their resolution into assignments. */
    private final class Pairs {
        private final int n;
        private final int m;
        private final int[] trackDegree;
        private final int[] plotDegree;
        // Sized for about two gated plots per track, which a scan seldom exceeds.
        private int[] track;
        private int[] plot;
        private double[] d2;
        // The gater's own hypotheses when gating went through the interface; null on the primitive path.
        private Hypothesis.Associated[] hyp;
        private int size;

        Pairs(int n, int m, boolean keepHypotheses) {
            this.n = n;
            this.m = m;
            int capacity = Math.max(16, 2 * n);
            track = new int[capacity];
            plot = new int[capacity];
            d2 = new double[capacity];
            this.hyp = keepHypotheses ? new Hypothesis.Associated[capacity] : null;
            trackDegree = new int[n];
            plotDegree = new int[m];
        }

        void add(int t, int p, double distance2, Hypothesis.Associated h) {
            if (size == track.length) {
                track = Arrays.copyOf(track, size * 2);
                plot = Arrays.copyOf(plot, size * 2);
                d2 = Arrays.copyOf(d2, size * 2);
                if (hyp != null) {
                    hyp = Arrays.copyOf(hyp, size * 2);
                }
            }
            track[size] = t;
            plot[size] = p;
            d2[size] = distance2;
            if (hyp != null) {
                hyp[size] = h;
            }
            size++;
            trackDegree[t]++;
            plotDegree[p]++;
        }

        /** The associated hypothesis of pair {@code k}: the gater's own, or one built now with the same numbers. */
        Hypothesis hypothesis(int k, GaussianState t, List<Plot> scan) {
            if (hyp != null) {
                return hyp[k];
            }
            Plot p = scan.get(plot[k]);
            return new Hypothesis.Associated(t, p, kalmanGate.measurement(t, p.sigmaM()), d2[k]);
        }

        /** Per track the index of its chosen pair, or -1 when it is missed; marks the plots taken. */
        int[] resolve(boolean[] taken, double missedCost) {
            int[] chosen = new int[n];
            Arrays.fill(chosen, -1);
            int[] parent = null;
            for (int k = 0; k < size; k++) {
                if (trackDegree[track[k]] == 1 && plotDegree[plot[k]] == 1) {
                    if (d2[k] < missedCost) {
                        chosen[track[k]] = k;
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
            return chosen;
        }

        private void solveClusters(int[] parent, int[] chosen, boolean[] taken, double missedCost) {
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

        private void solveCluster(int[] ks, int[] chosen, boolean[] taken, double missedCost) {
            int[] rows = distinct(ks, track);
            int[] cols = distinct(ks, plot);
            int width = cols.length + rows.length;
            double[] cost = new double[rows.length * width];
            Arrays.fill(cost, Double.POSITIVE_INFINITY);
            for (int k : ks) {
                int r = Arrays.binarySearch(rows, track[k]);
                cost[r * width + Arrays.binarySearch(cols, plot[k])] = d2[k];
            }
            for (int r = 0; r < rows.length; r++) {
                cost[r * width + cols.length + r] = missedCost;
            }
            int[] col = OptimalAssignment.solve(cost, rows.length, width);
            for (int k : ks) {
                int r = Arrays.binarySearch(rows, track[k]);
                if (col[r] < cols.length && cols[col[r]] == plot[k]) {
                    chosen[track[k]] = k;
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
