package kz.shekara.track;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local density of one scan's unexplained plots (those no confirmed track took): plots are counted
 * in square cells of {@value #CELL_M} m of the sector's frame, and the density around a plot is the
 * count of the other plots in the 3 × 3 cells around its own, plus one, over their area (9 km²). The
 * one added keeps the estimate above zero where a scan has no other plot nearby (one plot per 9 km²,
 * 0.11 per km², twice the false-alarm density of the reference scenes); where clutter is dense, the 3 × 3
 * cells hold tens of plots and the estimate follows it. It is the scan's own, so it needs no memory
 * from scan to scan and the same scan gives the same figure on a replay; real movers not yet tracked
 * count as clutter, which asks more of a new track in a crowd, not less. Counted once per scan and only
 * when a tentative track takes a plot. Not thread-safe.
 */
final class ClutterDensity {
    /** The cell side, metres. */
    static final double CELL_M = 1000;
    private static final double BOX_M2 = 9 * CELL_M * CELL_M;

    private final List<Plot> plots;
    private Map<Long, int[]> counts;

    /** @param plots the scan's unexplained plots, counted at the first {@link #perM2}; null: no estimate */
    ClutterDensity(List<Plot> plots) {
        this.plots = plots;
    }

    /** The density (per m²) around {@code p}, one of the plots this was built from; 0 without plots. */
    double perM2(Plot p) {
        if (plots == null) {
            return 0;
        }
        if (counts == null) {
            counts = new HashMap<>(Math.max(16, plots.size() * 2));
            for (Plot q : plots) {
                counts.computeIfAbsent(key(cell(q.east()), cell(q.north())), k -> new int[1])[0]++;
            }
        }
        long e = cell(p.east());
        long n = cell(p.north());
        int around = 0;
        for (long de = -1; de <= 1; de++) {
            for (long dn = -1; dn <= 1; dn++) {
                int[] c = counts.get(key(e + de, n + dn));
                if (c != null) {
                    around += c[0];
                }
            }
        }
        // The plot itself is one of them: the others, plus one.
        return Math.max(1, around) / BOX_M2;
    }

    private static long cell(double m) {
        return (long) Math.floor(m / CELL_M);
    }

    private static long key(long e, long n) {
        return e << 32 ^ (n & 0xffffffffL);
    }
}
