package kz.shekara.track;

import java.util.Arrays;

/**
 * Minimum-cost 2-D assignment of every row to a distinct column ({@code rows <= cols}) by the
 * shortest augmenting path method with dual potentials: the Jonker–Volgenant augmentation
 * (R. Jonker &amp; A. Volgenant, Computing 38, 1987) without its initialisation heuristics, as set out
 * for rectangular problems by D. F. Crouse, "On implementing 2D rectangular assignment algorithms",
 * IEEE Trans. AES 52(4), 2016, Algorithm 1. Forbidden pairs cost {@code +∞}. O(rows² · cols) time;
 * stateless and thread-safe.
 */
public final class OptimalAssignment {
    private OptimalAssignment() {
    }

    /**
     * The column of each row in a minimum-cost assignment of the row-major {@code rows x cols} matrix.
     *
     * @throws IllegalArgumentException when rows exceed cols or some row cannot be assigned at finite cost
     */
    public static int[] solve(double[] cost, int rows, int cols) {
        if (rows > cols) {
            throw new IllegalArgumentException("need rows <= cols, got " + rows + " x " + cols);
        }
        double[] u = new double[rows + 1];
        double[] v = new double[cols + 1];
        int[] rowOfCol = new int[cols + 1]; // 1-based rows, 0 = free
        int[] way = new int[cols + 1];
        double[] minv = new double[cols + 1];
        boolean[] used = new boolean[cols + 1];
        for (int i = 1; i <= rows; i++) {
            rowOfCol[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfCol[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                int base = (i0 - 1) * cols - 1;
                for (int j = 1; j <= cols; j++) {
                    if (!used[j]) {
                        double cur = cost[base + j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                if (j1 < 0 || delta == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("row " + (i - 1) + " has no feasible column");
                }
                for (int j = 0; j <= cols; j++) {
                    if (used[j]) {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] colOfRow = new int[rows];
        for (int j = 1; j <= cols; j++) {
            if (rowOfCol[j] != 0) {
                colOfRow[rowOfCol[j] - 1] = j - 1;
            }
        }
        return colOfRow;
    }
}
