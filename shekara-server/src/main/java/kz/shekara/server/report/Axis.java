package kz.shekara.server.report;

/**
 * A round axis for the report's plots: a step of 1, 2, 2.5 or 5 times a power of ten, and the
 * number of steps to reach the largest value. Immutable.
 */
record Axis(double step, int steps) {

    /** The axis over [0, max] with about {@code target} steps; {@code whole} forces whole-number steps. */
    static Axis of(double max, int target, boolean whole) {
        double v = Math.max(max, whole ? 1 : 1e-9);
        double step = nice(v / target);
        if (whole) {
            step = Math.max(1, Math.ceil(step));
        }
        return new Axis(step, (int) Math.max(1, Math.ceil(v / step - 1e-9)));
    }

    double end() {
        return step * steps;
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code v} (v > 0). */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v - 1e-9 * p) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
