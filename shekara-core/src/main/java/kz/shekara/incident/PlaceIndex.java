package kz.shekara.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.geo.MetresPerDegree;

/**
 * Values at places (WGS84 degrees), found by a circle around a point: a hash grid of cells one
 * radius high, so a query looks at a few cells rather than every value. A query answers every value
 * within the radius (geodesic) and possibly a few beyond it, in the order of the sequence numbers
 * given when they were added; the caller measures the exact distance. A circle across the antimeridian
 * or near a pole, where the cells do not wrap, is answered with every value. Not thread-safe.
 *
 * @param <T> what is placed
 */
final class PlaceIndex<T> {
    /** One placed value; move it with {@link #move}. */
    static final class Entry<T> {
        final long seq;
        final T value;
        private long cell;

        private Entry(long seq, T value) {
            this.seq = seq;
            this.value = value;
        }
    }

    // Metres over the fewest metres per degree, and a margin: candidates are a superset of those within the radius.
    private static final double MARGIN = 1.02;
    private static final Comparator<Entry<?>> BY_SEQ = Comparator.comparingLong(e -> e.seq);

    private final double radiusM;
    private final double cellDeg;
    private final Map<Long, List<Entry<T>>> cells = new HashMap<>();
    private int size;

    /** An index for queries of {@code radiusM} metres (positive, or zero for "the same place"). */
    PlaceIndex(double radiusM) {
        this.radiusM = radiusM;
        this.cellDeg = Math.max(radiusM * MARGIN / MetresPerDegree.LAT_MIN, 1e-4);
    }

    Entry<T> add(long seq, T value, double lat, double lon) {
        Entry<T> e = new Entry<>(seq, value);
        e.cell = cellOf(lat, lon);
        cells.computeIfAbsent(e.cell, k -> new ArrayList<>(2)).add(e);
        size++;
        return e;
    }

    void move(Entry<T> e, double lat, double lon) {
        long cell = cellOf(lat, lon);
        if (cell != e.cell) {
            unlink(e);
            e.cell = cell;
            cells.computeIfAbsent(cell, k -> new ArrayList<>(2)).add(e);
        }
    }

    void remove(Entry<T> e) {
        unlink(e);
        size--;
    }

    /** Every value within the radius of (lat, lon), and maybe a few more, by sequence number. */
    List<T> near(double lat, double lon) {
        double dLat = radiusM * MARGIN / MetresPerDegree.LAT_MIN + cellDeg;
        double poleward = Math.min(89.9, Math.abs(lat) + dLat);
        double dLon = radiusM * MARGIN / (MetresPerDegree.SPHERE * Math.cos(Math.toRadians(poleward))) + cellDeg;
        long y0 = (long) Math.floor((lat - dLat) / cellDeg);
        long y1 = (long) Math.floor((lat + dLat) / cellDeg);
        long x0 = (long) Math.floor((lon - dLon) / cellDeg);
        long x1 = (long) Math.floor((lon + dLon) / cellDeg);
        List<Entry<T>> found = new ArrayList<>();
        boolean wraps = lon - dLon < -180 || lon + dLon > 180 || Math.abs(lat) + dLat >= 89.9; // the grid does not wrap
        if (wraps || (y1 - y0 + 1) * (x1 - x0 + 1) > cells.size()) {
            cells.values().forEach(found::addAll);
        } else {
            for (long y = y0; y <= y1; y++) {
                for (long x = x0; x <= x1; x++) {
                    List<Entry<T>> in = cells.get(key(y, x));
                    if (in != null) {
                        found.addAll(in);
                    }
                }
            }
        }
        found.sort(BY_SEQ);
        List<T> out = new ArrayList<>(found.size());
        found.forEach(e -> out.add(e.value));
        return out;
    }

    int size() {
        return size;
    }

    private void unlink(Entry<T> e) {
        List<Entry<T>> in = cells.get(e.cell);
        in.remove(e);
        if (in.isEmpty()) {
            cells.remove(e.cell);
        }
    }

    private long cellOf(double lat, double lon) {
        return key((long) Math.floor(lat / cellDeg), (long) Math.floor(lon / cellDeg));
    }

    private static long key(long y, long x) {
        return (y << 32) ^ (x & 0xffffffffL);
    }
}
