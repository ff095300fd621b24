package kz.shekara.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TruthState;

/**
 * A synthetic, seeded multi-target scenario for tracker tests and benchmarks: movers going straight
 * or turning at a constant rate inside a square around an origin, seen by sensors that each cover
 * the square with their own sigma, period, probability of detection and Poisson clutter, and whose
 * reports reach the tracker up to {@code maxDelay} late (out of order). The same seed gives the same
 * scenario. Immutable description; {@link #generate()} builds the data.
 *
 * @param origin     centre of the square, WGS84 degrees {@code [lat, lon]}
 * @param halfSideM  half the side of the square, metres
 * @param targets    number of movers, all present for the whole run
 * @param minSpeedMps slowest mover
 * @param maxSpeedMps fastest mover
 * @param turning    fraction of movers that turn (up to 2°/s)
 * @param sensors    the sensors
 * @param duration   length of the run
 * @param maxDelay   the most a report may arrive late (0: in order)
 * @param seed       random seed
 */
public record TrackingScenario(double[] origin, double halfSideM, int targets, double minSpeedMps,
                               double maxSpeedMps, double turning, List<SensorSpec> sensors, Duration duration,
                               Duration maxDelay, long seed) {

    /** The scenario's start time. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * A simulated sensor covering the whole square.
     *
     * @param id                 sensor id
     * @param sigmaM             1-sigma position error, metres
     * @param period             scan period
     * @param pd                 probability of detection per scan
     * @param clutterPerScan     mean false alarms per scan (Poisson), uniform over the square
     */
    public record SensorSpec(String id, double sigmaM, Duration period, double pd, double clutterPerScan) {
    }

    /** The generated data: truth once a second, detections in arrival order. */
    public record Data(List<TruthState> truth, List<Detection> detections) {
    }

    /** A named default: two radars (20 m every 1 s, 50 m every 3 s), Pd 0.9, clutter scaled with the targets. */
    public static TrackingScenario standard(int targets, Duration duration, long seed) {
        double half = Math.max(5_000, Math.sqrt(targets) * 1_500);
        double clutter = Math.max(5, targets / 5.0);
        return new TrackingScenario(new double[] {43.0, 68.0}, half, targets, 1, 30, 0.3,
                List.of(new SensorSpec("radar-a", 20, Duration.ofSeconds(1), 0.9, clutter),
                        new SensorSpec("radar-b", 50, Duration.ofSeconds(3), 0.9, clutter / 2)),
                duration, Duration.ofMillis(1500), seed);
    }

    public Data generate() {
        Random rnd = new Random(seed);
        LocalFrame frame = new LocalFrame(origin[0], origin[1]);
        int n = targets;
        double[] e = new double[n];
        double[] nn = new double[n];
        double[] speed = new double[n];
        double[] heading = new double[n];
        double[] turn = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = (rnd.nextDouble() * 2 - 1) * halfSideM * 0.8;
            nn[i] = (rnd.nextDouble() * 2 - 1) * halfSideM * 0.8;
            speed[i] = minSpeedMps + rnd.nextDouble() * (maxSpeedMps - minSpeedMps);
            heading[i] = rnd.nextDouble() * 2 * Math.PI;
            turn[i] = rnd.nextDouble() < turning ? Math.toRadians((rnd.nextDouble() * 2 - 1) * 2) : 0;
        }
        List<TruthState> truth = new ArrayList<>();
        List<Timed> reports = new ArrayList<>();
        Marking marking = Marking.of(Classification.RESTRICTED, "border-guard", List.of()).asExercise();
        double[] ll = new double[2];
        long stepMs = 100;
        long[] nextScan = new long[sensors.size()];
        for (long ms = 0; ms <= duration.toMillis(); ms += stepMs) {
            Instant t = START.plusMillis(ms);
            if (ms % 1000 == 0) {
                for (int i = 0; i < n; i++) {
                    frame.toLatLon(e[i], nn[i], ll);
                    truth.add(new TruthState(t, "target-" + i, ll[0], ll[1], speed[i] * Math.cos(heading[i]),
                            speed[i] * Math.sin(heading[i])));
                }
            }
            for (int s = 0; s < sensors.size(); s++) {
                if (ms == nextScan[s]) {
                    nextScan[s] += sensors.get(s).period().toMillis();
                    scan(sensors.get(s), t, e, nn, rnd, frame, marking, reports);
                }
            }
            double dt = stepMs / 1000.0;
            for (int i = 0; i < n; i++) {
                heading[i] += turn[i] * dt;
                e[i] += speed[i] * Math.sin(heading[i]) * dt;
                nn[i] += speed[i] * Math.cos(heading[i]) * dt;
                // Stay inside the square: turn back at its edge.
                if (Math.abs(e[i]) > halfSideM || Math.abs(nn[i]) > halfSideM) {
                    heading[i] = Math.atan2(-e[i], -nn[i]);
                }
            }
        }
        reports.sort(Comparator.comparingLong(Timed::arrivalMs).thenComparingInt(Timed::seq));
        return new Data(truth, reports.stream().map(Timed::detection).toList());
    }

    private record Timed(long arrivalMs, int seq, Detection detection) {
    }

    private void scan(SensorSpec s, Instant t, double[] e, double[] n, Random rnd, LocalFrame frame, Marking marking,
                      List<Timed> out) {
        long delay = maxDelay.isZero() ? 0 : (long) (rnd.nextDouble() * maxDelay.toMillis());
        long arrival = Duration.between(START, t).toMillis() + delay;
        double[] ll = new double[2];
        List<Detection> scan = new ArrayList<>();
        for (int i = 0; i < e.length; i++) {
            if (rnd.nextDouble() < s.pd()) {
                frame.toLatLon(e[i] + rnd.nextGaussian() * s.sigmaM(), n[i] + rnd.nextGaussian() * s.sigmaM(), ll);
                scan.add(new Detection(t, s.id(), SensorKind.RADAR, ll[0], ll[1], s.sigmaM(), marking));
            }
        }
        int clutter = poisson(s.clutterPerScan(), rnd);
        for (int k = 0; k < clutter; k++) {
            frame.toLatLon((rnd.nextDouble() * 2 - 1) * halfSideM, (rnd.nextDouble() * 2 - 1) * halfSideM, ll);
            scan.add(new Detection(t, s.id(), SensorKind.RADAR, ll[0], ll[1], s.sigmaM(), marking));
        }
        for (Detection d : scan) {
            out.add(new Timed(arrival, out.size(), d));
        }
    }

    private static int poisson(double mean, Random rnd) {
        if (mean > 50) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }
}
