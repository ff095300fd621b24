package kz.shekara.sim;

import java.util.List;
import kz.shekara.geo.Geodesy;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.Route;

/**
 * One leg of an exercise unit answering its task: it stands at {@code from} until it departs, then
 * follows the route its travel model found (road, air or sea path) at a constant pace so as to
 * arrive after the route's time, and holds at the end. Times in seconds since the scenario start;
 * positions WGS84. Immutable; a position costs O(path points).
 */
record Sortie(double departS, Route route) {

    /** A leg that goes nowhere: the unit holds at a point. */
    static Sortie holdAt(double lat, double lon, double fromS) {
        return new Sortie(fromS, new Route(0, 0, List.of(new GeoPoint(lat, lon))));
    }

    double arriveS() {
        return departS + route.timeS();
    }

    boolean arrived(double tSec) {
        return tSec >= arriveS();
    }

    boolean moving(double tSec) {
        return tSec >= departS && !arrived(tSec);
    }

    /** Speed along the route in m/s (0 for a leg that goes nowhere). */
    double speedMps() {
        return route.timeS() > 0 ? route.distanceM() / route.timeS() : 0;
    }

    /** Where the unit is at {@code tSec}: {lat, lon, courseDeg} (course NaN when standing). */
    double[] at(double tSec) {
        List<GeoPoint> path = route.path();
        GeoPoint first = path.get(0);
        if (tSec <= departS || path.size() == 1) {
            return new double[] {first.lat(), first.lon(), Double.NaN};
        }
        double total = 0;
        double[] seg = new double[path.size() - 1];
        for (int i = 0; i + 1 < path.size(); i++) {
            seg[i] = Geodesy.distanceM(path.get(i).lat(), path.get(i).lon(), path.get(i + 1).lat(), path.get(i + 1).lon());
            total += seg[i];
        }
        double f = route.timeS() > 0 ? Math.min(1, (tSec - departS) / route.timeS()) : 1;
        double togo = f * total;
        for (int i = 0; i < seg.length; i++) {
            GeoPoint a = path.get(i);
            GeoPoint b = path.get(i + 1);
            if (togo <= seg[i] || i == seg.length - 1) {
                double az = Geodesy.azimuthDeg(a.lat(), a.lon(), b.lat(), b.lon());
                double[] p = Geodesy.destination(a.lat(), a.lon(), az, Math.min(togo, seg[i]));
                return new double[] {p[0], p[1], f >= 1 ? Double.NaN : (az + 360) % 360};
            }
            togo -= seg[i];
        }
        GeoPoint last = path.get(path.size() - 1);
        return new double[] {last.lat(), last.lon(), Double.NaN};
    }
}
