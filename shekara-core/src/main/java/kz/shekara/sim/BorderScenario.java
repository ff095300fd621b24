package kz.shekara.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TruthState;

/**
 * A seeded border scene for tracker accuracy comparisons: people on foot and vehicles moving under
 * the nearly-constant-velocity model with their own white-acceleration noise (walkers
 * {@code 0.001 m²/s³}, 1–2 m/s; vehicles {@code 0.05 m²/s³}, 10–20 m/s; each speed clipped to its
 * class's range), born and dying at random so that about {@code targets} are alive at a time, seen
 * by one sensor every second with probability of detection {@code pd}, position error
 * {@code sigmaM} per axis and Poisson clutter uniform over the square. Positions are in the local
 * east-north frame of {@link #ORIGIN} (metres); {@link Scene} also gives them as WGS84 detections
 * and truth. The same parameters give the same scene. Immutable description.
 *
 * @param targets         mean number of targets alive (the number alive at the start)
 * @param scans           number of 1 s scans
 * @param walkerFraction  fraction of targets that are people on foot
 * @param halfSideM       half the side of the square the targets start in and clutter falls in, metres
 * @param sigmaM          1-sigma position error per axis, metres
 * @param pd              probability of detection per scan
 * @param clutterPerScan  mean false alarms per scan (Poisson)
 * @param meanLifeS       mean life of a target, seconds (deaths at rate 1/meanLife, births to match)
 * @param seed            random seed
 */
public record BorderScenario(int targets, int scans, double walkerFraction, double halfSideM, double sigmaM, double pd,
                             double clutterPerScan, double meanLifeS, long seed) {

    /** The scene's first scan time. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** The centre of the square, WGS84 degrees {@code [lat, lon]}. */
    public static final double[] ORIGIN = {43.0, 68.0};
    /** The sensor's id in the generated detections. */
    public static final String SENSOR = "radar-1";

    /** One class of mover: white-acceleration PSD (m²/s³ per axis) and the range its speed is clipped to (m/s). */
    public enum Kind {
        WALKER(0.001, 1, 2), VEHICLE(0.05, 10, 20);

        public final double accelerationPsd;
        public final double minSpeedMps;
        public final double maxSpeedMps;

        Kind(double q, double min, double max) {
            this.accelerationPsd = q;
            this.minSpeedMps = min;
            this.maxSpeedMps = max;
        }
    }

    /** A true target at one scan: {@code [east, north, vEast, vNorth]} in m and m/s. */
    public record Truth(int scan, int target, Kind kind, double east, double north, double vEast, double vNorth) {
    }

    /** A plot of one scan, m; {@code target} is the true target's number, or −1 for clutter. */
    public record Plot(int scan, double east, double north, int target) {
    }

    /** The generated scene, in scan order. */
    public record Scene(BorderScenario scenario, List<Truth> truth, List<Plot> plots) {

        /** The time of scan {@code k}. */
        public Instant time(int k) {
            return START.plusSeconds(k);
        }

        /** The truth as WGS84 states, target ids {@code target-<n>}. */
        public List<TruthState> truthStates() {
            LocalFrame frame = new LocalFrame(ORIGIN[0], ORIGIN[1]);
            double[] ll = new double[2];
            List<TruthState> out = new ArrayList<>(truth.size());
            for (Truth t : truth) {
                frame.toLatLon(t.east(), t.north(), ll);
                out.add(new TruthState(time(t.scan()), "target-" + t.target(), ll[0], ll[1], t.vNorth(), t.vEast()));
            }
            return out;
        }

        /** The plots as WGS84 detections of {@link #SENSOR}, in scan order. */
        public List<Detection> detections() {
            LocalFrame frame = new LocalFrame(ORIGIN[0], ORIGIN[1]);
            Marking marking = Marking.of(Classification.RESTRICTED, "border-guard", List.of()).asExercise();
            double[] ll = new double[2];
            List<Detection> out = new ArrayList<>(plots.size());
            for (Plot p : plots) {
                frame.toLatLon(p.east(), p.north(), ll);
                out.add(new Detection(time(p.scan()), SENSOR, SensorKind.RADAR, ll[0], ll[1], scenario.sigmaM(), marking));
            }
            return out;
        }
    }

    public BorderScenario {
        if (targets < 1 || scans < 1 || !(walkerFraction >= 0 && walkerFraction <= 1) || !(halfSideM > 0)
                || !(sigmaM > 0) || !(pd > 0 && pd <= 1) || !(clutterPerScan >= 0) || !(meanLifeS > 0)) {
            throw new IllegalArgumentException("invalid border scenario");
        }
    }

    /**
     * The comparison's scene of {@code targets} targets: half walkers, 100 scans, the square grown with
     * the targets (1 km × √targets half side) so that their density stays the same, 10 m sigma, Pd 0.9,
     * clutter at 5 per 100 km² per scan (200 a scan for 1,000 targets), mean life 100 s.
     */
    public static BorderScenario standard(int targets, long seed) {
        double half = 1_000 * Math.sqrt(targets);
        double clutter = 5e-8 * (2 * half) * (2 * half);
        return new BorderScenario(targets, 100, 0.5, half, 10, 0.9, clutter, 100, seed);
    }

    public Scene generate() {
        Random rnd = new Random(seed);
        List<double[]> alive = new ArrayList<>();
        List<Truth> truth = new ArrayList<>();
        List<Plot> plots = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < targets; i++) {
            alive.add(born(next++, rnd));
        }
        double deathP = 1 / meanLifeS;
        for (int k = 0; k < scans; k++) {
            if (k > 0) {
                alive.removeIf(x -> rnd.nextDouble() < deathP);
                int births = poisson(targets * deathP, rnd);
                for (int b = 0; b < births; b++) {
                    alive.add(born(next++, rnd));
                }
                for (double[] x : alive) {
                    move(x, rnd);
                }
            }
            for (double[] x : alive) {
                Kind kind = Kind.values()[(int) x[5]];
                truth.add(new Truth(k, (int) x[4], kind, x[0], x[1], x[2], x[3]));
                if (rnd.nextDouble() < pd) {
                    plots.add(new Plot(k, x[0] + sigmaM * rnd.nextGaussian(), x[1] + sigmaM * rnd.nextGaussian(),
                            (int) x[4]));
                }
            }
            int clutter = poisson(clutterPerScan, rnd);
            for (int c = 0; c < clutter; c++) {
                plots.add(new Plot(k, (rnd.nextDouble() * 2 - 1) * halfSideM, (rnd.nextDouble() * 2 - 1) * halfSideM,
                        -1));
            }
        }
        return new Scene(this, truth, plots);
    }

    /** A new target {@code [east, north, vEast, vNorth, id, kind]} somewhere in the square, any heading. */
    private double[] born(int id, Random rnd) {
        Kind kind = rnd.nextDouble() < walkerFraction ? Kind.WALKER : Kind.VEHICLE;
        double speed = kind.minSpeedMps + rnd.nextDouble() * (kind.maxSpeedMps - kind.minSpeedMps);
        double heading = rnd.nextDouble() * 2 * Math.PI;
        return new double[] {(rnd.nextDouble() * 2 - 1) * halfSideM, (rnd.nextDouble() * 2 - 1) * halfSideM,
                speed * Math.sin(heading), speed * Math.cos(heading), id, kind.ordinal()};
    }

    /**
     * One second under the nearly-constant-velocity model with the exact discrete noise of its class
     * (per axis {@code Q = q [1/3 1/2; 1/2 1]}, drawn through its Cholesky factor), speed then clipped.
     */
    private static void move(double[] x, Random rnd) {
        Kind kind = Kind.values()[(int) x[5]];
        double q = kind.accelerationPsd;
        for (int axis = 0; axis < 2; axis++) {
            // Cholesky of q [1/3 1/2; 1/2 1]: l00 = √(q/3), l10 = (q/2)/l00, l11 = √(q − l10²).
            double l00 = Math.sqrt(q / 3);
            double l10 = q / 2 / l00;
            double l11 = Math.sqrt(q - l10 * l10);
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            x[axis] += x[2 + axis] + l00 * a;
            x[2 + axis] += l10 * a + l11 * b;
        }
        double speed = Math.hypot(x[2], x[3]);
        double clipped = Math.max(kind.minSpeedMps, Math.min(kind.maxSpeedMps, speed));
        if (speed > 0 && clipped != speed) {
            x[2] *= clipped / speed;
            x[3] *= clipped / speed;
        }
    }

    /** An exact Poisson draw (Knuth's product method; a large mean as a sum of draws of mean at most 30). */
    static int poisson(double mean, Random rnd) {
        if (mean > 30) {
            return poisson(30, rnd) + poisson(mean - 30, rnd);
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
