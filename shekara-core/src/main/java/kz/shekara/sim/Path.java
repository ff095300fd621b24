package kz.shekara.sim;

/**
 * A polyline in a local east-north frame (metres), walked by arc length from its first vertex.
 * Positions beyond either end are clamped to the end. Immutable; each lookup is a binary search.
 */
final class Path {
    private final double[] east;
    private final double[] north;
    private final double[] cumulative;

    Path(double[] east, double[] north) {
        if (east.length != north.length || east.length < 2) {
            throw new IllegalArgumentException("a path needs at least two vertices");
        }
        this.east = east.clone();
        this.north = north.clone();
        cumulative = new double[east.length];
        for (int i = 1; i < east.length; i++) {
            cumulative[i] = cumulative[i - 1] + Math.hypot(east[i] - east[i - 1], north[i] - north[i - 1]);
        }
    }

    static Path line(double e0, double n0, double e1, double n1) {
        return new Path(new double[] {e0, e1}, new double[] {n0, n1});
    }

    int vertexCount() {
        return east.length;
    }

    double east(int i) {
        return east[i];
    }

    double north(int i) {
        return north[i];
    }

    double length() {
        return cumulative[cumulative.length - 1];
    }

    /** East and north of the point {@code s} metres along the path into {@code out}. */
    void pointAt(double s, double[] out) {
        int i = segment(s);
        double len = cumulative[i + 1] - cumulative[i];
        double f = len > 0 ? Math.min(1, Math.max(0, (s - cumulative[i]) / len)) : 0;
        out[0] = east[i] + f * (east[i + 1] - east[i]);
        out[1] = north[i] + f * (north[i + 1] - north[i]);
    }

    /** Unit direction (east, north) of travel at {@code s} metres along the path into {@code out}. */
    void directionAt(double s, double[] out) {
        int i = segment(s);
        double de = east[i + 1] - east[i];
        double dn = north[i + 1] - north[i];
        double len = Math.hypot(de, dn);
        out[0] = len > 0 ? de / len : 0;
        out[1] = len > 0 ? dn / len : 0;
    }

    /** Arc length of the point of the path nearest to (e, n). */
    double nearestS(double e, double n) {
        double best = Double.POSITIVE_INFINITY;
        double bestS = 0;
        for (int i = 0; i + 1 < east.length; i++) {
            double de = east[i + 1] - east[i];
            double dn = north[i + 1] - north[i];
            double l2 = de * de + dn * dn;
            double f = l2 > 0 ? Math.min(1, Math.max(0, ((e - east[i]) * de + (n - north[i]) * dn) / l2)) : 0;
            double d = Math.hypot(east[i] + f * de - e, north[i] + f * dn - n);
            if (d < best) {
                best = d;
                bestS = cumulative[i] + f * Math.sqrt(l2);
            }
        }
        return bestS;
    }

    /**
     * The stretch of this path from arc length {@code from} to {@code to} (reversed when
     * {@code to < from}), each vertex moved {@code offsetM} metres to the left of the original
     * direction of travel (negative: to the right), resampled every {@code stepM} metres.
     */
    Path stretch(double from, double to, double offsetM, double stepM) {
        double a = Math.max(0, Math.min(length(), from));
        double b = Math.max(0, Math.min(length(), to));
        int n = Math.max(2, (int) Math.ceil(Math.abs(b - a) / stepM) + 1);
        double[] e = new double[n];
        double[] no = new double[n];
        double[] p = new double[2];
        double[] d = new double[2];
        for (int i = 0; i < n; i++) {
            double s = a + (b - a) * i / (n - 1);
            pointAt(s, p);
            directionAt(s, d);
            e[i] = p[0] - d[1] * offsetM;
            no[i] = p[1] + d[0] * offsetM;
        }
        return new Path(e, no);
    }

    private int segment(double s) {
        int lo = 0;
        int hi = cumulative.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= s) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
