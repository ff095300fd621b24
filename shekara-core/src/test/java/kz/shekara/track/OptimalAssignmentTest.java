package kz.shekara.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OptimalAssignmentTest {

    @Test
    void solvesTheTextbookThreeByThree() {
        // Optimum rows→cols (0→1, 1→0, 2→2): 1 + 2 + 2 = 5; every other permutation costs 6 or more.
        double[] c = {4, 1, 3, 2, 0, 5, 3, 2, 2};
        assertThat(OptimalAssignment.solve(c, 3, 3)).containsExactly(1, 0, 2);
    }

    @Test
    void avoidsForbiddenPairsAndHandlesRectangles() {
        double inf = Double.POSITIVE_INFINITY;
        double[] c = {inf, 1, 9, 2, inf, inf};
        assertThat(OptimalAssignment.solve(c, 2, 3)).containsExactly(1, 0);
        assertThatThrownBy(() -> OptimalAssignment.solve(new double[] {inf, inf}, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + rnd.nextInt(4);
            int cols = rows + rnd.nextInt(3);
            double[] c = new double[rows * cols];
            for (int i = 0; i < c.length; i++) {
                c[i] = rnd.nextDouble() * 10 - 3;
            }
            int[] a = OptimalAssignment.solve(c, rows, cols);
            double got = 0;
            for (int r = 0; r < rows; r++) {
                got += c[r * cols + a[r]];
            }
            assertThat(got).isCloseTo(best(c, rows, cols, 0, new boolean[cols]), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    private static double best(double[] c, int rows, int cols, int r, boolean[] used) {
        if (r == rows) {
            return 0;
        }
        double b = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.min(b, c[r * cols + j] + best(c, rows, cols, r + 1, used));
                used[j] = false;
            }
        }
        return b;
    }
}
