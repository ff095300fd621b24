package kz.shekara.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntToLongFunction;

/**
 * Per-probe times of each stage of an alarm's path in an {@link AlertLatencyBench} run, by probe
 * number: the rules take the alarm ({@link StagedBus}), raise its alert, the alarm and the alert are
 * appended ({@link CommitCountingLog}: in which commit each), the alert reaches the bench's
 * subscriber. Also counts the commits a probe passes in series: those started or in progress after its
 * publish, up to and including the one that stores its alert. Nanosecond stamps from
 * {@link System#nanoTime()}; 0 where a stage was not seen. Thread-safe.
 */
final class ProbeStages {
    static final String PROBE = "probe-";

    final AtomicLongArray rulesIn;
    final AtomicLongArray raised;
    final AtomicLongArray alertStored;
    /** Commits finished when the probe was published. */
    final AtomicLongArray commitsBefore;
    /** 1 + the index of the commit storing the alarm / the alert (0: not seen). */
    final AtomicLongArray alarmCommit;
    final AtomicLongArray alertCommit;
    /** When the commit storing the alarm began (its append was called). */
    final AtomicLongArray alarmCommitBegan;
    /** The commit that stored the alert: events, track updates among them, its duration ({@link #commitShape}). */
    final AtomicLongArray alertCommitShape;
    final AtomicLong commitsFinished = new AtomicLong();

    ProbeStages(int probes) {
        rulesIn = new AtomicLongArray(probes);
        raised = new AtomicLongArray(probes);
        alertStored = new AtomicLongArray(probes);
        commitsBefore = new AtomicLongArray(probes);
        alarmCommit = new AtomicLongArray(probes);
        alertCommit = new AtomicLongArray(probes);
        alarmCommitBegan = new AtomicLongArray(probes);
        alertCommitShape = new AtomicLongArray(probes);
    }

    /** A commit's events (up to 2^20), track updates among them (up to 2^20) and duration in µs, packed in a long. */
    static long commitShape(long events, long tracks, long nanos) {
        return Math.min(events, 0xFFFFF) << 44 | Math.min(tracks, 0xFFFFF) << 24 | Math.min(nanos / 1000, 0xFFFFFF);
    }

    /**
     * The slowest probes from {@code first} to {@code last}: each stage in ms, and the commit that stored the
     * alert (events, track updates among them, its duration).
     */
    String worst(int first, int last, AtomicLongArray sent, AtomicLongArray received, int count) {
        List<Integer> order = new ArrayList<>();
        for (int n = first; n < last; n++) {
            if (received.get(n) != 0) {
                order.add(n);
            }
        }
        order.sort((a, b) -> Long.compare(received.get(b) - sent.get(b), received.get(a) - sent.get(a)));
        StringBuilder sb = new StringBuilder("  slowest probes: total = to rules + evaluate + to stored + to delivered ms;"
                + " alert's commit: events / tracks / ms\n");
        for (int n : order.subList(0, Math.min(count, order.size()))) {
            long shape = alertCommitShape.get(n);
            sb.append(String.format(Locale.ROOT, "    probe %d at t=%.1f s: %.1f = %s + %s + %s + %s; %s%n", n,
                    (sent.get(n) - sent.get(first)) / 1e9, (received.get(n) - sent.get(n)) / 1e6, ms(span(sent, rulesIn, n)),
                    ms(span(rulesIn, raised, n)), ms(span(raised, alertStored, n)), ms(span(alertStored, received, n)),
                    shape == 0 ? "no commit seen" : String.format(Locale.ROOT, "%d / %d / %.1f", shape >>> 44,
                            shape >>> 24 & 0xFFFFF, (shape & 0xFFFFFF) / 1e3)));
        }
        return sb.toString();
    }

    /** The probe number of a sensor id, or -1 for any other sensor. */
    static int probe(String sensor) {
        if (sensor == null || !sensor.startsWith(PROBE)) {
            return -1;
        }
        return Integer.parseInt(sensor, PROBE.length(), sensor.length(), 10);
    }

    static void stamp(AtomicLongArray a, int n, long value) {
        if (n >= 0 && n < a.length()) {
            a.compareAndSet(n, 0, value);
        }
    }

    /**
     * The report lines for probes {@code first} (inclusive) to {@code last} (exclusive): per stage
     * percentiles, then how many commits the probes passed in series and how often the alarm and its
     * alert shared a commit.
     */
    String report(int first, int last, AtomicLongArray sent, AtomicLongArray returned, AtomicLongArray received) {
        StringBuilder sb = new StringBuilder("  stages of the probe path (ms):\n");
        line(sb, "publish -> rules take the alarm", first, last, n -> span(sent, rulesIn, n));
        line(sb, "rules take it -> alert raised", first, last, n -> span(rulesIn, raised, n));
        line(sb, "alert raised -> alert stored", first, last, n -> span(raised, alertStored, n));
        line(sb, "alert stored -> delivered", first, last, n -> span(alertStored, received, n));
        line(sb, "publish -> alarm durable", first, last, n -> span(sent, returned, n));
        int[] inSeries = new int[5];
        int shared = 0;
        int seen = 0;
        int raisedInTime = 0;
        int missed = 0;
        for (int n = first; n < last; n++) {
            if (alertCommit.get(n) == 0 || alarmCommit.get(n) == 0) {
                continue;
            }
            seen++;
            shared += alarmCommit.get(n) == alertCommit.get(n) ? 1 : 0;
            inSeries[(int) Math.min(4, alertCommit.get(n) - commitsBefore.get(n))]++;
            if (raised.get(n) != 0 && raised.get(n) < alarmCommitBegan.get(n)) {
                raisedInTime++;
                missed += alarmCommit.get(n) != alertCommit.get(n) ? 1 : 0;
            }
        }
        sb.append(String.format(Locale.ROOT, "  commits in series per probe (of %d): 1: %d, 2: %d, 3: %d, 4+: %d;"
                + " alarm and alert in one commit: %d (%.1f%%)%n", seen, inSeries[1], inSeries[2], inSeries[3],
                inSeries[4], shared, seen == 0 ? 0 : 100.0 * shared / seen));
        sb.append(String.format(Locale.ROOT, "  alerts raised before their alarm's commit began: %d, of which stored in a later"
                + " commit: %d%n", raisedInTime, missed));
        return sb.toString();
    }

    /** Nanos as ms with one decimal, or "-" for a stage not seen. */
    private static String ms(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static long span(AtomicLongArray from, AtomicLongArray to, int n) {
        return from.get(n) == 0 || to.get(n) == 0 ? -1 : to.get(n) - from.get(n);
    }

    private static void line(StringBuilder sb, String stage, int first, int last, IntToLongFunction span) {
        List<Long> v = new ArrayList<>();
        for (int n = first; n < last; n++) {
            long s = span.applyAsLong(n);
            if (s >= 0) {
                v.add(s);
            }
        }
        sb.append(String.format(Locale.ROOT, "    %-34s %s%n", stage, percentiles(v)));
    }

    static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no samples";
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)",
                at(v, 0.5), at(v, 0.9), at(v, 0.99), v[v.length - 1] / 1e6, v.length);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
