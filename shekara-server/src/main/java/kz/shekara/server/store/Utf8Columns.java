package kz.shekara.server.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import kz.shekara.model.Marking;

/**
 * The UTF-8 bytes of the log's repeated column values (topic, partition key, type tag, a marking's
 * classification, originator and releasability), encoded once and reused for every row that has them:
 * the SQLite driver would otherwise encode each bound {@code String} to a new array, row after row.
 * Holds at most {@value #MOST} values of each kind and starts over when full. Not thread-safe: the
 * log's writer owns it.
 */
final class Utf8Columns {
    static final int MOST = 4_096;

    private final Map<String, byte[]> strings = new HashMap<>();
    private final Map<Marking, byte[]> releasable = new HashMap<>();

    /** The UTF-8 bytes of {@code s}, null for null; the array is shared, not to be modified. */
    byte[] of(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = strings.get(s);
        if (b == null) {
            if (strings.size() >= MOST) {
                strings.clear();
            }
            b = s.getBytes(StandardCharsets.UTF_8);
            strings.put(s, b);
        }
        return b;
    }

    /** The marking's releasability column (agency ids, comma-separated, sorted), UTF-8. */
    byte[] releasable(Marking m) {
        byte[] b = releasable.get(m);
        if (b == null) {
            if (releasable.size() >= MOST) {
                releasable.clear();
            }
            b = String.join(",", m.releasableTo()).getBytes(StandardCharsets.UTF_8);
            releasable.put(m, b);
        }
        return b;
    }
}
