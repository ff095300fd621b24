package kz.shekara.bench.kafka;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.model.Alert;
import kz.shekara.model.Detection;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;

/**
 * Detection → alert latency on a cluster, as {@code AlertLatencyBench} measures it in one process: alarm
 * detections (fence, ground sensor, radiation portal; each probe its own sensor id {@code kprobe-<n>} at a
 * real alarm sensor's place, so no re-arm holds one back) published on {@link Topic#OBSERVATIONS} at a
 * steady rate, each timed from its publish call to its alert arriving on {@link Topic#ALERTS}. Both ends
 * are in this JVM (one clock); the path between is broker → rules node → broker.
 */
final class AlarmProbes {
    private static final String PROBE = "kprobe-";

    private final Theatre theatre;
    private final Bus bus;
    private final double rate;
    private final AtomicLongArray sent;
    private final AtomicLongArray received;

    AlarmProbes(Theatre theatre, Bus bus, double rate, double seconds) {
        this.theatre = theatre;
        this.bus = bus;
        this.rate = rate;
        int n = (int) Math.ceil(rate * seconds) + 1;
        this.sent = new AtomicLongArray(n);
        this.received = new AtomicLongArray(n);
    }

    /** Subscribes to the alerts topic under {@code group} (a group of its own: it reads the topic from its start). */
    Bus.Subscription listen(String group) {
        return bus.subscribe(Topic.ALERTS, group, this::onAlert);
    }

    /** Publishes probes from {@code startNanos} until {@code endNanos}, event time {@code epoch} + elapsed; blocks. */
    void publish(Instant epoch, long startNanos, long endNanos) {
        List<Sensor> alarms = theatre.sensors().stream().filter(s -> s.kind().isAlarm()).toList();
        if (alarms.isEmpty()) {
            throw new IllegalStateException("the theatre has no fence, ground or radiation sensor to probe");
        }
        for (int n = 0; n < sent.length(); n++) {
            long at = startNanos + (long) (n * 1e9 / rate);
            long now;
            while ((now = System.nanoTime()) < at) {
                LockSupport.parkNanos(at - now);
            }
            if (now >= endNanos) {
                return;
            }
            Sensor s = alarms.get(n % alarms.size());
            Detection d = new Detection(epoch.plusNanos(now - startNanos), PROBE + n, s.kind(), s.lat(), s.lon(),
                    s.sigmaM(), theatre.defaultMarking());
            sent.set(n, System.nanoTime());
            bus.publish(Topic.OBSERVATIONS, s.sector(), d);
        }
    }

    /** Waits up to {@code graceMillis} for every probe sent to have its alert. */
    void awaitAnswers(long graceMillis) {
        long until = System.nanoTime() + graceMillis * 1_000_000L;
        while (answered() < issued() && System.nanoTime() < until) {
            LockSupport.parkNanos(20_000_000L);
        }
    }

    private void onAlert(Alert a) {
        long now = System.nanoTime();
        if (a.sensor() != null && a.sensor().startsWith(PROBE)) {
            int n = Integer.parseInt(a.sensor().substring(PROBE.length()));
            if (n < received.length()) {
                received.compareAndSet(n, 0, now);
            }
        }
    }

    int issued() {
        int n = 0;
        while (n < sent.length() && sent.get(n) != 0) {
            n++;
        }
        return n;
    }

    int answered() {
        int n = 0;
        for (int i = 0; i < received.length(); i++) {
            n += received.get(i) != 0 ? 1 : 0;
        }
        return n;
    }

    /** Latencies (ms, sorted) of the probes from {@code first} on that were answered. */
    double[] latenciesMs(int first) {
        int last = issued();
        return java.util.stream.IntStream.range(Math.min(first, last), last).filter(i -> received.get(i) != 0)
                .mapToDouble(i -> (received.get(i) - sent.get(i)) / 1e6).sorted().toArray();
    }

    /** The {@code q} quantile of sorted values (nearest rank); NaN when there are none. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    static String describe(double[] sorted) {
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99), sorted[sorted.length - 1],
                sorted.length);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
