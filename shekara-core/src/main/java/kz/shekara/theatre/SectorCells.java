package kz.shekara.theatre;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;

/**
 * A memo of point queries whose answer is often the same for a whole cell of a grid of
 * {@value #CELLS_PER_DEGREE}ths of a degree: the first query in a cell asks {@code decide} once
 * for the cell's envelope, which gives the answer for every point of the closed cell or null when
 * the cell is mixed; later queries in the cell take the answer from a hash map. Queries on mixed
 * cells (along a polygon's edge) and beyond {@link #MAX_CELLS} remembered cells return null, and the
 * caller answers them point by point. Thread-safe: cells are decided under a lock, read without one.
 */
final class SectorCells<T> {
    /** Cells per degree of latitude and of longitude (about 1.7 km north to south). */
    static final int CELLS_PER_DEGREE = 64;
    /** Remembered cells at most (about 20 bytes of answer per cell besides the map's entry). */
    static final int MAX_CELLS = 1 << 20;

    /** One cell's answer; {@code value} null means "none" for every point of the cell. */
    record Answer<T>(T value) {
    }

    private static final Answer<?> MIXED = new Answer<>(null);

    private final ConcurrentHashMap<Long, Answer<T>> answers = new ConcurrentHashMap<>();
    private final Function<Envelope, Answer<T>> decide;

    SectorCells(Function<Envelope, Answer<T>> decide) {
        this.decide = decide;
    }

    /** The cell's answer for the point, or null when the point must be decided on its own. */
    @SuppressWarnings("unchecked")
    Answer<T> answer(double lat, double lon) {
        if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
            return null;
        }
        long row = (long) Math.floor(lat * CELLS_PER_DEGREE);
        long col = (long) Math.floor(lon * CELLS_PER_DEGREE);
        double south = (double) row / CELLS_PER_DEGREE;
        double west = (double) col / CELLS_PER_DEGREE;
        double north = (double) (row + 1) / CELLS_PER_DEGREE;
        double east = (double) (col + 1) / CELLS_PER_DEGREE;
        // Rounding of lat * 64 must not file a point under a cell it lies outside.
        if (lat < south || lat > north || lon < west || lon > east) {
            return null;
        }
        Long key = (row + 90L * CELLS_PER_DEGREE) * (360L * CELLS_PER_DEGREE + 1) + col + 180L * CELLS_PER_DEGREE;
        Answer<T> a = answers.get(key);
        if (a == null) {
            a = decideOnce(key, new Envelope(west, east, south, north));
        }
        return a == MIXED ? null : a;
    }

    @SuppressWarnings("unchecked")
    private synchronized Answer<T> decideOnce(Long key, Envelope cell) {
        Answer<T> a = answers.get(key);
        if (a != null) {
            return a;
        }
        a = decide.apply(cell);
        if (a == null) {
            a = (Answer<T>) MIXED;
        }
        if (answers.size() < MAX_CELLS) {
            answers.put(key, a);
        }
        return a;
    }
}
