package kz.shekara.track;

import java.util.Arrays;
import kz.shekara.geo.GridMath;

/**
 * A uniform hash grid over the plots of one scan (local metres): open addressing on the cell key,
 * plots chained per cell. Built in O(plots); a circle query costs the cells it touches plus the
 * plots in them. Not thread-safe; lives for one association call.
 */
final class PlotGrid {
    private final double cell;
    private final long[] keys;
    private final int[] head;
    private final int[] next;
    private final int mask;
    private final double[] east;
    private final double[] north;

    /** A grid over plots {@code j} at ({@code east[j]}, {@code north[j]}); the arrays are read, not copied. */
    PlotGrid(double[] east, double[] north, double cellM) {
        this.cell = cellM;
        int m = east.length;
        int cap = Integer.highestOneBit(Math.max(4, m * 2 - 1)) << 1;
        keys = new long[cap];
        head = new int[cap];
        Arrays.fill(head, -1);
        mask = cap - 1;
        next = new int[m];
        this.east = east;
        this.north = north;
        for (int j = 0; j < m; j++) {
            int slot = slot(key(cellOf(east[j]), cellOf(north[j])), true);
            next[j] = head[slot];
            head[slot] = j;
        }
    }

    /** Writes the indices of plots within {@code r} metres of (e, n) into {@code out}; returns how many, in ascending order. */
    int near(double e, double n, double r, int[] out) {
        long x0 = cellOf(e - r);
        long x1 = cellOf(e + r);
        long y0 = cellOf(n - r);
        long y1 = cellOf(n + r);
        double r2 = r * r;
        int count = 0;
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > keys.length) {
            for (int j = 0; j < next.length; j++) {
                count = take(j, e, n, r2, out, count);
            }
            return count;
        }
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                int slot = slot(key(x, y), false);
                if (slot < 0) {
                    continue;
                }
                for (int j = head[slot]; j >= 0; j = next[j]) {
                    count = take(j, e, n, r2, out, count);
                }
            }
        }
        // Mostly zero or one candidate: sort only when the cells gave them out of order.
        if (count > 1 && !ascending(out, count)) {
            Arrays.sort(out, 0, count);
        }
        return count;
    }

    /** Whether any plot lies within {@code r} metres of (e, n). */
    boolean any(double e, double n, double r) {
        long x0 = cellOf(e - r);
        long x1 = cellOf(e + r);
        long y0 = cellOf(n - r);
        long y1 = cellOf(n + r);
        double r2 = r * r;
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > keys.length) {
            for (int j = 0; j < next.length; j++) {
                if (within(j, e, n, r2)) {
                    return true;
                }
            }
            return false;
        }
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                int slot = slot(key(x, y), false);
                for (int j = slot < 0 ? -1 : head[slot]; j >= 0; j = next[j]) {
                    if (within(j, e, n, r2)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean within(int j, double e, double n, double r2) {
        double de = east[j] - e;
        double dn = north[j] - n;
        return de * de + dn * dn <= r2;
    }

    private static boolean ascending(int[] a, int count) {
        for (int i = 1; i < count; i++) {
            if (a[i] < a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private int take(int j, double e, double n, double r2, int[] out, int count) {
        if (within(j, e, n, r2)) {
            out[count++] = j;
        }
        return count;
    }

    private long cellOf(double v) {
        return GridMath.floor(v / cell);
    }

    private static long key(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }

    private int slot(long key, boolean insert) {
        int s = (int) (mix(key) & mask);
        while (head[s] >= 0) {
            if (keys[s] == key) {
                return s;
            }
            s = (s + 1) & mask;
        }
        if (!insert) {
            return -1;
        }
        keys[s] = key;
        return s;
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
