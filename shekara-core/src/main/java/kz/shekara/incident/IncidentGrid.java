package kz.shekara.incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open incidents bucketed by the position of their latest event in WGS84 degree cells at least twice
 * the grouping radius wide (in latitude, and in longitude at 80°), so every incident within the
 * radius of a point lies in the 3 × 3 cells around it: {@link #near} gives a superset of the
 * incidents in reach, which the caller checks exactly (geodesic distance). Where that cannot hold —
 * a point beyond 80° latitude, or a radius over {@link #MAX_RADIUS_M} — {@link #near} returns null and
 * the caller scans every incident. Not thread-safe.
 *
 * @param <T> the incident state
 */
final class IncidentGrid<T> {
    /** Above this grouping radius the grid is not used (the flat cell bounds would be too loose). */
    static final double MAX_RADIUS_M = 50_000;
    private static final double MAX_LAT = 80;
    private static final double MIN_METRES_PER_DEG_LAT = 110_000; // the meridian degree is >= 110,574 m
    private static final double METRES_PER_DEG_LON_AT_MAX_LAT = 111_000 * Math.cos(Math.toRadians(MAX_LAT));

    private final boolean enabled;
    private final double cellLat;
    private final int lonCells;
    private final double cellLon;
    private final Map<Long, Set<T>> cells = new HashMap<>();
    private final Map<T, Long> cellOf = new HashMap<>();

    IncidentGrid(double radiusM) {
        double r = Math.max(radiusM, 1);
        this.cellLat = 2 * r / MIN_METRES_PER_DEG_LAT;
        this.lonCells = (int) Math.floor(360 / (2 * r / METRES_PER_DEG_LON_AT_MAX_LAT));
        this.cellLon = 360.0 / lonCells;
        this.enabled = radiusM <= MAX_RADIUS_M && lonCells >= 3;
    }

    /** Files an incident at the position of its latest event, or removes it (position NaN or not open). */
    void put(T incident, double lat, double lon, boolean open) {
        Long before = cellOf.remove(incident);
        if (before != null) {
            Set<T> in = cells.get(before);
            in.remove(incident);
            if (in.isEmpty()) {
                cells.remove(before);
            }
        }
        if (!enabled || !open || !Double.isFinite(lat) || !Double.isFinite(lon)) {
            return;
        }
        long key = key(row(lat), column(lon));
        cells.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(incident);
        cellOf.put(incident, key);
    }

    /** The open incidents possibly within the radius of the point, or null when the caller must scan all. */
    List<T> near(double lat, double lon) {
        if (!enabled || !(Math.abs(lat) <= MAX_LAT - 2 * cellLat) || !Double.isFinite(lon)) {
            return null;
        }
        List<T> out = new ArrayList<>();
        long row = row(lat);
        long column = column(lon);
        for (long r = row - 1; r <= row + 1; r++) {
            for (long c = column - 1; c <= column + 1; c++) {
                Set<T> in = cells.get(key(r, Math.floorMod(c, lonCells)));
                if (in != null) {
                    out.addAll(in);
                }
            }
        }
        return out;
    }

    private long row(double lat) {
        return (long) Math.floor(lat / cellLat);
    }

    private long column(double lon) {
        return Math.floorMod((long) Math.floor((lon + 180) / cellLon), lonCells);
    }

    private static long key(long row, long column) {
        return row * 4_000_037L + column; // more than the columns of a 1 m radius
    }
}
