package kz.shekara.theatre;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import kz.shekara.geo.GridMath;
import org.locationtech.jts.geom.Envelope;

/**
 * A memo of point queries whose answer is often the same for a whole cell of a grid of
 * {@value #CELLS_PER_DEGREE}ths of a degree: the first query in a cell asks {@code decide} once
 * for the cell's envelope, which gives the answer for every point of the closed cell or null when
 * the cell is mixed; later queries in the cell take the answer from a hash table. A query on a mixed
 * cell (along a polygon's edge, or where two sectors are about as near) goes on to a grid
 * {@value #REFINE} times finer, decided the same way (about 200 m by 150 m cells, where the bounds of
 * a decision are that much tighter). Queries on mixed fine cells and beyond {@link #MAX_CELLS}
 * remembered cells of a grid return null, and the caller answers them point by point. Thread-safe:
 * cells are decided under a lock, read without one (an open-addressing table of immutable entries
 * keyed by the cell's number, no boxing per query).
 */
final class SectorCells<T> {
    /** Cells per degree of latitude and of longitude (about 1.7 km north to south). */
    static final int CELLS_PER_DEGREE = 64;
    /** Remembered cells at most (about 20 bytes of answer per cell besides the table's entry). */
    static final int MAX_CELLS = 1 << 20;
    /** How many times finer, in latitude and in longitude, the grid under a mixed cell is. */
    static final int REFINE = 8;

    /** One cell's answer; {@code value} null means "none" for every point of the cell. */
    record Answer<T>(T value) {
    }

    /** A remembered cell: its number and its answer. */
    private record Slot(long key, Answer<?> answer) {
    }

    private static final Answer<?> MIXED = new Answer<>(null);

    // Linear probing, at most half full; replaced by a table twice the size under the lock, read without one.
    private volatile AtomicReferenceArray<Slot> table = new AtomicReferenceArray<>(1 << 10);
    private int size;
    private final Function<Envelope, Answer<T>> decide;
    private final int perDegree;
    /** The finer grid asked for points of mixed cells; null for the finest grid. */
    private final SectorCells<T> finer;

    SectorCells(Function<Envelope, Answer<T>> decide) {
        this(decide, true);
    }

    /** A memo on the grid of {@value #CELLS_PER_DEGREE}ths of a degree, with the finer grid under its mixed cells or not. */
    SectorCells(Function<Envelope, Answer<T>> decide, boolean refine) {
        this(decide, CELLS_PER_DEGREE, refine);
    }

    private SectorCells(Function<Envelope, Answer<T>> decide, int perDegree, boolean refine) {
        this.decide = decide;
        this.perDegree = perDegree;
        this.finer = refine ? new SectorCells<>(decide, perDegree * REFINE, false) : null;
    }

    /** The cell's answer for the point, or null when the point must be decided on its own. */
    @SuppressWarnings("unchecked")
    Answer<T> answer(double lat, double lon) {
        if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
            return null;
        }
        long row = GridMath.floor(lat * perDegree);
        long col = GridMath.floor(lon * perDegree);
        double south = (double) row / perDegree;
        double west = (double) col / perDegree;
        double north = (double) (row + 1) / perDegree;
        double east = (double) (col + 1) / perDegree;
        // Rounding of lat * perDegree must not file a point under a cell it lies outside.
        if (lat < south || lat > north || lon < west || lon > east) {
            return null;
        }
        long key = (row + 90L * perDegree) * (360L * perDegree + 1) + col + 180L * perDegree;
        Answer<T> a = (Answer<T>) find(table, key);
        if (a == null) {
            a = decideOnce(key, new Envelope(west, east, south, north));
        }
        if (a != MIXED) {
            return a;
        }
        return finer == null ? null : finer.answer(lat, lon);
    }

    private static Answer<?> find(AtomicReferenceArray<Slot> t, long key) {
        int mask = t.length() - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Slot s = t.get(i);
            if (s == null) {
                return null;
            }
            if (s.key == key) {
                return s.answer;
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    private synchronized Answer<T> decideOnce(long key, Envelope cell) {
        Answer<T> a = (Answer<T>) find(table, key);
        if (a != null) {
            return a;
        }
        a = decide.apply(cell);
        if (a == null) {
            a = (Answer<T>) MIXED;
        }
        if (size < MAX_CELLS) {
            if (2 * (size + 1) > table.length()) {
                AtomicReferenceArray<Slot> bigger = new AtomicReferenceArray<>(table.length() * 2);
                for (int i = 0; i < table.length(); i++) {
                    Slot s = table.get(i);
                    if (s != null) {
                        put(bigger, s);
                    }
                }
                table = bigger;
            }
            put(table, new Slot(key, a));
            size++;
        }
        return a;
    }

    private static void put(AtomicReferenceArray<Slot> t, Slot s) {
        int mask = t.length() - 1;
        int i = slot(s.key, mask);
        while (t.get(i) != null) {
            i = (i + 1) & mask;
        }
        t.set(i, s);
    }
}
