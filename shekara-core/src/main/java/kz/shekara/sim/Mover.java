package kz.shekara.sim;

import kz.shekara.geo.LocalFrame;

/**
 * One simulated object moving at constant speed along a path in its own local east-north frame.
 * Times are seconds since the scenario start; the mover is at arc length {@code startS} at
 * {@code startSec} and reaches the end of the path at {@link #endSec()}. Immutable.
 *
 * @param carriesSource a radioactive source that radiation portals detect
 * @param ais a transponder that AIS receivers report (boats only)
 */
record Mover(String id, MoverKind kind, MoverRole role, LocalFrame frame, Path path, double speedMps,
             double startSec, double startS, boolean carriesSource, boolean ais, Extent extent) {

    /** A latitude/longitude box (degrees) that holds the whole route, for cheap coverage tests. */
    record Extent(double minLat, double maxLat, double minLon, double maxLon) {
        /** Margin around the route's vertices: straight legs in metres bow slightly in degrees. */
        private static final double MARGIN_DEG = 0.01;

        static Extent of(LocalFrame frame, Path path) {
            double[] ll = new double[2];
            double minLat = 90;
            double maxLat = -90;
            double minLon = 180;
            double maxLon = -180;
            for (int i = 0; i < path.vertexCount(); i++) {
                frame.toLatLon(path.east(i), path.north(i), ll);
                minLat = Math.min(minLat, ll[0]);
                maxLat = Math.max(maxLat, ll[0]);
                minLon = Math.min(minLon, ll[1]);
                maxLon = Math.max(maxLon, ll[1]);
            }
            return new Extent(minLat - MARGIN_DEG, maxLat + MARGIN_DEG, minLon - MARGIN_DEG, maxLon + MARGIN_DEG);
        }

        boolean intersects(double minLatB, double maxLatB, double minLonB, double maxLonB) {
            return minLat <= maxLatB && minLatB <= maxLat && minLon <= maxLonB && minLonB <= maxLon;
        }
    }

    double endSec() {
        return startSec + Math.max(0, path.length() - startS) / speedMps;
    }

    double arcAt(double tSec) {
        return startS + speedMps * Math.max(0, tSec - startSec);
    }

    /** Latitude and longitude in degrees at {@code tSec} into {@code out}; {@code tmp} is scratch of length 2. */
    void positionAt(double tSec, double[] tmp, double[] out) {
        path.pointAt(arcAt(tSec), tmp);
        frame.toLatLon(tmp[0], tmp[1], out);
    }

    /** Velocity (north, east) in m/s at {@code tSec} into {@code out}; zero once the path is done. */
    void velocityAt(double tSec, double[] out) {
        double s = arcAt(tSec);
        if (s >= path.length()) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double[] dir = new double[2];
        path.directionAt(s, dir);
        out[0] = dir[1] * speedMps;
        out[1] = dir[0] * speedMps;
    }
}
