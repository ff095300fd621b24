package kz.shekara.server.adapter.cot;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue of encoded events waiting to be written to one client. While there is room every
 * event is queued, positions included: a client whose writer is a few milliseconds behind (the
 * scheduler, a TLS record being written) is not slow and loses nothing. Once the queue is full, an
 * event with a supersede key (an object's uid, for position updates) replaces the newest queued event
 * with the same key in place, so a slow client's backlog stops growing and still ends with the newest
 * position of each object; when nothing can be superseded, {@link #offer} refuses and the caller
 * disconnects the client. Thread-safe: many producers, one consumer.
 *
 * <p>An event is offered once per recipient, so an offer is kept to a slot and a signal: the index of
 * queued events by supersede key is built only when the queue fills (from what is queued then) and
 * dropped when the writer drains it, so a client that keeps up never pays for it.
 */
final class ClientQueue {
    /** Outcome of {@link #offer}. */
    enum Offer { QUEUED, SUPERSEDED, FULL, CLOSED }

    private static final class Slot {
        byte[] bytes;
        final String key;

        Slot(byte[] bytes, String key) {
            this.bytes = bytes;
            this.key = key;
        }
    }

    private final int capacity;
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    /** The newest queued slot of each supersede key while the queue is full or was since its last drain; else null. */
    private Map<String, Slot> byKey;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;

    ClientQueue(int capacity) {
        this.capacity = capacity;
    }

    Offer offer(byte[] bytes, String supersedeKey) {
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queue.size() >= capacity) {
                Slot queued = supersedeKey == null ? null : index().get(supersedeKey);
                if (queued == null) {
                    return Offer.FULL;
                }
                queued.bytes = bytes;
                return Offer.SUPERSEDED;
            }
            Slot s = new Slot(bytes, supersedeKey);
            queue.addLast(s);
            if (supersedeKey != null && byKey != null) {
                byKey.put(supersedeKey, s);
            }
            notEmpty.signal();
            return Offer.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for at least one event and moves all queued events into {@code out}; false once closed and empty. */
    boolean drainTo(List<byte[]> out) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                notEmpty.await();
            }
            if (queue.isEmpty()) {
                return false;
            }
            moveAll(out);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Moves whatever is queued now into {@code out}, without waiting. */
    void drainQueued(List<byte[]> out) {
        lock.lock();
        try {
            moveAll(out);
        } finally {
            lock.unlock();
        }
    }

    /** The index by supersede key, built from what is queued now if there is none. */
    private Map<String, Slot> index() {
        if (byKey == null) {
            byKey = new HashMap<>();
            for (Slot s : queue) { // oldest first: the newest slot of each key stays
                if (s.key != null) {
                    byKey.put(s.key, s);
                }
            }
        }
        return byKey;
    }

    private void moveAll(List<byte[]> out) {
        Slot s;
        while ((s = queue.pollFirst()) != null) {
            out.add(s.bytes);
        }
        byKey = null; // nothing queued: nothing to supersede until the queue fills again
    }

    int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further events; the consumer gets what is queued, then false. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
