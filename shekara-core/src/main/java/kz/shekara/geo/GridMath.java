package kz.shekara.geo;

/** Arithmetic of grid cells on hot paths. Stateless. */
public final class GridMath {
    private GridMath() {
    }

    /**
     * {@code (long) Math.floor(x)}, the same value for every double (NaN gives 0, values beyond the
     * range of a long its ends), without the call: the quick compiler does not inline
     * {@code Math.floor}, which then runs {@code StrictMath}'s Java code per call.
     */
    public static long floor(double x) {
        long r = (long) x;
        return x < r && r != Long.MIN_VALUE ? r - 1 : r;
    }
}
