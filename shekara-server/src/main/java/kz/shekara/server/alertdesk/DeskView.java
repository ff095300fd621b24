package kz.shekara.server.alertdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.rules.PostureChange;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.LogView;
import kz.shekara.server.store.StoredEvent;

/**
 * What the alert desk produced, as the log holds it: every alert, alert change, incident event and
 * posture change in seq order. Folding these into a fresh desk ({@link RulesService#replay}) gives
 * back the alert book (alerts with their lifecycle), the incident book (timelines and tracks), the
 * postures and the effectiveness statistics. These events are few (kept forever, unlike
 * detections), so the snapshot is simply their list (type tag and JSON of each), and a restart reads
 * only the log after it. Applying runs on one thread; {@link #events()} is safe from others.
 */
public final class DeskView implements LogView {
    private final EventCodec codec = EventCodec.standard();
    private final List<DomainEvent> events = new ArrayList<>();

    record Saved(String type, String json) {
    }

    @Override
    public String name() {
        return "desk-v1";
    }

    /** Whether an event is one the desk produces. */
    public static boolean isDeskOutput(DomainEvent e) {
        return e instanceof Alert || e instanceof AlertChange || e instanceof IncidentEvent || e instanceof PostureChange;
    }

    @Override
    public synchronized void apply(StoredEvent event) {
        if (isDeskOutput(event.event())) {
            events.add(event.event());
        }
    }

    /** The desk's logged outputs so far, in seq order (a copy). */
    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized byte[] snapshot() {
        List<Saved> saved = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            saved.add(new Saved(codec.typeOf(e).tag(), codec.encode(e)));
        }
        try {
            return codec.mapper().writeValueAsBytes(saved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void restore(byte[] state) {
        try {
            Saved[] saved = codec.mapper().readValue(state, Saved[].class);
            events.clear();
            for (Saved s : saved) {
                events.add(codec.decode(s.type(), s.json()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable desk snapshot", e);
        }
    }
}
