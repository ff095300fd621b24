package kz.shekara.server;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * When a tracker worker may take a detection of one of its partitions: only once every partition that
 * may hand it tracks has said, by a progress mark, that it will send none the destination's tracker would
 * need before that detection. A mark of partition {@code s} at time {@code F} says that every later
 * hand-over of {@code s} leaves at a scan time no earlier than {@code F} less the reorder window; a
 * detection of time {@code t} lets the destination run scans up to {@code t} less the reorder window, and
 * a hand-over is adopted before the first scan past its time plus the hand-over lag {@code L}; so the
 * destination may take {@code t} once every source's mark is at least {@code t - L}. Held so, a
 * destination's tracker has every hand-over it needs before each scan, and its output is the same whatever
 * the workers' speeds (see docs/kafka.md, "Cross-sector hand-over").
 *
 * <p>Waited for: the sources that sent marks to the partition (only neighbours send them, and a partition
 * with no detection sends none and has no track to hand over), whichever worker holds them, this one
 * included (its own partitions' marks come back through the topic, behind the hand-overs sent before
 * them); and the hand-over partition itself being held here. A source whose mark has not moved for the
 * patience while a detection waits for it (its worker lost, or its input over or quiet with no producer's
 * watermark to carry its mark on: see {@code SectorTrackers#reached}) is not waited for until its mark moves again; each such give-up is counted, and the destination may then adopt a hand-over late
 * (counted by the tracker). {@link #admit} asks without blocking (a held partition waits while the worker's
 * others go on); {@link #await} blocks. Thread-safe.
 */
final class HandoverGate {
    private final Duration lag;
    private final long patienceNanos;
    private final LongSupplier nanoTime;
    /** Per destination partition, per source partition, the latest mark. */
    private final Map<Integer, Map<Integer, Instant>> marks = new HashMap<>();
    /** Per destination partition, per source partition, when (nanoTime) its mark last moved. */
    private final Map<Integer, Map<Integer, Long>> moved = new HashMap<>();
    private final Map<Integer, Set<Integer>> stale = new HashMap<>();
    /** Per destination partition held back, since when (nanoTime). */
    private final Map<Integer, Long> holding = new HashMap<>();
    private final Set<Integer> ready = new HashSet<>();
    private final Set<Integer> notReadyGivenUp = new HashSet<>();
    private long givenUp;
    private long changes;

    /**
     * @param lag the hand-over lag {@code L}
     * @param patience how long a source's mark may stand still while a detection waits for it before it is no
     *                 longer waited for
     */
    HandoverGate(Duration lag, Duration patience) {
        this(lag, patience, System::nanoTime);
    }

    /** As above, the patience read from {@code nanoTime} (a wall clock in nanoseconds, as {@link System#nanoTime}). */
    HandoverGate(Duration lag, Duration patience, LongSupplier nanoTime) {
        this.lag = lag;
        this.patienceNanos = patience.toNanos();
        this.nanoTime = nanoTime;
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
            holding.remove(p);
        }
        changed();
    }

    /** A progress mark of {@code source} read on hand-over partition {@code p}. */
    synchronized void mark(int p, int source, Instant time) {
        Instant was = marks.computeIfAbsent(p, k -> new HashMap<>()).get(source);
        if (was == null || time.isAfter(was)) {
            marks.get(p).put(source, time);
            moved.computeIfAbsent(p, k -> new HashMap<>()).put(source, nanoTime.getAsLong());
            Set<Integer> silent = stale.get(p);
            if (silent != null) {
                silent.remove(source);
            }
            changed();
        }
    }

    /** Whether a detection of time {@code t} of partition {@code p} may be taken now (a question only). */
    synchronized boolean open(int p, Instant t) {
        return blocking(p, t).isEmpty() && (ready.contains(p) || notReadyGivenUp.contains(p));
    }

    /**
     * The latest detection time partition {@code p} may take now: the earliest of its sources' marks plus the
     * lag ({@link Instant#MAX} when none holds it back); null while its hand-over partition is not held. A
     * question only.
     */
    synchronized Instant frontier(int p) {
        if (!ready.contains(p) && !notReadyGivenUp.contains(p)) {
            return null;
        }
        Instant out = Instant.MAX;
        Set<Integer> silent = stale.getOrDefault(p, Set.of());
        for (Map.Entry<Integer, Instant> e : marks.getOrDefault(p, Map.of()).entrySet()) {
            Instant until = e.getValue().plus(lag);
            if (e.getKey() != p && !silent.contains(e.getKey()) && until.isBefore(out)) {
                out = until;
            }
        }
        return out;
    }

    /**
     * Whether a detection of time {@code t} of partition {@code p} may be taken now; when not, the partition is
     * held from now (if it was not already), and the sources it has waited for, with marks standing still, for
     * the patience are no longer waited for (counted), as is the hand-over partition not held for as long.
     */
    synchronized boolean admit(int p, Instant t) {
        long now = nanoTime.getAsLong();
        while (true) {
            Set<Integer> blocking = blocking(p, t);
            boolean readyOrGivenUp = ready.contains(p) || notReadyGivenUp.contains(p);
            if (blocking.isEmpty() && readyOrGivenUp) {
                holding.remove(p);
                return true;
            }
            long since = holding.computeIfAbsent(p, k -> now);
            if (!readyOrGivenUp && now - since > patienceNanos) {
                notReadyGivenUp.add(p);
                givenUp++;
                continue;
            }
            boolean gaveUp = false;
            for (int s : blocking) {
                if (now - Math.max(since, moved.get(p).get(s)) > patienceNanos) {
                    stale.computeIfAbsent(p, k -> new HashSet<>()).add(s);
                    givenUp++;
                    gaveUp = true;
                }
            }
            if (!gaveUp) {
                return false;
            }
        }
    }

    /**
     * Waits until a detection of time {@code t} of partition {@code p} may be taken, or until the sources
     * it waits for have stood still for the patience (then stops waiting for them, counted).
     */
    synchronized void await(int p, Instant t) throws InterruptedException {
        while (!admit(p, t)) {
            wait(50);
        }
    }

    /** A count that moves whenever a mark moves or a hand-over partition comes or goes (see {@link #awaitChange}). */
    synchronized long changes() {
        return changes;
    }

    /** Waits at most {@code max} while {@link #changes()} is still {@code seen}. */
    synchronized void awaitChange(long seen, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        long left;
        while (changes == seen && (left = end - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Times a wait was given up (a source or the hand-over partition silent for the patience). */
    synchronized long givenUp() {
        return givenUp;
    }

    private void changed() {
        changes++;
        notifyAll();
    }

    /** The sources whose marks hold back a detection of time {@code t} of partition {@code p}. */
    private Set<Integer> blocking(int p, Instant t) {
        Map<Integer, Instant> known = marks.get(p);
        if (known == null) {
            return Set.of();
        }
        Set<Integer> out = null;
        Instant needed = t.minus(lag);
        Set<Integer> silent = stale.getOrDefault(p, Set.of());
        for (Map.Entry<Integer, Instant> e : known.entrySet()) {
            int s = e.getKey();
            if (s != p && !silent.contains(s) && e.getValue().isBefore(needed)) {
                if (out == null) {
                    out = new HashSet<>();
                }
                out.add(s);
            }
        }
        return out == null ? Set.of() : out;
    }
}
