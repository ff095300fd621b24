package kz.shekara.server;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * When a tracker worker may take a detection of one of its partitions: only once every other worker
 * that sends it hand-overs has said, by a progress mark, that it will send none the destination's
 * tracker would need before that detection. A mark of partition {@code s} at time {@code F} says that
 * every later hand-over of {@code s} leaves at a scan time no earlier than {@code F} less the reorder
 * window; a detection of time {@code t} lets the destination run scans up to {@code t} less the reorder
 * window, and a hand-over is adopted before the first scan past its time plus the hand-over lag
 * {@code L}; so the destination may take {@code t} once every source's mark is at least {@code t - L}.
 * Held so, a destination's tracker has every hand-over it needs before each scan, and its output is
 * the same whatever the workers' speeds (see docs/kafka.md, "Cross-sector hand-over").
 *
 * <p>Waited for: the sources that sent marks to the partition (a partition with no detection sends none
 * and has no track to hand over) and are held by another worker (this worker's own partitions are fed
 * by one thread: their hand-overs reach it through the topic with no wait); and the hand-over partition
 * itself being held here. A source whose mark has not moved for the patience (its worker lost, or its
 * input over) is not waited for until its mark moves again; each such give-up is counted, and the
 * destination may then adopt a hand-over late (counted by the tracker). Thread-safe.
 */
final class HandoverGate {
    private final Duration lag;
    private final long patienceNanos;
    private final IntPredicate heldHere;
    /** Per destination partition, per source partition, the latest mark. */
    private final Map<Integer, Map<Integer, Instant>> marks = new HashMap<>();
    /** Per destination partition, per source partition, when (nanoTime) its mark last moved. */
    private final Map<Integer, Map<Integer, Long>> moved = new HashMap<>();
    private final Map<Integer, Set<Integer>> stale = new HashMap<>();
    private final Set<Integer> ready = new HashSet<>();
    private final Set<Integer> notReadyGivenUp = new HashSet<>();
    private long givenUp;

    /**
     * @param lag the hand-over lag {@code L}
     * @param patience how long a source's mark may stand still before it is no longer waited for
     * @param heldHere whether a partition's observations are held by this worker
     */
    HandoverGate(Duration lag, Duration patience, IntPredicate heldHere) {
        this.lag = lag;
        this.patienceNanos = patience.toNanos();
        this.heldHere = heldHere;
    }

    /** The hand-over partition {@code p} is held here (and rebuilt), or no longer. */
    synchronized void held(int p, boolean held) {
        if (held) {
            ready.add(p);
            notReadyGivenUp.remove(p);
        } else {
            ready.remove(p);
            marks.remove(p);
            moved.remove(p);
            stale.remove(p);
        }
        notifyAll();
    }

    /** A progress mark of {@code source} read on hand-over partition {@code p}. */
    synchronized void mark(int p, int source, Instant time) {
        Instant was = marks.computeIfAbsent(p, k -> new HashMap<>()).get(source);
        if (was == null || time.isAfter(was)) {
            marks.get(p).put(source, time);
            moved.computeIfAbsent(p, k -> new HashMap<>()).put(source, System.nanoTime());
            Set<Integer> silent = stale.get(p);
            if (silent != null) {
                silent.remove(source);
            }
            notifyAll();
        }
    }

    /** Whether a detection of time {@code t} of partition {@code p} may be taken now. */
    synchronized boolean open(int p, Instant t) {
        return blocking(p, t).isEmpty() && (ready.contains(p) || notReadyGivenUp.contains(p));
    }

    /**
     * Waits until a detection of time {@code t} of partition {@code p} may be taken, or until the sources
     * it waits for have stood still for the patience (then stops waiting for them, counted).
     */
    synchronized void await(int p, Instant t) throws InterruptedException {
        long since = System.nanoTime();
        while (true) {
            Set<Integer> blocking = blocking(p, t);
            boolean readyOrGivenUp = ready.contains(p) || notReadyGivenUp.contains(p);
            if (blocking.isEmpty() && readyOrGivenUp) {
                return;
            }
            long now = System.nanoTime();
            if (!readyOrGivenUp && now - since > patienceNanos) {
                notReadyGivenUp.add(p);
                givenUp++;
                continue;
            }
            boolean gaveUp = false;
            for (int s : blocking) {
                long last = Math.max(since, moved.get(p).get(s));
                if (now - last > patienceNanos) {
                    stale.computeIfAbsent(p, k -> new HashSet<>()).add(s);
                    givenUp++;
                    gaveUp = true;
                }
            }
            if (!gaveUp) {
                wait(50);
            }
        }
    }

    /** Times a wait was given up (a source or the hand-over partition silent for the patience). */
    synchronized long givenUp() {
        return givenUp;
    }

    /** The sources whose marks hold back a detection of time {@code t} of partition {@code p}. */
    private Set<Integer> blocking(int p, Instant t) {
        Set<Integer> out = new HashSet<>();
        Map<Integer, Instant> known = marks.get(p);
        if (known == null) {
            return out;
        }
        Instant needed = t.minus(lag);
        Set<Integer> silent = stale.getOrDefault(p, Set.of());
        for (Map.Entry<Integer, Instant> e : known.entrySet()) {
            int s = e.getKey();
            if (s != p && !heldHere.test(s) && !silent.contains(s) && e.getValue().isBefore(needed)) {
                out.add(s);
            }
        }
        return out;
    }
}
