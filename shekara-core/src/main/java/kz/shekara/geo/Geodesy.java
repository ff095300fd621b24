package kz.shekara.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;

/** Geodesic distances and directions on WGS84 (GeographicLib, Karney 2013). Thread-safe. */
public final class Geodesy {
    private Geodesy() {
    }

    /** Geodesic distance in metres between two points in degrees. */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12;
    }

    /** Initial azimuth in degrees clockwise from north of the geodesic from point 1 to point 2. */
    public static double azimuthDeg(double lat1, double lon1, double lat2, double lon2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.AZIMUTH).azi1;
    }

    /** The point {@code distanceM} metres from the start along azimuth {@code azimuthDeg}; {lat, lon}. */
    public static double[] destination(double lat, double lon, double azimuthDeg, double distanceM) {
        GeodesicData d = Geodesic.WGS84.Direct(lat, lon, azimuthDeg, distanceM);
        return new double[] {d.lat2, d.lon2};
    }
}
