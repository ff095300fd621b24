package kz.shekara.server.adapter.cot;

/**
 * The time a CoT client has kept its reader waiting, which the idle and event timeouts judge it by.
 * Only time the reader spends waiting in a read counts: while it hands on what it read (and is held
 * there by back-pressure from the bus, a store that takes no writes, a slow machine), the client is
 * not idle, and the part of an event it has sent already is not being dribbled. Times are
 * {@link System#nanoTime}. Thread-safe: the reader notes, the sweeper asks.
 */
final class ClientTime {
    /** True while the reader waits in a read (the client's time); false while it handles what it read. */
    private boolean waiting;
    /** When the current wait began: the client has sent no byte since. */
    private long waitingSince;
    /** Time waited since an incomplete event began, before the current wait; -1 when none is pending. */
    private long pendingWaited = -1;

    /** The reader begins waiting for the client's next bytes. */
    synchronized void waiting(long nowNanos) {
        waiting = true;
        waitingSince = nowNanos;
    }

    /** The client's bytes arrived: the reader hands them on from now, on the server's time. */
    synchronized void arrived(long nowNanos) {
        if (waiting && pendingWaited >= 0) {
            pendingWaited += nowNanos - waitingSince;
        }
        waiting = false;
    }

    /**
     * What was read is handled: {@code framed} when it completed an event, {@code partialLeft} when part
     * of an event is held (whitespace between events is none).
     */
    synchronized void handled(boolean framed, boolean partialLeft) {
        if (!partialLeft) {
            pendingWaited = -1;
        } else if (framed || pendingWaited < 0) {
            pendingWaited = 0;
        }
    }

    /**
     * Why the client has outstayed its welcome at {@code nowNanos}: {@code event-timeout} when it has
     * kept an event incomplete for {@code eventNanos} of its time, {@code idle-timeout} when it has sent
     * no byte for {@code idleNanos} of its time; null while neither, and always while the reader is
     * not waiting for it.
     */
    synchronized String expired(long nowNanos, long idleNanos, long eventNanos) {
        if (!waiting) {
            return null;
        }
        long current = nowNanos - waitingSince;
        if (pendingWaited >= 0 && pendingWaited + current >= eventNanos) {
            return "event-timeout";
        }
        return current >= idleNanos ? "idle-timeout" : null;
    }
}
