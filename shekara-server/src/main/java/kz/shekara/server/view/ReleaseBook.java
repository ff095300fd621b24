package kz.shekara.server.view;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Release;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;

/**
 * Every release made so far (what was released to whom, when, by whom, why), rebuilt from the log:
 * the {@link Viewer.Releases} every exit consults, so that a released object's later updates reach
 * the agency it was released to. A release is never withdrawn. Reads are thread-safe and O(1);
 * applying is done by one thread at a time (the log writer, or a bus subscriber where there is no log).
 */
public final class ReleaseBook implements LogView, Viewer.Releases {
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "release";
    private final ConcurrentHashMap<Release.Subject, Set<String>> agencies = new ConcurrentHashMap<>();
    private final List<Release> all = new ArrayList<>();

    @Override
    public String name() {
        return "releases-v1";
    }

    @Override
    public void apply(StoredEvent event) {
        accept(event.event());
    }

    /** Takes a release; other events are ignored. */
    public void accept(DomainEvent event) {
        if (event instanceof Release r) {
            synchronized (all) {
                all.add(r);
            }
            agencies.computeIfAbsent(r.subject(), s -> ConcurrentHashMap.newKeySet()).add(r.agency());
        }
    }

    /** Forgets every release (a replay session seeking back folds them again from the log). */
    public void clear() {
        synchronized (all) {
            all.clear();
        }
        agencies.clear();
    }

    @Override
    public boolean released(Release.Subject subject, String agency) {
        Set<String> to = agencies.get(subject);
        return to != null && to.contains(agency);
    }

    /** Every release, in the order made (a copy). */
    public List<Release> releases() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    @Override
    public byte[] snapshot() {
        try {
            return JSON.writeValueAsBytes(releases().stream().map(EventCodec.standard()::encode).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restore(byte[] state) {
        try {
            List<String> list = JSON.readValue(state, LIST);
            synchronized (all) {
                all.clear();
            }
            agencies.clear();
            list.forEach(s -> accept(EventCodec.standard().decode(TAG, s)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable release snapshot", e);
        }
    }
}
