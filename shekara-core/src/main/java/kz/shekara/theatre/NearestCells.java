package kz.shekara.theatre;

import java.util.List;
import kz.shekara.geo.MetresPerDegree;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Settles {@link SectorLocator}'s nearest-sector answer for a whole grid cell from each candidate
 * polygon's nearest boundary point to the cell's centre, where bounds leave no doubt. For a point x of
 * the cell and a polygon whose boundary is at {@code d} degrees (Euclidean in lon/lat, as JTS measures)
 * from the centre, the point's own distance in degrees lies within {@code d ± h}, h the cell's half
 * diagonal; the local-plane length the locator ranks by, to the boundary point nearest in degrees,
 * is at most that many degrees of latitude and at least that many degrees of the cell's shortest
 * degree of longitude. A polygon settles the cell when its upper bound, with the locator's 2 % margin,
 * is inside the reach and below every other candidate's lower bound; no polygon settles it as
 * outside reach when every lower bound, less 2 %, is beyond the reach. Only below 70 degrees of
 * latitude, where the locator trusts the plane; everything else is left to the point-by-point answer.
 * Stateless.
 */
final class NearestCells {
    /** The cell's points have different answers (or the bounds cannot tell). */
    static final int MIXED = -2;
    /** No point of the cell has a sector within reach. */
    static final int NONE = -1;
    /** Slack for rounding in the bounds, metres. */
    private static final double SLACK_M = 1.0;

    private NearestCells() {
    }

    /**
     * The index in {@code nearestToCentre} (the candidates' nearest boundary points to the cell's centre,
     * in the locator's ranking order) of the candidate nearest to every point of the cell, or
     * {@link #NONE}, or {@link #MIXED}.
     */
    static int settle(Envelope cell, List<Coordinate> nearestToCentre, double reachM) {
        double maxAbsLat = Math.max(Math.abs(cell.getMinY()), Math.abs(cell.getMaxY()));
        if (!(maxAbsLat < 70)) {
            return MIXED;
        }
        Coordinate c = cell.centre();
        double halfDiagonal = Math.hypot(cell.getWidth(), cell.getHeight()) / 2;
        double lowerScale = MetresPerDegree.LAT_MIN * Math.cos(Math.toRadians(maxAbsLat));
        int n = nearestToCentre.size();
        double[] lower = new double[n];
        double[] upper = new double[n];
        int best = NONE;
        boolean allBeyond = true;
        for (int i = 0; i < n; i++) {
            Coordinate q = nearestToCentre.get(i);
            double d = Math.hypot(q.x - c.x, q.y - c.y);
            lower[i] = Math.max(0, d - halfDiagonal) * lowerScale - SLACK_M;
            upper[i] = (d + halfDiagonal) * MetresPerDegree.LAT_MIN + SLACK_M;
            allBeyond &= lower[i] * 0.98 > reachM;
            if (best == NONE || upper[i] < upper[best]) {
                best = i;
            }
        }
        if (allBeyond) {
            return NONE;
        }
        if (!(upper[best] * 1.02 < reachM)) {
            return MIXED;
        }
        for (int i = 0; i < n; i++) {
            if (i != best && !(lower[i] > upper[best])) {
                return MIXED;
            }
        }
        return best;
    }
}
