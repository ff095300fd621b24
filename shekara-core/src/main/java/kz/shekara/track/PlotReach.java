package kz.shekara.track;

import java.time.Instant;
import java.util.List;

/**
 * Where one scan's plots lie, to tell cheaply whether a track could gate any of them without
 * predicting it: a bounding box and a hash grid of the plots, and an upper bound on the track's gate
 * radius at the scan time. The bound: a plot in the Kalman Mahalanobis gate lies within
 * {@code sqrt(threshold · λmax(S))} metres of the predicted position, with λmax(S) at most the trace
 * of the predicted position covariance plus twice the largest plot variance; under the constant
 * velocity model each predicted position variance is at most {@code (σp + |dt|·σv)² + q|dt|³/3}
 * (Cauchy–Schwarz on the position–velocity covariance). So "no plot within the bound" proves the
 * track would have been missed. Not thread-safe; lives for one scan.
 */
final class PlotReach {
    private static final double CELL_M = 1000;
    private static final PlotReach NONE = new PlotReach(null, 0, 0, 0, 0, 0, 0, 0);

    private final PlotGrid grid;
    private final double minE;
    private final double maxE;
    private final double minN;
    private final double maxN;
    private final double maxVar;
    private final double threshold;
    private final double q;

    /**
     * The process noise (m²/s³) that bounds a predictor's position variance growth, or NaN when it is
     * unknown: a CV model's own, an IMM's largest (its combined prediction is {@code F P F' + Σ c̄_j Q_j}).
     */
    static double psdBound(Predictor p) {
        return p instanceof CvKalmanPredictor cv ? cv.accelerationPsd()
                : p instanceof ImmPredictor imm ? imm.maxAccelerationPsd() : Double.NaN;
    }

    private PlotReach(PlotGrid grid, double minE, double maxE, double minN, double maxN, double maxVar,
                      double threshold, double q) {
        this.grid = grid;
        this.minE = minE;
        this.maxE = maxE;
        this.minN = minN;
        this.maxN = maxN;
        this.maxVar = maxVar;
        this.threshold = threshold;
        this.q = q;
    }

    /** The reach of {@code plots} for a gate of squared-distance {@code threshold} and process noise {@code q} (m²/s³). */
    static PlotReach of(List<Plot> plots, double threshold, double q) {
        int m = plots.size();
        if (m == 0) {
            return NONE;
        }
        double[] east = new double[m];
        double[] north = new double[m];
        double minE = Double.POSITIVE_INFINITY;
        double maxE = Double.NEGATIVE_INFINITY;
        double minN = Double.POSITIVE_INFINITY;
        double maxN = Double.NEGATIVE_INFINITY;
        double maxVar = 0;
        for (int j = 0; j < m; j++) {
            Plot p = plots.get(j);
            east[j] = p.east();
            north[j] = p.north();
            minE = Math.min(minE, east[j]);
            maxE = Math.max(maxE, east[j]);
            minN = Math.min(minN, north[j]);
            maxN = Math.max(maxN, north[j]);
            maxVar = Math.max(maxVar, p.sigmaM() * p.sigmaM());
        }
        return new PlotReach(new PlotGrid(east, north, CELL_M), minE, maxE, minN, maxN, maxVar, threshold, q);
    }

    /** False only when no plot can lie in the gate of {@code state} predicted to {@code time}. */
    boolean mayGate(GaussianState state, Instant time) {
        if (grid == null) {
            return false;
        }
        double dt = Seconds.between(state.time(), time);
        double adt = Math.abs(dt);
        double[] x = state.meanView();
        double[] p = state.covView();
        double e = x[0] + dt * x[2];
        double n = x[1] + dt * x[3];
        double se = Math.sqrt(p[0]) + adt * Math.sqrt(p[10]);
        double sn = Math.sqrt(p[5]) + adt * Math.sqrt(p[15]);
        double trace = se * se + sn * sn + 2 * q * adt * adt * adt / 3 + 2 * maxVar;
        // A hair wider than the bound, so rounding in the filter's own arithmetic cannot cross it.
        double r = Math.sqrt(threshold * trace) * (1 + 1e-9) + 1e-3;
        if (e + r < minE || e - r > maxE || n + r < minN || n - r > maxN) {
            return false;
        }
        return grid.any(e, n, r);
    }
}
