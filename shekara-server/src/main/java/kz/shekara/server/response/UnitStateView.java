package kz.shekara.server.response;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;

/**
 * The latest reported position and status of every unit, rebuilt from the log: for each unit the
 * {@link UnitPosition} with the latest event time (a late, older report does not replace a newer
 * one; of equal times the later logged wins). Reads are thread-safe and see each unit's latest
 * state; applying is done by one thread (see {@link LogView}). O(1) per event.
 */
public final class UnitStateView implements LogView {
    private static final TypeReference<List<UnitPosition>> LIST = new TypeReference<>() {
    };
    private final ConcurrentHashMap<String, UnitPosition> units = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "unit-state-v1";
    }

    @Override
    public void apply(StoredEvent event) {
        if (event.event() instanceof UnitPosition p) {
            units.merge(p.unit(), p, (old, now) -> now.time().isBefore(old.time()) ? old : now);
        }
    }

    /** The latest state of one unit. */
    public Optional<UnitPosition> unit(String id) {
        return Optional.ofNullable(units.get(id));
    }

    /** Every unit's latest state, by unit id (a copy). */
    public SortedMap<String, UnitPosition> units() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(units));
    }

    @Override
    public byte[] snapshot() {
        try {
            return EventCodec.standard().mapper().writeValueAsBytes(List.copyOf(units().values()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        try {
            List<UnitPosition> list = EventCodec.standard().mapper().readValue(state, LIST);
            units.clear();
            list.forEach(p -> units.put(p.unit(), p));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable unit-state snapshot", e);
        }
    }
}
