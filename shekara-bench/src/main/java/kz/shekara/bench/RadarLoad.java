package kz.shekara.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.theatre.Sensor;

/**
 * What one radar of {@link AlertLatencyBench} sees: its movers (east/north metres and m/s in the
 * radar's local frame, bouncing inside {@code reachM}), its probability of detection, and its mean
 * Poisson clutter per scan, uniform over the disc of its range. Two load models fill a plot rate:
 * {@link #targets} (the tracker scenario of DESIGN: a thousand or two real movers spread over the
 * radars plus clutter) and {@link #dense} (the old stress model: every plot a real mover, so the rate
 * alone sets how many movers crowd each radar). Mutable mover state, used by one feed thread only.
 */
final class RadarLoad {
    final Sensor sensor;
    final LocalFrame frame;
    final double periodS;
    final double pd;
    final double clutterPerScan;
    final double reachM;
    final double[] e;
    final double[] n;
    final double[] ve;
    final double[] vn;

    private RadarLoad(Sensor sensor, double periodS, double pd, double clutterPerScan, int movers, double maxSpeed,
                      SplittableRandom random) {
        this.sensor = sensor;
        this.frame = new LocalFrame(sensor.lat(), sensor.lon());
        this.periodS = periodS;
        this.pd = pd;
        this.clutterPerScan = clutterPerScan;
        this.reachM = 0.8 * sensor.rangeM();
        this.e = new double[movers];
        this.n = new double[movers];
        this.ve = new double[movers];
        this.vn = new double[movers];
        for (int i = 0; i < movers; i++) {
            double r = 0.9 * reachM * Math.sqrt(random.nextDouble());
            double a = random.nextDouble(2 * Math.PI);
            e[i] = r * Math.sin(a);
            n[i] = r * Math.cos(a);
            double speed = random.nextDouble(1, maxSpeed);
            double c = random.nextDouble(2 * Math.PI);
            ve[i] = speed * Math.sin(c);
            vn[i] = speed * Math.cos(c);
        }
    }

    /** Mean plots per second this radar produces. */
    double plotRate() {
        return (e.length * pd + clutterPerScan) / periodS;
    }

    /** Moves every mover on by {@code dt} seconds, turning back towards the radar at the edge. */
    void advance(double dt) {
        for (int i = 0; i < e.length; i++) {
            e[i] += ve[i] * dt;
            n[i] += vn[i] * dt;
            if (e[i] * e[i] + n[i] * n[i] > reachM * reachM && e[i] * ve[i] + n[i] * vn[i] > 0) {
                ve[i] = -ve[i];
                vn[i] = -vn[i];
            }
        }
    }

    /**
     * DESIGN's tracker scenario on the theatre: {@code targets} movers (1–20 m/s) shared evenly over
     * the radars, each radar scanning every {@code periodS} seconds (0: its own period from the
     * theatre) with its own Pd, and Poisson clutter of one density over all the radars' discs, as much
     * as makes the plot rate reach {@code rate}.
     */
    static List<RadarLoad> targets(List<Sensor> radars, double rate, int targets, double periodS, long seed) {
        return targets(radars, rate, targets, periodS, seed, true);
    }

    /**
     * As above; with {@code clutterByArea} false every radar gets the same clutter rate whatever its
     * range (so no long-range radar's sector carries most of the load, as the theatre's two 40 km coastal
     * radars otherwise do).
     */
    static List<RadarLoad> targets(List<Sensor> radars, double rate, int targets, double periodS, long seed,
                                   boolean clutterByArea) {
        SplittableRandom random = new SplittableRandom(seed);
        double area = radars.stream().mapToDouble(s -> s.rangeM() * s.rangeM()).sum();
        double targetRate = 0;
        for (int i = 0; i < radars.size(); i++) {
            Sensor s = radars.get(i);
            targetRate += share(targets, radars.size(), i) * s.probabilityOfDetection() / period(s, periodS);
        }
        double clutterRate = Math.max(0, rate - targetRate);
        List<RadarLoad> out = new ArrayList<>();
        for (int i = 0; i < radars.size(); i++) {
            Sensor s = radars.get(i);
            double p = period(s, periodS);
            double share = clutterByArea ? s.rangeM() * s.rangeM() / area : 1.0 / radars.size();
            double clutter = clutterRate * share * p;
            out.add(new RadarLoad(s, p, s.probabilityOfDetection(), clutter, share(targets, radars.size(), i), 20,
                    random));
        }
        return out;
    }

    /** The old stress model: only movers, Pd 1, each radar {@code rate / radars} plots per second at its own period. */
    static List<RadarLoad> dense(List<Sensor> radars, double rate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RadarLoad> out = new ArrayList<>();
        for (Sensor s : radars) {
            double p = s.period().toNanos() / 1e9;
            int movers = Math.max(1, (int) Math.round(rate / radars.size() * p));
            out.add(new RadarLoad(s, p, 1, 0, movers, 30, random));
        }
        return out;
    }

    private static int share(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    private static double period(Sensor s, double periodS) {
        return periodS > 0 ? periodS : s.period().toNanos() / 1e9;
    }
}
