package kz.shekara.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.model.Detection;

/**
 * Puts late and out-of-order detections back in event-time order and groups them into scans. The
 * watermark is the latest event time seen minus the window; a scan is released, in (time, sensor)
 * order, once the watermark has passed its time. A detection older than the watermark when it
 * arrives comes too late for the filter and is dropped and counted, never processed out of order.
 * Not thread-safe.
 */
public final class ReorderBuffer {
    private record Key(Instant time, String sensor) {
    }

    /** (time, sensor), as {@code Comparator.comparing(Key::time).thenComparing(Key::sensor)}, in one call. */
    private static final Comparator<Key> ORDER = (a, b) -> {
        int byTime = a.time.compareTo(b.time);
        return byTime != 0 ? byTime : a.sensor.compareTo(b.sensor);
    };

    private final Duration window;
    private final TreeMap<Key, List<Detection>> pending = new TreeMap<>(ORDER);
    private Instant latest;
    /** {@code latest} less the window (null with it): the time before which a detection comes too late. */
    private Instant watermark;
    private long late;
    /** The scan the last detection went to while it is pending (a sensor's scan comes in a run of lines), else null. */
    private Key lastKey;
    private List<Detection> lastScan;

    public ReorderBuffer(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("reorder window must not be negative");
        }
        this.window = window;
    }

    /** Adds a detection; returns the scans it released (possibly none), oldest first. */
    public List<Scan> add(Detection d) {
        return add(d, true);
    }

    /**
     * Adds a detection; when {@code advances} is false its time does not move the watermark (it waits
     * for a later detection that does, or the flush). Returns the scans released, oldest first.
     */
    public List<Scan> add(Detection d, boolean advances) {
        if (watermark != null && d.time().isBefore(watermark)) {
            late++;
            return List.of();
        }
        if (lastKey != null && lastKey.time.equals(d.time()) && lastKey.sensor.equals(d.sensor())) {
            lastScan.add(d);
        } else {
            lastKey = new Key(d.time(), d.sensor());
            lastScan = pending.computeIfAbsent(lastKey, k -> new ArrayList<>());
            lastScan.add(d);
        }
        if (advances && (latest == null || d.time().isAfter(latest))) {
            setLatest(d.time());
            return releaseBefore(watermark);
        }
        return List.of();
    }

    /**
     * Releases the pending scans the watermark would pass if a detection of time {@code time} came, without
     * one coming (its input is known to go on at {@code time} or later: the scans released are those the
     * detection would release, with the same detections). The latest time seen does not move.
     */
    public List<Scan> advanceTo(Instant time) {
        return releaseBefore(time.minus(window));
    }

    /**
     * The time before which every scan has been released once the input is known to go on at {@code next} or later
     * and {@link #advanceTo advanced} to it: the later of {@code next} and the latest time seen, less the window.
     */
    public Instant releasedBefore(Instant next) {
        return (latest != null && latest.isAfter(next) ? latest : next).minus(window);
    }

    /**
     * A time {@code F} such that every scan released from now on is no earlier than {@code F} less the window,
     * when the next detection added is no earlier than {@code next} (null: not known): the latest time seen or
     * {@code next}, whichever is later (an older detection is dropped), but no later than the earliest one
     * pending plus the window. Null before any detection, when nothing is known.
     */
    public Instant progress(Instant next) {
        Instant coming = next == null || latest != null && latest.isAfter(next) ? latest : next;
        if (coming == null || pending.isEmpty()) {
            return coming;
        }
        Instant fromPending = pending.firstKey().time().plus(window);
        return fromPending.isBefore(coming) ? fromPending : coming;
    }

    /** Releases every pending scan (end of input). */
    public List<Scan> flush() {
        return releaseBefore(Instant.MAX);
    }

    /** Detections dropped because they arrived after the watermark had passed them. */
    public long lateDetections() {
        return late;
    }

    /** The detections still pending, in release order. */
    public List<Detection> pending() {
        List<Detection> out = new ArrayList<>();
        pending.values().forEach(out::addAll);
        return out;
    }

    /** The latest event time seen, null before the first detection. */
    public Instant latest() {
        return latest;
    }

    /** Replaces the buffer's content with the given pending detections, latest time and late count. */
    public void restore(List<Detection> detections, Instant latestTime, long lateCount) {
        pending.clear();
        lastKey = null;
        lastScan = null;
        for (Detection d : detections) {
            pending.computeIfAbsent(new Key(d.time(), d.sensor()), k -> new ArrayList<>()).add(d);
        }
        setLatest(latestTime);
        late = lateCount;
    }

    private void setLatest(Instant time) {
        latest = time;
        watermark = time == null ? null : time.minus(window);
    }

    private List<Scan> releaseBefore(Instant watermark) {
        List<Scan> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstKey().time().isBefore(watermark)) {
            Map.Entry<Key, List<Detection>> e = pending.pollFirstEntry();
            if (lastKey != null && e.getKey().time.equals(lastKey.time) && e.getKey().sensor.equals(lastKey.sensor)) {
                lastKey = null;
                lastScan = null;
            }
            out.add(new Scan(e.getKey().time(), e.getKey().sensor(), e.getValue()));
        }
        return out;
    }
}
