package kz.shekara.server.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one group commit: the front lane's are stored first, then the bulk lane's. Only the
 * {@link GroupCommitter}'s writer thread touches it.
 */
final class CommitBatch {
    /** Most bulk events in a commit: bounds how long a front request waits for the commit in progress. */
    static final int BULK_PER_COMMIT = 256;

    private final List<CommitRequest> front = new ArrayList<>();
    private final List<CommitRequest> bulk = new ArrayList<>();
    private int size;
    private int bulkSize;
    private boolean unanswered; // an urgent request with no asynchronous front request after it

    /**
     * Adds a request. An urgent one leaves the batch {@linkplain #awaitsAnswer awaiting its answer} until
     * an asynchronous front request follows it (the rules publish their alerts so); a synchronous one
     * (the tracker's track updates, an operator's command) is no answer to an alarm and ends no wait.
     */
    void add(CommitRequest r) {
        (r.bulk() ? bulk : front).add(r);
        size += r.entries().size();
        if (r.bulk()) {
            bulkSize += r.entries().size();
        } else if (r.urgent()) {
            unanswered = true;
        } else if (r.async()) {
            unanswered = false;
        }
    }

    /**
     * Moves queued requests into the batch, front lane first, taking at most {@code most} requests and
     * {@code maxBatch} events (a first request larger than that alone); bulk ones only while the front
     * lane is empty and up to {@link #BULK_PER_COMMIT} bulk events. The caller holds the lanes' lock.
     */
    int fill(ArrayDeque<CommitRequest> frontLane, ArrayDeque<CommitRequest> bulkLane, int most, int maxBatch) {
        int taken = 0;
        while (taken < most && !frontLane.isEmpty() && (isEmpty() || fits(frontLane.peekFirst(), maxBatch))) {
            add(frontLane.pollFirst());
            taken++;
        }
        while (taken < most && frontLane.isEmpty() && !bulkLane.isEmpty()
                && (isEmpty() || fits(bulkLane.peekFirst(), maxBatch)
                    && bulkSize + bulkLane.peekFirst().entries().size() <= BULK_PER_COMMIT)) {
            add(bulkLane.pollFirst());
            taken++;
        }
        return taken;
    }

    private boolean fits(CommitRequest r, int max) {
        return size + r.entries().size() <= max;
    }

    /** Events in the batch. */
    int size() {
        return size;
    }

    /** Whether an urgent request has no asynchronous front request after it: the commit may wait briefly for its answer. */
    boolean awaitsAnswer() {
        return unanswered;
    }

    int requests() {
        return front.size() + bulk.size();
    }

    boolean isEmpty() {
        return front.isEmpty() && bulk.isEmpty();
    }

    /** The requests in store order. */
    List<CommitRequest> ordered() {
        List<CommitRequest> all = new ArrayList<>(front.size() + bulk.size());
        all.addAll(front);
        all.addAll(bulk);
        return all;
    }

    void clear() {
        front.clear();
        bulk.clear();
        size = 0;
        bulkSize = 0;
        unanswered = false;
    }
}
