package kz.shekara.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sector's numbering of the sensors that have given it plots: each sensor id gets the next small
 * integer the first time it is seen, so a track can mark the sensors that saw it in a bit set. The
 * numbering is part of the sector's state (see {@link TrackerState.Sector#sensors()}). Not thread-safe.
 */
final class SensorTable {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The sensor's number, given now if it has none. */
    int number(String sensor) {
        Integer n = index.get(sensor);
        if (n != null) {
            return n;
        }
        index.put(sensor, names.size());
        names.add(sensor);
        return names.size() - 1;
    }

    /** The sensor's number, or -1 when it has none. */
    int find(String sensor) {
        Integer n = index.get(sensor);
        return n == null ? -1 : n;
    }

    /** The sensors in number order. */
    List<String> names() {
        return List.copyOf(names);
    }

    /** Replaces the numbering with {@code sensors} in number order. */
    void reset(List<String> sensors) {
        index.clear();
        names.clear();
        sensors.forEach(this::number);
    }
}
