package kz.shekara.track;

import java.util.List;

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
    // Counts per cell in an open-addressing table (a count of 0 marks a free slot), filled at the first query.
    private long[] keys;
    private int[] counts;
    private int shift;

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
            countCells();
        }
        long e = cell(p.east());
        long n = cell(p.north());
        int around = 0;
        for (long de = -1; de <= 1; de++) {
            for (long dn = -1; dn <= 1; dn++) {
                around += count(key(e + de, n + dn));
            }
        }
        // The plot itself is one of them: the others, plus one.
        return Math.max(1, around) / BOX_M2;
    }

    private void countCells() {
        int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(2L * plots.size()));
        keys = new long[1 << bits];
        counts = new int[1 << bits];
        shift = 64 - bits;
        int mask = (1 << bits) - 1;
        for (Plot q : plots) {
            long key = key(cell(q.east()), cell(q.north()));
            int i = slot(key);
            while (counts[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            counts[i]++;
        }
    }

    private int count(long key) {
        int mask = counts.length - 1;
        for (int i = slot(key); counts[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return counts[i];
            }
        }
        return 0;
    }

    private int slot(long key) {
        return (int) (key * 0x9E3779B97F4A7C15L >>> shift);
    }

    private static long cell(double m) {
        return (long) Math.floor(m / CELL_M);
    }

    private static long key(long e, long n) {
        return e << 32 ^ (n & 0xffffffffL);
    }
}
