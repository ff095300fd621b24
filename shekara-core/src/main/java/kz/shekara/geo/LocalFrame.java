package kz.shekara.geo;

/**
 * A local east-north-up tangent plane on the WGS84 ellipsoid around an origin; the frame in which
 * a sector's tracker and geometry work, in metres. Exact (through earth-centred coordinates), not a
 * flat-earth approximation, so it stays correct over a whole sector of a few hundred kilometres.
 * Immutable and thread-safe; each conversion costs a few trigonometric calls and allocates nothing.
 *
 * <p>Source: the standard geodetic → ECEF → ENU transformation, e.g. J. Sanz Subirana et al.,
 * <i>GNSS Data Processing</i> Vol. I (ESA TM-23/1, 2013), §B.1–B.2; the inverse uses Bowring's
 * method (B. R. Bowring, Survey Review 23(181), 1976).
 */
public final class LocalFrame {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);
    private static final double B = A * (1 - F);
    private static final double EP2 = E2 / (1 - E2);

    private final double originLat;
    private final double originLon;
    private final double x0;
    private final double y0;
    private final double z0;
    private final double sinLat;
    private final double cosLat;
    private final double sinLon;
    private final double cosLon;

    public LocalFrame(double originLat, double originLon) {
        this.originLat = originLat;
        this.originLon = originLon;
        double[] o = ecef(originLat, originLon, 0);
        x0 = o[0];
        y0 = o[1];
        z0 = o[2];
        double la = Math.toRadians(originLat);
        double lo = Math.toRadians(originLon);
        sinLat = Math.sin(la);
        cosLat = Math.cos(la);
        sinLon = Math.sin(lo);
        cosLon = Math.cos(lo);
    }

    public double originLat() {
        return originLat;
    }

    public double originLon() {
        return originLon;
    }

    /** East and north in metres of a point at height 0, into {@code out[0]}, {@code out[1]}. */
    public void toEastNorth(double lat, double lon, double[] out) {
        toEastNorth(lat, lon, out, 0);
    }

    /**
     * East and north in metres of a point at height 0 into {@code out[at]}, {@code out[at + 1]}: the
     * same arithmetic as {@link #toEastNorth(double, double, double[])} without allocating, so that a
     * whole scan of plots can be converted into one primitive array.
     */
    public void toEastNorth(double lat, double lon, double[] out, int at) {
        // ecef(lat, lon, 0) written out so that no intermediate array is allocated per point.
        double la = Math.toRadians(lat);
        double lo = Math.toRadians(lon);
        double s = Math.sin(la);
        double n = A / Math.sqrt(1 - E2 * s * s);
        double c = Math.cos(la);
        double dx = n * c * Math.cos(lo) - x0;
        double dy = n * c * Math.sin(lo) - y0;
        double dz = n * (1 - E2) * s - z0;
        out[at] = -sinLon * dx + cosLon * dy;
        out[at + 1] = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
    }

    /** Latitude and longitude in degrees of the point east/north metres from the origin on the tangent plane, dropped to the ellipsoid. */
    public void toLatLon(double east, double north, double[] out) {
        // Up chosen so that the point lies on the ellipsoid: one fixed-point step is enough at sector scale.
        double up = -(east * east + north * north) / (2 * A);
        double dx = -sinLon * east - sinLat * cosLon * north + cosLat * cosLon * up;
        double dy = cosLon * east - sinLat * sinLon * north + cosLat * sinLon * up;
        double dz = cosLat * north + sinLat * up;
        double x = x0 + dx;
        double y = y0 + dy;
        double z = z0 + dz;
        double p = Math.hypot(x, y);
        double theta = Math.atan2(z * A, p * B);
        double st = Math.sin(theta);
        double ct = Math.cos(theta);
        double lat = Math.atan2(z + EP2 * B * st * st * st, p - E2 * A * ct * ct * ct);
        out[0] = Math.toDegrees(lat);
        out[1] = Math.toDegrees(Math.atan2(y, x));
    }

    private static double[] ecef(double latDeg, double lonDeg, double h) {
        double la = Math.toRadians(latDeg);
        double lo = Math.toRadians(lonDeg);
        double s = Math.sin(la);
        double n = A / Math.sqrt(1 - E2 * s * s);
        double c = Math.cos(la);
        return new double[] {(n + h) * c * Math.cos(lo), (n + h) * c * Math.sin(lo), (n * (1 - E2) + h) * s};
    }
}
