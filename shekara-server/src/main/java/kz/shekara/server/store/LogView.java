package kz.shekara.server.store;

/**
 * A read model built only from the event log (unit states, tracks, alerts, incidents), so it can be
 * rebuilt at start-up by replaying the log and restored faster from a snapshot of itself. Applying
 * the same events in the same order must give the same state, and {@code restore(snapshot())} must
 * give back the state the snapshot was taken of.
 *
 * <p>Threading: {@link #apply}, {@link #snapshot} and {@link #restore} are called from one thread
 * at a time (the replayer at start, then the log writer); the view's own read methods may be called
 * from any thread and must be safe against that writer.
 */
public interface LogView {

    /** A stable name, the key of its snapshots: change it when the snapshot format changes. */
    String name();

    /** Applies one logged event; events of types the view ignores are passed too. */
    void apply(StoredEvent event);

    /** The whole state, serialized. */
    byte[] snapshot();

    /**
     * The snapshot to save when the views have applied every event up to {@code position}: by default
     * {@link #snapshot()} at that seq. A view whose state is kept by a live consumer at its own seq
     * (the tracker) returns that state at that seq instead, or null when it has none to save.
     */
    default Snapshot snapshotAt(long position) {
        return new Snapshot(name(), position, snapshot());
    }

    /** Replaces the whole state with one serialized by {@link #snapshot}. */
    void restore(byte[] state);
}
