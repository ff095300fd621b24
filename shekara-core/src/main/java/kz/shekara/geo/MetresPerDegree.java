package kz.shekara.geo;

/**
 * How many metres a degree spans, for the quick degree-to-metre approximations of search boxes,
 * grid cells, probe offsets and sketches (exact distances go through {@link Geodesy}).
 *
 * <p>{@link #LAT_MIN} is the shortest degree of latitude on WGS84 (at the equator), so metres divided
 * by it never undershoot in latitude. {@link #SPHERE} is a degree of a great circle on the sphere of
 * WGS84's equatorial radius; times {@code cos(lat)} ({@link #lon(double)}) it is a degree of
 * longitude at {@code lat} on that sphere, which never exceeds the ellipsoid's, so metres divided by
 * it never undershoot in longitude either.
 */
public final class MetresPerDegree {
    /** Metres in a degree of latitude at the equator, the least anywhere on WGS84. */
    public static final double LAT_MIN = 110_574;
    /** Metres in a degree of a great circle on the sphere of the equatorial radius (6,378,137 m times pi / 180). */
    public static final double SPHERE = 111_320;

    private MetresPerDegree() {
    }

    /** Metres in a degree of longitude at latitude {@code latDeg} on the sphere of {@link #SPHERE}. */
    public static double lon(double latDeg) {
        return SPHERE * Math.cos(Math.toRadians(latDeg));
    }
}
