package kz.shekara.server.store;

import java.util.Objects;

/**
 * A view's serialized state after it applied every logged event up to and including {@code seq}.
 * The bytes are the view's own format. Immutable (the array is not copied: treat it as read-only).
 */
public record Snapshot(String view, long seq, byte[] state) {
    public Snapshot {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(state, "state");
    }
}
