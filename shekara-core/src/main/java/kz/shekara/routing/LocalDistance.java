package kz.shekara.routing;

/**
 * Short-range distance in metres between WGS84 points: the local flat-earth approximation with the
 * ellipsoid's meridian and prime-vertical radii at the mean latitude. Within 0.01 % of the geodesic
 * below 50 km, which is what off-road legs and node lookups need; about twenty times cheaper than a
 * geodesic inverse, which is why the hot paths use it. Long legs use {@link kz.shekara.geo.Geodesy}.
 */
final class LocalDistance {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257223563;
    private static final double E2 = F * (2 - F);

    private LocalDistance() {
    }

    static double m(double lat1, double lon1, double lat2, double lon2) {
        double phi = Math.toRadians((lat1 + lat2) / 2);
        double s = Math.sin(phi);
        double w2 = 1 - E2 * s * s;
        double w = Math.sqrt(w2);
        double meridian = A * (1 - E2) / (w2 * w);
        double primeVertical = A / w;
        double dn = Math.toRadians(lat2 - lat1) * meridian;
        double de = Math.toRadians(lon2 - lon1) * primeVertical * Math.cos(phi);
        return Math.sqrt(dn * dn + de * de);
    }

    /** Metres per degree of latitude at a latitude (the meridian radius of curvature). */
    static double metresPerDegreeLat(double lat) {
        double s = Math.sin(Math.toRadians(lat));
        double w2 = 1 - E2 * s * s;
        return Math.toRadians(1) * A * (1 - E2) / (w2 * Math.sqrt(w2));
    }

    /** Metres per degree of longitude at a latitude (the prime-vertical radius times its cosine). */
    static double metresPerDegreeLon(double lat) {
        double phi = Math.toRadians(lat);
        double s = Math.sin(phi);
        return Math.toRadians(1) * A / Math.sqrt(1 - E2 * s * s) * Math.cos(phi);
    }
}
