package kz.shekara.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joint probabilistic data association (Fortmann, Bar-Shalom &amp; Scheffe 1983; Bar-Shalom, Willett
 * &amp; Tian 2011, §6.4): each track is updated by every plot in its gate, weighted by the probability
 * that the plot is its detection over all joint events of its cluster (each plot explains at most one
 * track, each track at most one plot), rather than by the single nearest plot. A joint event's weight
 * is the product, over its assigned pairs, of {@code Pd N(z; ẑ, S) / λ}, and over its missed tracks,
 * of {@code 1 − Pd Pg}; the clutter density {@code λ} is taken from the cluster itself (its plots over
 * the area of its tracks' gates: the nonparametric form, no clutter parameter to tune).
 *
 * <p>What is counted stays a hard decision: the hits and misses that confirm and end tracks, and the
 * plots left for initiation, are the clustered global nearest neighbour's ({@link GnnAssociator});
 * only the state update is soft ({@link Association#soft}). A cluster whose joint events exceed
 * {@value #MAX_EVENTS} takes each track's association on its own (probabilistic data association,
 * ignoring that another track may claim the plot). Immutable and thread-safe.
 */
public final class JpdaAssociator implements DataAssociator {
    static final int MAX_EVENTS = 50_000;

    private final Gater gater;
    private final GnnAssociator gnn;
    private final double pd;
    private final double gateProbability;

    /**
     * @param detectionProbability the probability {@code Pd} that a track is detected in a scan of a sensor that covers it
     * @param gateProbability      the probability {@code Pg} that a detection falls in its track's gate
     */
    public JpdaAssociator(Gater gater, double detectionProbability, double gateProbability) {
        if (!(detectionProbability > 0 && detectionProbability < 1)) {
            throw new IllegalArgumentException("detection probability must lie in (0, 1)");
        }
        this.gater = gater;
        this.gnn = new GnnAssociator(gater);
        this.pd = detectionProbability;
        this.gateProbability = gateProbability;
    }

    @Override
    public Association associate(List<GaussianState> tracks, List<Plot> scan) {
        Association hard = gnn.associate(tracks, scan);
        int n = tracks.size();
        int m = scan.size();
        if (n == 0 || m == 0) {
            return hard;
        }
        List<List<Hypothesis.Associated>> gated = gate(tracks, scan);
        int[] plotIndex = new int[m];
        Arrays.fill(plotIndex, -1);
        IdentityIndex index = new IdentityIndex(scan);
        // Clusters: tracks joined through a shared plot (union-find over tracks, keyed by each plot's first track).
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            for (Hypothesis.Associated h : gated.get(i)) {
                int j = index.of(h.plot());
                if (plotIndex[j] < 0) {
                    plotIndex[j] = i;
                } else {
                    parent[find(parent, i)] = find(parent, plotIndex[j]);
                }
            }
        }
        List<List<Integer>> clusters = new ArrayList<>();
        int[] clusterOf = new int[n];
        Arrays.fill(clusterOf, -1);
        for (int i = 0; i < n; i++) {
            if (gated.get(i).isEmpty()) {
                continue;
            }
            int root = find(parent, i);
            if (clusterOf[root] < 0) {
                clusterOf[root] = clusters.size();
                clusters.add(new ArrayList<>());
            }
            clusters.get(clusterOf[root]).add(i);
        }
        SoftAssociation[] soft = new SoftAssociation[n];
        for (List<Integer> cluster : clusters) {
            new Cluster(cluster, gated, index).solve(soft);
        }
        return new Association(hard.hypotheses(), hard.unassociated(), Arrays.asList(soft));
    }

    private List<List<Hypothesis.Associated>> gate(List<GaussianState> tracks, List<Plot> scan) {
        int m = scan.size();
        double[] east = new double[m];
        double[] north = new double[m];
        double maxSigma = 0;
        for (int j = 0; j < m; j++) {
            east[j] = scan.get(j).east();
            north[j] = scan.get(j).north();
            maxSigma = Math.max(maxSigma, scan.get(j).sigmaM());
        }
        double sum = 0;
        double[] radius = new double[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            radius[i] = gater.radiusM(tracks.get(i), maxSigma);
            sum += radius[i];
        }
        PlotGrid grid = new PlotGrid(east, north, GnnAssociator.cellM(sum, tracks.size()));
        int[] near = new int[m];
        List<List<Hypothesis.Associated>> out = new ArrayList<>(tracks.size());
        List<Plot> candidates = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            GaussianState t = tracks.get(i);
            int count = grid.near(t.east(), t.north(), radius[i], near);
            candidates.clear();
            for (int c = 0; c < count; c++) {
                candidates.add(scan.get(near[c]));
            }
            List<Hypothesis.Associated> hits = new ArrayList<>();
            if (count > 0) {
                for (Hypothesis h : gater.hypothesise(t, candidates)) {
                    if (h instanceof Hypothesis.Associated a) {
                        hits.add(a);
                    }
                }
            }
            out.add(hits);
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** One cluster's joint events, enumerated depth first, and the marginal weights they give. */
    private final class Cluster {
        private final List<Integer> tracks;
        private final List<List<Hypothesis.Associated>> gated;
        private final int[][] plotOf;
        private final double[][] logRatio;
        private final double logMiss;
        private final double[][] weight;
        private final double[] missWeight;
        private final int[] choice;
        private final boolean[] used;
        private final List<double[]> events = new ArrayList<>();
        private final List<int[]> choices = new ArrayList<>();

        Cluster(List<Integer> tracks, List<List<Hypothesis.Associated>> gated, IdentityIndex index) {
            this.tracks = tracks;
            this.gated = gated;
            int c = tracks.size();
            plotOf = new int[c][];
            logRatio = new double[c][];
            weight = new double[c][];
            missWeight = new double[c];
            choice = new int[c];
            int plots = 0;
            double area = 0;
            boolean[] seen = new boolean[index.size()];
            for (int t = 0; t < c; t++) {
                List<Hypothesis.Associated> hs = gated.get(tracks.get(t));
                plotOf[t] = new int[hs.size()];
                for (int k = 0; k < hs.size(); k++) {
                    int j = index.of(hs.get(k).plot());
                    plotOf[t][k] = j;
                    if (!seen[j]) {
                        seen[j] = true;
                        plots++;
                    }
                }
                // The gate of a 2-D measurement is an ellipse of area π γ √|S| (γ the threshold).
                MeasurementPrediction s = hs.get(0).measurement();
                area += Math.PI * gater.threshold() * Math.sqrt(s.s00() * s.s11() - s.s01() * s.s01());
            }
            used = new boolean[index.size()];
            double lambda = plots / area;
            logMiss = Math.log(1 - pd * gateProbability);
            for (int t = 0; t < c; t++) {
                List<Hypothesis.Associated> hs = gated.get(tracks.get(t));
                logRatio[t] = new double[hs.size()];
                weight[t] = new double[hs.size()];
                for (int k = 0; k < hs.size(); k++) {
                    MeasurementPrediction s = hs.get(k).measurement();
                    double det = s.s00() * s.s11() - s.s01() * s.s01();
                    logRatio[t][k] = Math.log(pd / lambda) - Math.log(2 * Math.PI) - 0.5 * Math.log(det)
                            - 0.5 * hs.get(k).distance2();
                }
            }
        }

        void solve(SoftAssociation[] out) {
            if (!enumerate(0, 0)) {
                independent();
            } else {
                double best = Double.NEGATIVE_INFINITY;
                for (double[] e : events) {
                    best = Math.max(best, e[0]);
                }
                double total = 0;
                for (int e = 0; e < events.size(); e++) {
                    double w = Math.exp(events.get(e)[0] - best);
                    total += w;
                    int[] ch = choices.get(e);
                    for (int t = 0; t < ch.length; t++) {
                        if (ch[t] < 0) {
                            missWeight[t] += w;
                        } else {
                            weight[t][ch[t]] += w;
                        }
                    }
                }
                for (int t = 0; t < tracks.size(); t++) {
                    missWeight[t] /= total;
                    for (int k = 0; k < weight[t].length; k++) {
                        weight[t][k] /= total;
                    }
                }
            }
            for (int t = 0; t < tracks.size(); t++) {
                out[tracks.get(t)] = new SoftAssociation(missWeight[t], gated.get(tracks.get(t)), weight[t]);
            }
        }

        /** Every joint event from track {@code t} on; false when they would exceed {@link #MAX_EVENTS}. */
        private boolean enumerate(int t, double logWeight) {
            if (t == tracks.size()) {
                if (events.size() >= MAX_EVENTS) {
                    return false;
                }
                events.add(new double[] {logWeight});
                choices.add(choice.clone());
                return true;
            }
            choice[t] = -1;
            if (!enumerate(t + 1, logWeight + logMiss)) {
                return false;
            }
            for (int k = 0; k < plotOf[t].length; k++) {
                int j = plotOf[t][k];
                if (used[j]) {
                    continue;
                }
                used[j] = true;
                choice[t] = k;
                boolean ok = enumerate(t + 1, logWeight + logRatio[t][k]);
                used[j] = false;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        /** Each track's weights on its own (probabilistic data association), for a cluster too large to enumerate. */
        private void independent() {
            for (int t = 0; t < tracks.size(); t++) {
                double best = logMiss;
                for (double r : logRatio[t]) {
                    best = Math.max(best, r);
                }
                double total = Math.exp(logMiss - best);
                for (int k = 0; k < logRatio[t].length; k++) {
                    weight[t][k] = Math.exp(logRatio[t][k] - best);
                    total += weight[t][k];
                }
                missWeight[t] = Math.exp(logMiss - best) / total;
                for (int k = 0; k < weight[t].length; k++) {
                    weight[t][k] /= total;
                }
            }
        }
    }

    /** The position of each plot of a scan in it, by identity. */
    private static final class IdentityIndex {
        private final java.util.IdentityHashMap<Plot, Integer> index;
        private final int size;

        IdentityIndex(List<Plot> scan) {
            index = new java.util.IdentityHashMap<>(scan.size() * 2);
            for (int j = 0; j < scan.size(); j++) {
                index.putIfAbsent(scan.get(j), j);
            }
            size = scan.size();
        }

        int of(Plot p) {
            return index.get(p);
        }

        int size() {
            return size;
        }
    }
}
