package kz.shekara.server.adapter.cot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import kz.shekara.model.Marking;
import kz.shekara.model.UnitPosition;

/**
 * The latest position of every device and unit, as encoded CoT, so that a client that connects
 * gets the current picture at once (TAK Server's "latest SA"). A device's position is visible to
 * clients sharing one of the routing groups it was sent in; a unit from the server's own bus to
 * clients it is releasable to. Each entry expires at its receive time on the server's clock plus
 * the event's own lifetime (stale − time), so a device clock that is off neither keeps a position
 * forever nor drops it at once. Thread-safe.
 */
final class LatestSa {
    /**
     * One uid's latest position: from a client ({@code groups}, no marking) or the bus ({@code marking}
     * and the {@code unit} position it encodes, no groups).
     */
    record Entry(String uid, byte[] bytes, Set<String> groups, Marking marking, UnitPosition unit, Instant expires) {
    }

    private final Map<String, Entry> byUid = new ConcurrentHashMap<>();

    /** A device's own position, sent in {@code groups}. */
    void fromClient(String uid, byte[] bytes, Set<String> groups, Instant expires) {
        byUid.put(uid, new Entry(uid, bytes, Set.copyOf(groups), null, null, expires));
    }

    /** A unit's position from the bus, under its marking, and as encoded in full. */
    void fromServer(UnitPosition unit, byte[] bytes, Instant expires) {
        byUid.put(unit.unit(), new Entry(unit.unit(), bytes, null, unit.marking(), unit, expires));
    }

    /**
     * The unexpired positions {@code c} may see at {@code now}: a device's when it shares a routing
     * group, a unit's when {@code releasable} accepts its marking. Drops the expired ones.
     */
    List<Entry> visibleTo(CotConnection c, Instant now, Predicate<Marking> releasable) {
        byUid.values().removeIf(e -> !e.expires().isAfter(now));
        List<Entry> out = new ArrayList<>();
        for (Entry e : byUid.values()) {
            boolean visible = e.groups() != null ? c.sharesGroup(e.groups()) : releasable.test(e.marking());
            if (visible && !e.uid().equals(c.uid())) {
                out.add(e);
            }
        }
        return out;
    }

    int size() {
        return byUid.size();
    }
}
