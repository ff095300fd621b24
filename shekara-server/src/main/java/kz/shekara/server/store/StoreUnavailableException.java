package kz.shekara.server.store;

/**
 * The store could not durably record (or read) events: the database is unreachable, the disk is
 * full, or a write failed. Whoever appended must not acknowledge the events to their sender; the
 * store recovers by itself when the database returns.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
