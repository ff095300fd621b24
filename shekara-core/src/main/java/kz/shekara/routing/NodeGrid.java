package kz.shekara.routing;

import java.util.Arrays;
import kz.shekara.geo.MetresPerDegree;

/**
 * A uniform latitude/longitude bucket grid over points, for "the k nearest points within a radius".
 * Immutable after construction; a query visits the rings of cells around the point until the k-th
 * best is closer than the next ring can be, so it costs a few cells where points are dense.
 */
final class NodeGrid {
    private static final double CELL_DEG = 0.05;

    private final double[] lat;
    private final double[] lon;
    private final double minLat;
    private final double minLon;
    private final int rows;
    private final int cols;
    private final int[] cellStart;
    private final int[] cellPoints;

    NodeGrid(double[] lat, double[] lon) {
        this.lat = lat;
        this.lon = lon;
        double loLat = 90;
        double loLon = 180;
        double hiLat = -90;
        double hiLon = -180;
        for (int i = 0; i < lat.length; i++) {
            loLat = Math.min(loLat, lat[i]);
            hiLat = Math.max(hiLat, lat[i]);
            loLon = Math.min(loLon, lon[i]);
            hiLon = Math.max(hiLon, lon[i]);
        }
        minLat = lat.length == 0 ? 0 : loLat;
        minLon = lon.length == 0 ? 0 : loLon;
        rows = lat.length == 0 ? 1 : (int) ((hiLat - loLat) / CELL_DEG) + 1;
        cols = lat.length == 0 ? 1 : (int) ((hiLon - loLon) / CELL_DEG) + 1;
        cellStart = new int[rows * cols + 1];
        int[] cellOf = new int[lat.length];
        for (int i = 0; i < lat.length; i++) {
            cellOf[i] = row(lat[i]) * cols + col(lon[i]);
            cellStart[cellOf[i] + 1]++;
        }
        for (int c = 0; c < rows * cols; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        cellPoints = new int[lat.length];
        int[] fill = Arrays.copyOf(cellStart, rows * cols);
        for (int i = 0; i < lat.length; i++) {
            cellPoints[fill[cellOf[i]]++] = i;
        }
    }

    /**
     * Fills {@code outPoints}/{@code outM} with up to {@code outPoints.length} nearest points within
     * {@code maxM} metres, nearest first, skipping {@code exclude}; returns how many were found.
     */
    int nearest(double qLat, double qLon, double maxM, int exclude, int[] outPoints, double[] outM) {
        int k = outPoints.length;
        int found = 0;
        double mPerDegLon = MetresPerDegree.LAT_MIN * Math.max(0.05, Math.cos(Math.toRadians(Math.abs(qLat) + CELL_DEG)));
        double cellM = CELL_DEG * Math.min(MetresPerDegree.LAT_MIN, mPerDegLon);
        // Flat-earth scale at the query's latitude: no trigonometry per candidate point.
        double kLat = LocalDistance.metresPerDegreeLat(qLat);
        double kLon = LocalDistance.metresPerDegreeLon(qLat);
        int r0 = row(qLat);
        int c0 = col(qLon);
        int maxRing = (int) Math.ceil(maxM / cellM) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int r = r0 - ring; r <= r0 + ring; r++) {
                if (r < 0 || r >= rows) {
                    continue;
                }
                boolean edgeRow = r == r0 - ring || r == r0 + ring;
                int step = edgeRow ? 1 : Math.max(1, 2 * ring);
                for (int c = c0 - ring; c <= c0 + ring; c += step) {
                    if (c < 0 || c >= cols) {
                        continue;
                    }
                    int cell = r * cols + c;
                    for (int p = cellStart[cell]; p < cellStart[cell + 1]; p++) {
                        int i = cellPoints[p];
                        if (i == exclude) {
                            continue;
                        }
                        double dn = (lat[i] - qLat) * kLat;
                        double de = (lon[i] - qLon) * kLon;
                        double d = Math.sqrt(dn * dn + de * de);
                        // The k-th best so far already beats it: skip the insertion (insert would too).
                        if (d <= maxM && (found < k || d < outM[k - 1])) {
                            found = insert(i, d, found, k, outPoints, outM);
                        }
                    }
                }
            }
            if (found == k && outM[k - 1] <= Math.max(ring * cellM, beyondBlockM(qLat, qLon, r0, c0, ring, kLat, kLon))) {
                break;
            }
        }
        return found;
    }

    /**
     * A lower bound on the metres (same flat measure as the candidates) from the query to any point
     * outside the block of cells within {@code ring} of its cell: no point the next rings hold is nearer.
     */
    private double beyondBlockM(double qLat, double qLon, int r0, int c0, int ring, double kLat, double kLon) {
        double south = qLat - (minLat + (r0 - ring) * CELL_DEG);
        double north = minLat + (r0 + ring + 1) * CELL_DEG - qLat;
        double west = qLon - (minLon + (c0 - ring) * CELL_DEG);
        double east = minLon + (c0 + ring + 1) * CELL_DEG - qLon;
        return Math.max(0, Math.min(Math.min(south, north) * kLat, Math.min(west, east) * kLon));
    }

    private static int insert(int i, double d, int found, int k, int[] pts, double[] ds) {
        if (found == k && d >= ds[k - 1]) {
            return found;
        }
        int pos = found == k ? k - 1 : found;
        while (pos > 0 && ds[pos - 1] > d) {
            pts[pos] = pts[pos - 1];
            ds[pos] = ds[pos - 1];
            pos--;
        }
        pts[pos] = i;
        ds[pos] = d;
        return found == k ? k : found + 1;
    }

    private int row(double la) {
        return (int) Math.floor((la - minLat) / CELL_DEG);
    }

    private int col(double lo) {
        return (int) Math.floor((lo - minLon) / CELL_DEG);
    }
}
