package kz.shekara.server.alertdesk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.model.DomainEvent;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;

/**
 * Each sector's latest posture change (posture, who set it, why and when), rebuilt from the log:
 * what the map shows in a sector's popup, and what the rules take back at a restart. Of two changes
 * the later in event time wins; of equal times the later applied. Reads are thread-safe; applying is
 * done by one thread at a time (the log writer, or a bus subscriber where there is no log). O(1) per event.
 */
public final class PostureView implements LogView {
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "posture-change";
    private final ConcurrentHashMap<String, PostureChange> latest = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "posture-v1";
    }

    @Override
    public void apply(StoredEvent event) {
        accept(event.event());
    }

    /** Takes a posture change; other events are ignored. */
    public void accept(DomainEvent event) {
        if (event instanceof PostureChange p) {
            latest.merge(p.sector(), p, (old, now) -> now.time().isBefore(old.time()) ? old : now);
        }
    }

    /** The latest change of every sector that has one, by sector id (a copy). */
    public SortedMap<String, PostureChange> latest() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(latest));
    }

    @Override
    public byte[] snapshot() {
        try {
            // Each change in the log's own encoding, so a snapshot reads back exactly as the log does.
            return JSON.writeValueAsBytes(latest().values().stream().map(EventCodec.standard()::encode).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        try {
            List<String> list = JSON.readValue(state, LIST);
            latest.clear();
            list.forEach(s -> accept(EventCodec.standard().decode(TAG, s)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable posture snapshot", e);
        }
    }
}
