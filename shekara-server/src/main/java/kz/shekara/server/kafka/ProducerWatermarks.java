package kz.shekara.server.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The watermark of a partition that live producers write to: each producer's watermark ({@link EventRecords#watermark}
 * with its id) promises only its own later records, so the partition's is the least over the producers known
 * there. A producer is known on a partition from its first watermark read there (an ingest node writes one on
 * every observations partition each interval, so it announces itself before its first detection). A producer
 * whose watermark trails the most advanced one of the partition by more than {@code gone} is taken as gone (its
 * node stopped or cut off) and no longer holds the others back, until it writes a watermark within that span again.
 * That is a wall-clock decision: a live watermark is its node's clock less the feeds' allowed delay, so trailing by
 * {@code gone} means its node has written none for that long of wall-clock time while another's has (the nodes'
 * clocks kept in step, as NTP keeps them); it is taken from the records alone, so a rebuild reading the same records
 * decides the same. A producer's late records after it was taken as gone may come after the partition's watermark
 * (the tracker drops a detection later than its reorder window, as it always did). The partition's watermark never
 * moves back. Not thread-safe: a subscription's thread.
 */
final class ProducerWatermarks {
    private final Duration gone;
    /** Per partition, per producer, its latest watermark. */
    private final Map<Integer, Map<String, Instant>> latest = new HashMap<>();
    /** Per partition, the watermark last handed on. */
    private final Map<Integer, Instant> reached = new HashMap<>();

    /** @param gone how far a producer's watermark may trail the partition's most advanced before it is taken as gone */
    ProducerWatermarks(Duration gone) {
        if (!Objects.requireNonNull(gone, "gone").isPositive()) {
            throw new IllegalArgumentException("the span after which a producer is taken as gone must be positive");
        }
        this.gone = gone;
    }

    /**
     * Producer {@code producer}'s watermark {@code time} read on {@code partition}: returns the partition's watermark
     * when it moved on (the least over the producers not gone), else null.
     */
    Instant take(int partition, String producer, Instant time) {
        Map<String, Instant> known = latest.computeIfAbsent(partition, k -> new HashMap<>());
        known.merge(producer, time, (a, b) -> a.isAfter(b) ? a : b);
        Instant newest = null;
        for (Instant t : known.values()) {
            newest = newest == null || t.isAfter(newest) ? t : newest;
        }
        Instant least = newest;
        for (Instant t : known.values()) {
            if (!t.plus(gone).isBefore(newest) && t.isBefore(least)) {
                least = t;
            }
        }
        Instant was = reached.get(partition);
        if (was != null && !least.isAfter(was)) {
            return null;
        }
        reached.put(partition, least);
        return least;
    }

    /** A partition taken (read again from its start) or given up: what was read of it goes. */
    void forget(int partition) {
        latest.remove(partition);
        reached.remove(partition);
    }
}
