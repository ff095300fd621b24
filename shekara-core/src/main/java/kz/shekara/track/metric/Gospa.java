package kz.shekara.track.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kz.shekara.track.OptimalAssignment;

/**
 * GOSPA and OSPA between a set of true and a set of estimated 2-D points (metres). GOSPA with
 * cut-off {@code c}, order {@code p} and {@code α = 2} (A. S. Rahmathullah, Á. F. García-Fernández &amp;
 * L. Svensson, "Generalized optimal sub-pattern assignment metric", FUSION 2017, Prop. 1):
 * {@code d = (Σ_assigned d(x,y)^p + c^p/2 · (missed + false))^(1/p)} minimised over assignments of
 * pairs closer than c. OSPA (D. Schuhmacher, B.-T. Vo &amp; B.-N. Vo, IEEE TSP 56(8), 2008) minimises the
 * same objective, {@code Σ d^p − k c^p}, so one assignment serves both: with {@code n = max(|X|,|Y|)},
 * {@code OSPA = ((Σ d^p + c^p (n − k)) / n)^(1/p)}. Only pairs closer than c are considered, found by a
 * sweep over east-sorted estimates and split into independent clusters, so large sets stay cheap.
 * Stateless; thread-safe.
 */
public final class Gospa {
    private Gospa() {
    }

    /**
     * One evaluation. {@code truth} and {@code est} are {@code [east, north]} pairs. The result's
     * {@code pairs[i]} is the estimate assigned to truth {@code i}, or −1.
     */
    public static Result evaluate(double[][] truth, double[][] est, double c, double p) {
        if (!(c > 0) || !(p >= 1)) {
            throw new IllegalArgumentException("need c > 0 and p >= 1");
        }
        int m = truth.length;
        int n = est.length;
        int[] pairs = new int[m];
        Arrays.fill(pairs, -1);
        Candidates cand = Candidates.within(truth, est, c);
        assign(cand, m, n, c, p, pairs);
        double cp = Math.pow(c, p);
        double sum = 0;
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (pairs[i] >= 0) {
                sum += Math.pow(dist(truth[i], est[pairs[i]]), p);
                k++;
            }
        }
        double gospa = Math.pow(sum + cp / 2 * (m + n - 2 * k), 1 / p);
        int big = Math.max(m, n);
        double ospa = big == 0 ? 0 : Math.pow((sum + cp * (big - k)) / big, 1 / p);
        return new Result(gospa, ospa, Math.pow(sum, 1 / p), m - k, n - k, pairs);
    }

    /**
     * @param gospa        GOSPA distance, metres
     * @param ospa         OSPA distance, metres
     * @param localisation the assigned pairs' part, {@code (Σ d^p)^(1/p)}, metres
     * @param missed       true points left unassigned
     * @param falseCount   estimates left unassigned
     * @param pairs        estimate index per true point, or −1
     */
    public record Result(double gospa, double ospa, double localisation, int missed, int falseCount, int[] pairs) {
    }

    static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static void assign(Candidates cand, int m, int n, double c, double p, int[] pairs) {
        if (cand.size == 0) {
            return;
        }
        int[] parent = new int[m + n];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int k = 0; k < cand.size; k++) {
            int ra = find(parent, cand.truth[k]);
            int rb = find(parent, m + cand.est[k]);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        List<List<Integer>> clusters = new ArrayList<>();
        int[] clusterOf = new int[m + n];
        Arrays.fill(clusterOf, -1);
        for (int k = 0; k < cand.size; k++) {
            int r = find(parent, cand.truth[k]);
            if (clusterOf[r] < 0) {
                clusterOf[r] = clusters.size();
                clusters.add(new ArrayList<>());
            }
            clusters.get(clusterOf[r]).add(k);
        }
        double cp = Math.pow(c, p);
        for (List<Integer> ks : clusters) {
            int[] rows = ks.stream().mapToInt(k -> cand.truth[k]).sorted().distinct().toArray();
            int[] cols = ks.stream().mapToInt(k -> cand.est[k]).sorted().distinct().toArray();
            int width = cols.length + rows.length;
            double[] cost = new double[rows.length * width];
            Arrays.fill(cost, Double.POSITIVE_INFINITY);
            for (int k : ks) {
                int r = Arrays.binarySearch(rows, cand.truth[k]);
                cost[r * width + Arrays.binarySearch(cols, cand.est[k])] = Math.pow(cand.d[k], p) - cp;
            }
            for (int r = 0; r < rows.length; r++) {
                cost[r * width + cols.length + r] = 0;
            }
            int[] col = OptimalAssignment.solve(cost, rows.length, width);
            for (int r = 0; r < rows.length; r++) {
                if (col[r] < cols.length) {
                    pairs[rows[r]] = cols[col[r]];
                }
            }
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Truth–estimate pairs closer than the cut-off. */
    private static final class Candidates {
        int[] truth = new int[16];
        int[] est = new int[16];
        double[] d = new double[16];
        int size;

        static Candidates within(double[][] truth, double[][] est, double c) {
            Candidates out = new Candidates();
            Integer[] order = new Integer[est.length];
            for (int j = 0; j < est.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(est[a][0], est[b][0]));
            double[] east = new double[est.length];
            for (int j = 0; j < est.length; j++) {
                east[j] = est[order[j]][0];
            }
            for (int i = 0; i < truth.length; i++) {
                int lo = lowerBound(east, truth[i][0] - c);
                for (int s = lo; s < east.length && east[s] < truth[i][0] + c; s++) {
                    double dd = dist(truth[i], est[order[s]]);
                    if (dd < c) {
                        out.add(i, order[s], dd);
                    }
                }
            }
            return out;
        }

        void add(int t, int e, double dist) {
            if (size == truth.length) {
                truth = Arrays.copyOf(truth, size * 2);
                est = Arrays.copyOf(est, size * 2);
                d = Arrays.copyOf(d, size * 2);
            }
            truth[size] = t;
            est[size] = e;
            d[size] = dist;
            size++;
        }

        private static int lowerBound(double[] a, double v) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
