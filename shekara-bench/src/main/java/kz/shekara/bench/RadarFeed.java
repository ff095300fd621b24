package kz.shekara.bench;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.Sensor;

/**
 * One paced feed of background radar plots for {@link AlertLatencyBench}: each of its
 * {@link RadarLoad}s scans every period (its movers seen with the radar's Pd and Gaussian sigma,
 * plus Poisson clutter over its disc), published on {@link Topic#OBSERVATIONS} keyed by the radar's
 * sector in chunks of up to {@code chunk} plots. The feed's rate is the sum of its radars' mean plot
 * rates; plot {@code i} of the feed is due at wall time {@code start + i / rate} (a schedule, not
 * bursts); a chunk is published when its first plot is due, so a feed that falls behind shows as a
 * lower achieved rate. Chunks are published {@linkplain Bus#publishAllAsync without waiting} for
 * their commit, up to {@code window} in flight (1: each chunk waits for the one before, as a feed that
 * stalls on every commit). Event time is {@code epoch} plus the scan's offset, so it follows the wall
 * clock while the feed keeps its schedule (or, {@link #stampedAtPublish}, the time the scan is sent). Runs on
 * its own thread; {@link #published()} and {@link #lagMs()} are thread-safe.
 */
final class RadarFeed implements Runnable {
    private final Bus bus;
    private final List<RadarLoad> radars;
    private final double rate;
    private final int chunk;
    private final Instant epoch;
    private final long startNanos;
    private final long endNanos;
    private final Marking marking;
    private final SplittableRandom random;
    private final AtomicLong published = new AtomicLong();
    private final int window;
    private boolean stampAtPublish;
    /** Since {@link #resetLag()}: the most a chunk was published after its scan's time (nanos past the start). */
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final AtomicLong lagSum = new AtomicLong();
    private final AtomicLong lagChunks = new AtomicLong();

    /** A radar's next scan, seconds after the epoch. */
    private record Due(double t, RadarLoad radar) {
    }

    RadarFeed(Bus bus, List<RadarLoad> radars, int chunk, Instant epoch, long startNanos, long endNanos,
              Marking marking, long seed, int window) {
        this.bus = bus;
        this.radars = List.copyOf(radars);
        this.rate = radars.stream().mapToDouble(RadarLoad::plotRate).sum();
        this.chunk = chunk;
        this.epoch = epoch;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.marking = marking;
        this.random = new SplittableRandom(seed);
        this.window = window;
    }

    /**
     * Stamps each scan with the wall time its first chunk is published (after the start, on the epoch), its
     * movers moved on by the time since that radar's last scan, instead of its scheduled time: a feed behind
     * its schedule then sends scans as fresh as a radar that sends each scan when it ends, not plots seconds
     * older than the other feeds' (which the tracker drops once past its reorder window).
     */
    RadarFeed stampedAtPublish() {
        this.stampAtPublish = true;
        return this;
    }

    /** Real movers in this feed. */
    int movers() {
        return radars.stream().mapToInt(r -> r.e.length).sum();
    }

    /** Mean plots per second this feed offers. */
    double rate() {
        return rate;
    }

    /** Plots published so far. */
    long published() {
        return published.get();
    }

    /**
     * How far behind its scans' event times this feed published since {@link #resetLag()}: mean and max of
     * (wall time since the start − the scan's time), in ms. Feeds whose lags differ by more than the
     * tracker's reorder window make one another's plots late.
     */
    double[] lagMs() {
        long n = lagChunks.get();
        return new double[] {n == 0 ? 0 : lagSum.get() / 1e6 / n, maxLagNanos.get() / 1e6};
    }

    /** Starts the lag figures afresh (at the end of the warm-up). */
    void resetLag() {
        maxLagNanos.set(0);
        lagSum.set(0);
        lagChunks.set(0);
    }

    @Override
    public void run() {
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Double.compare(a.t(), b.t()));
        for (RadarLoad r : radars) {
            queue.add(new Due(random.nextDouble(r.periodS), r));
        }
        long sent = 0;
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        Map<RadarLoad, Long> stamped = new IdentityHashMap<>();
        while (true) {
            Due due = queue.poll();
            RadarLoad r = due.radar();
            long scanNanos = (long) (due.t() * 1e9); // the scan's time, after the start
            if (stampAtPublish) {
                if (!waitUntil(startNanos + (long) (sent * 1e9 / rate))) {
                    return;
                }
                scanNanos = System.nanoTime() - startNanos;
                Long last = stamped.put(r, scanNanos);
                if (last != null) {
                    r.advance((scanNanos - last) / 1e9);
                }
            }
            List<Detection> scan = scan(r, epoch.plusNanos(scanNanos));
            for (int from = 0; from < scan.size(); from += chunk) {
                List<Detection> batch = scan.subList(from, Math.min(scan.size(), from + chunk));
                if (!waitUntil(startNanos + (long) (sent * 1e9 / rate))) {
                    return;
                }
                if (inFlight.size() >= window) {
                    inFlight.poll().join(); // the oldest chunk handed on: stored and delivered
                }
                long lag = System.nanoTime() - startNanos - scanNanos;
                maxLagNanos.accumulateAndGet(lag, Math::max);
                lagSum.addAndGet(lag);
                lagChunks.incrementAndGet();
                inFlight.add(bus.publishAllAsync(Topic.OBSERVATIONS, r.sensor.sector(), List.copyOf(batch)));
                published.addAndGet(batch.size());
                sent += batch.size();
            }
            if (!stampAtPublish) {
                r.advance(r.periodS);
            }
            queue.add(new Due(due.t() + r.periodS, r));
        }
    }

    /** One scan: the movers detected with the radar's Pd and sigma, then the clutter, in random order. */
    List<Detection> scan(RadarLoad r, Instant time) {
        Sensor s = r.sensor;
        double[] ll = new double[2];
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < r.e.length; i++) {
            if (random.nextDouble() < r.pd) {
                r.frame.toLatLon(r.e[i] + gaussian() * s.sigmaM(), r.n[i] + gaussian() * s.sigmaM(), ll);
                out.add(new Detection(time, s.id(), s.kind(), ll[0], ll[1], s.sigmaM(), marking));
            }
        }
        int clutter = poisson(r.clutterPerScan);
        for (int k = 0; k < clutter; k++) {
            double d = s.rangeM() * Math.sqrt(random.nextDouble());
            double a = random.nextDouble(2 * Math.PI);
            r.frame.toLatLon(d * Math.sin(a), d * Math.cos(a), ll);
            out.add(new Detection(time, s.id(), s.kind(), ll[0], ll[1], s.sigmaM(), marking));
        }
        java.util.Collections.shuffle(out, new java.util.Random(random.nextLong()));
        return out;
    }

    private double gaussian() {
        double u = random.nextDouble(Double.MIN_VALUE, 1);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        for (double p = random.nextDouble(); p > l; p *= random.nextDouble()) {
            k++;
        }
        return k;
    }

    /** Parks until the given wall time; false once the run is over. */
    private boolean waitUntil(long dueNanos) {
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                return false;
            }
            if (now >= dueNanos) {
                return true;
            }
            LockSupport.parkNanos(Math.min(dueNanos, endNanos) - now);
        }
    }
}
