package kz.shekara.server.store;

import java.util.Objects;

/**
 * The store's health as last observed: UP when the last write or probe succeeded, DOWN with the
 * reason (lost connection, disk full, ...) when it failed; {@code failures} counts failed writes
 * since start. Immutable.
 */
public record StoreHealth(Status status, String store, String detail, long failures) {
    /** UP: writes succeed; DOWN: writes fail and nothing is acknowledged. */
    public enum Status { UP, DOWN }

    public StoreHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean up() {
        return status == Status.UP;
    }
}
