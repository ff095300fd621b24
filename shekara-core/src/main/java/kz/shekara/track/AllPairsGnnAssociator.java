package kz.shekara.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Textbook global nearest neighbour: every track is hypothesised against every plot of the scan and
 * one optimal assignment is solved over the whole tracks x (plots + one "missed" column per track)
 * matrix, gated pairs costing their squared Mahalanobis distance and the missed column the gate
 * threshold (Blackman &amp; Popoli 1999, §6.5.1). The reference that {@link GnnAssociator} must
 * match; quadratic in the scan and meant for tests and comparison, not for live use. Immutable.
 */
public final class AllPairsGnnAssociator implements DataAssociator {
    private final Gater gater;

    public AllPairsGnnAssociator(Gater gater) {
        this.gater = gater;
    }

    @Override
    public Association associate(List<GaussianState> tracks, List<Plot> scan) {
        int n = tracks.size();
        int m = scan.size();
        if (n == 0) {
            return new Association(List.of(), scan);
        }
        int cols = m + n;
        double[] cost = new double[n * cols];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        IdentityHashMap<Plot, Integer> index = new IdentityHashMap<>();
        for (int j = 0; j < m; j++) {
            index.put(scan.get(j), j);
        }
        List<List<Hypothesis>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Hypothesis> hs = gater.hypothesise(tracks.get(i), scan);
            all.add(hs);
            for (Hypothesis h : hs) {
                if (h instanceof Hypothesis.Associated a) {
                    cost[i * cols + index.get(a.plot())] = a.distance2();
                }
            }
            cost[i * cols + m + i] = gater.threshold();
        }
        int[] col = OptimalAssignment.solve(cost, n, cols);
        List<Hypothesis> chosen = new ArrayList<>(n);
        boolean[] taken = new boolean[m];
        for (int i = 0; i < n; i++) {
            Hypothesis pick = all.get(i).get(0);
            if (col[i] < m) {
                taken[col[i]] = true;
                for (Hypothesis h : all.get(i)) {
                    if (h instanceof Hypothesis.Associated a && a.plot() == scan.get(col[i])) {
                        pick = h;
                    }
                }
            }
            chosen.add(pick);
        }
        List<Plot> rest = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!taken[j]) {
                rest.add(scan.get(j));
            }
        }
        return new Association(chosen, rest);
    }
}
