package kz.shekara.server.theatre;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one theatre load, so that all of them are reported together. Not thread-safe. */
final class Problems {
    private final List<TheatreException.Problem> list = new ArrayList<>();

    void add(String file, int line, String message) {
        list.add(new TheatreException.Problem(file, line, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The problems sorted by file order of appearance, then line (stable for equal lines). */
    List<TheatreException.Problem> sorted(List<String> fileOrder) {
        List<TheatreException.Problem> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt((TheatreException.Problem p) -> rank(fileOrder, p.file()))
                .thenComparingInt(TheatreException.Problem::line));
        return out;
    }

    private static int rank(List<String> fileOrder, String file) {
        int i = fileOrder.indexOf(file);
        return i < 0 ? fileOrder.size() : i;
    }
}
