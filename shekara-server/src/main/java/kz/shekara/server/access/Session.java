package kz.shekara.server.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A web session: its id (the cookie's value), the CSRF token its state-changing requests carry, the
 * identity it was opened for and when. Immutable; {@link Sessions} keeps when it was last used.
 */
public record Session(String id, String csrf, Identity identity, Instant created) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(created, "created");
    }

    @Override
    public String toString() {
        return "Session[" + identity.name() + ", " + created + "]";
    }
}
