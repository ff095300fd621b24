package kz.shekara.incident;

import kz.shekara.model.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.Disposition;

/**
 * The alerts and where each is in its lifecycle (raised → acknowledged → closed), folded from
 * {@link Alert} and {@link AlertChange} events; its commands check the lifecycle and return the
 * event to log and apply. Not thread-safe.
 */
public final class AlertBook {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** An alert with its lifecycle so far; the who/when fields are null until that step happens. */
    public record Entry(Alert alert, AlertState state, String acknowledgedBy, Instant acknowledgedAt, String closedBy,
                        Instant closedAt, Disposition disposition, String note) {
        public String id() {
            return alert.id();
        }
    }

    public void apply(Alert a) {
        entries.putIfAbsent(a.id(), new Entry(a, AlertState.RAISED, null, null, null, null, null, ""));
    }

    public void apply(AlertChange c) {
        Entry e = entries.get(c.alert());
        if (e == null) {
            return;
        }
        entries.put(e.id(), switch (c.state()) {
            case ACKNOWLEDGED -> new Entry(e.alert(), AlertState.ACKNOWLEDGED, c.by(), c.time(), null, null, null, c.note());
            case CLOSED -> new Entry(e.alert(), AlertState.CLOSED, e.acknowledgedBy(), e.acknowledgedAt(), c.by(),
                    c.time(), c.disposition(), c.note());
            case RAISED -> e;
        });
    }

    /**
     * The acknowledgement of a raised alert by an operator at a time.
     *
     * @throws NoSuchElementException when there is no such alert
     * @throws IllegalStateException when it is not in the raised state
     */
    public AlertChange acknowledge(String id, String by, Instant time) {
        Entry e = require(id, by);
        if (e.state() != AlertState.RAISED) {
            throw new Refusal.Conflict("alert " + id + " is " + e.state().code() + ", not raised");
        }
        AlertChange c = new AlertChange(time, id, AlertState.ACKNOWLEDGED, by, null, "", e.alert().marking());
        apply(c);
        return c;
    }

    /** The closure of an open alert by an operator with a disposition; same errors as {@link #acknowledge}. */
    public AlertChange close(String id, String by, Disposition disposition, String note, Instant time) {
        Objects.requireNonNull(disposition, "disposition");
        Entry e = require(id, by);
        if (e.state() == AlertState.CLOSED) {
            throw new Refusal.Conflict("alert " + id + " is already closed");
        }
        AlertChange c = new AlertChange(time, id, AlertState.CLOSED, by, disposition, note, e.alert().marking());
        apply(c);
        return c;
    }

    private Entry require(String id, String by) {
        if (by == null || by.isBlank()) {
            throw new Refusal.Invalid("who acts on the alert must be given");
        }
        Entry e = entries.get(id);
        if (e == null) {
            throw new Refusal.NotFound("no alert " + id);
        }
        return e;
    }

    public Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Every alert, newest first (ties by id). */
    public List<Entry> list() {
        List<Entry> l = new ArrayList<>(entries.values());
        l.sort(Comparator.comparing((Entry e) -> e.alert().time()).reversed().thenComparing(Entry::id));
        return l;
    }

    /** Drops the alerts of the sectors {@code gone} accepts (given up to another desk); returns their ids. */
    public List<String> forget(java.util.function.Predicate<String> gone) {
        List<String> ids = new ArrayList<>();
        entries.values().removeIf(e -> gone.test(e.alert().sector()) && ids.add(e.id()));
        return ids;
    }

    public int size() {
        return entries.size();
    }
}
