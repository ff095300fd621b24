package kz.shekara.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.theatre.Sensor;

/**
 * One paced feed of background radar plots for {@link AlertLatencyBench}: constant-velocity movers
 * around each of its radars, seen every scan period with the radar's sigma, published on
 * {@link Topic#OBSERVATIONS} keyed by the radar's sector in chunks of up to {@code chunk} plots. Plot
 * {@code i} of the feed is due at wall time {@code start + i / rate} (a schedule, not bursts); a
 * chunk is published when its first plot is due, so a feed that falls behind shows as a lower
 * achieved rate. Event time is {@code epoch} plus the scan's offset, so it follows the wall clock.
 * Runs on its own thread; {@link #published()} is thread-safe.
 */
final class RadarFeed implements Runnable {
    private final Bus bus;
    private final List<Radar> radars = new ArrayList<>();
    private final double rate;
    private final int chunk;
    private final Instant epoch;
    private final long startNanos;
    private final long endNanos;
    private final Marking marking;
    private final SplittableRandom random;
    private final AtomicLong published = new AtomicLong();

    /** A radar and its movers, east/north metres and m/s in the radar's local frame. */
    private record Radar(Sensor sensor, LocalFrame frame, double periodS, double[] e0, double[] n0, double[] ve,
                         double[] vn) {
    }

    /** A radar's next scan, seconds after the epoch. */
    private record Due(double t, Radar radar) {
    }

    RadarFeed(Bus bus, List<Sensor> sensors, double rate, int chunk, Instant epoch, long startNanos, long endNanos,
              Marking marking, long seed) {
        this.bus = bus;
        this.rate = rate;
        this.chunk = chunk;
        this.epoch = epoch;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.marking = marking;
        this.random = new SplittableRandom(seed);
        double perRadar = rate / sensors.size();
        for (Sensor s : sensors) {
            double periodS = s.period().toNanos() / 1e9;
            int n = Math.max(1, (int) Math.round(perRadar * periodS));
            double[] e0 = new double[n];
            double[] n0 = new double[n];
            double[] ve = new double[n];
            double[] vn = new double[n];
            double reach = 0.7 * s.rangeM();
            for (int i = 0; i < n; i++) {
                double r = reach * Math.sqrt(random.nextDouble());
                double a = random.nextDouble(2 * Math.PI);
                e0[i] = r * Math.sin(a);
                n0[i] = r * Math.cos(a);
                double speed = random.nextDouble(1, 30);
                double c = random.nextDouble(2 * Math.PI);
                ve[i] = speed * Math.sin(c);
                vn[i] = speed * Math.cos(c);
            }
            radars.add(new Radar(s, new LocalFrame(s.lat(), s.lon()), periodS, e0, n0, ve, vn));
        }
    }

    /** Movers in this feed (the tracks it should keep alive). */
    int movers() {
        return radars.stream().mapToInt(r -> r.e0().length).sum();
    }

    /** Plots published so far. */
    long published() {
        return published.get();
    }

    @Override
    public void run() {
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Double.compare(a.t(), b.t()));
        for (Radar r : radars) {
            queue.add(new Due(random.nextDouble(r.periodS()), r));
        }
        double[] ll = new double[2];
        long sent = 0;
        while (true) {
            Due due = queue.poll();
            Radar r = due.radar();
            Instant time = epoch.plusNanos((long) (due.t() * 1e9));
            Sensor s = r.sensor();
            List<Detection> batch = new ArrayList<>(chunk);
            for (int i = 0; i < r.e0().length; i++) {
                double e = r.e0()[i] + r.ve()[i] * due.t() + random.nextDouble(-1, 1) * s.sigmaM();
                double n = r.n0()[i] + r.vn()[i] * due.t() + random.nextDouble(-1, 1) * s.sigmaM();
                r.frame().toLatLon(e, n, ll);
                batch.add(new Detection(time, s.id(), s.kind(), ll[0], ll[1], s.sigmaM(), marking));
                if (batch.size() == chunk || i == r.e0().length - 1) {
                    long first = sent - batch.size() + 1;
                    if (!waitUntil(startNanos + (long) (first * 1e9 / rate))) {
                        return;
                    }
                    bus.publishAll(Topic.OBSERVATIONS, s.sector(), batch);
                    published.addAndGet(batch.size());
                    batch = new ArrayList<>(chunk);
                }
                sent++;
            }
            queue.add(new Due(due.t() + r.periodS(), r));
        }
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
