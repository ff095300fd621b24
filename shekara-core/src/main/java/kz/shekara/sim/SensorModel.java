package kz.shekara.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Sensor;

/**
 * One theatre sensor as the simulator sees it. A scan detects each mover the sensor can see within
 * {@code rangeM} with probability {@code probabilityOfDetection}, at its true position plus
 * N(0, sigmaM) noise east and north in the sensor's local frame, and adds Poisson(falseAlarmsPerScan)
 * clutter plots drawn uniformly over the coverage disc; the scan's plots come out in random order.
 * Alarm sensors (UGS, fence, radiation) report a mover once when it comes within range, and again only
 * after it has left. Radars and cameras see every mover, AIS only boats with a transponder, ground
 * sensors only walkers and vehicles, radiation portals only movers carrying a source.
 * Not thread-safe (owns its random stream and the set of movers inside an alarm sensor's range).
 */
final class SensorModel {
    private final Sensor sensor;
    private final LocalFrame frame;
    private final SplittableRandom rng;
    private final Marking marking;
    private final long phaseMs;
    private final double[] coverage;
    private Set<String> inside = new HashSet<>();

    SensorModel(Sensor sensor, SplittableRandom rng, Marking marking) {
        if (!(sensor.sigmaM() > 0) || !(sensor.rangeM() > 0)) {
            throw new IllegalArgumentException("sensor " + sensor.id() + ": range and sigma must be > 0");
        }
        if (sensor.period().toMillis() < 1) {
            throw new IllegalArgumentException("sensor " + sensor.id() + ": period must be at least 1 ms");
        }
        this.sensor = sensor;
        this.frame = new LocalFrame(sensor.lat(), sensor.lon());
        this.rng = rng;
        this.marking = marking;
        // Sensors do not all scan on the same instant: each starts at its own phase within its period.
        this.phaseMs = rng.nextLong(sensor.period().toMillis());
        // A lat/lon box a little larger than the coverage disc: movers whose routes miss it are skipped
        // without converting their positions (most movers are far from most sensors).
        double dLat = sensor.rangeM() / 110_000 + 0.001;
        double dLon = sensor.rangeM() / (110_000 * Math.max(0.05, Math.cos(Math.toRadians(sensor.lat())))) + 0.001;
        this.coverage = new double[] {sensor.lat() - dLat, sensor.lat() + dLat, sensor.lon() - dLon, sensor.lon() + dLon};
    }

    Sensor sensor() {
        return sensor;
    }

    long periodMs() {
        return sensor.period().toMillis();
    }

    /** Milliseconds after the scenario start of this sensor's first scan. */
    long phaseMs() {
        return phaseMs;
    }

    /** The detections of one scan at {@code tSec} (time {@code time}) of the given movers. */
    List<Detection> scan(double tSec, java.time.Instant time, List<Mover> movers) {
        List<Detection> out = new ArrayList<>();
        double[] tmp = new double[2];
        double[] ll = new double[2];
        double[] en = new double[2];
        Set<String> nowInside = sensor.kind().isAlarm() ? new HashSet<>() : inside;
        for (Mover m : movers) {
            if (!sees(m) || !m.extent().intersects(coverage[0], coverage[1], coverage[2], coverage[3])) {
                continue;
            }
            m.positionAt(tSec, tmp, ll);
            frame.toEastNorth(ll[0], ll[1], en);
            if (Math.hypot(en[0], en[1]) > sensor.rangeM()) {
                continue;
            }
            if (sensor.kind().isAlarm()) {
                nowInside.add(m.id());
                if (inside.contains(m.id())) {
                    continue;
                }
            }
            if (rng.nextDouble() < sensor.probabilityOfDetection()) {
                out.add(plot(time, en[0] + rng.nextGaussian() * sensor.sigmaM(),
                        en[1] + rng.nextGaussian() * sensor.sigmaM()));
            }
        }
        inside = nowInside;
        int clutter = poisson(sensor.falseAlarmsPerScan());
        for (int i = 0; i < clutter; i++) {
            double r = sensor.rangeM() * Math.sqrt(rng.nextDouble());
            double a = rng.nextDouble() * 2 * Math.PI;
            out.add(plot(time, r * Math.cos(a), r * Math.sin(a)));
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            out.set(j, out.set(i, out.get(j)));
        }
        return out;
    }

    private boolean sees(Mover m) {
        return switch (sensor.kind()) {
            case UGS, FENCE -> m.kind().onLand();
            case RADIATION -> m.carriesSource();
            case AIS -> m.ais();
            default -> true;
        };
    }

    private Detection plot(java.time.Instant time, double east, double north) {
        double[] ll = new double[2];
        frame.toLatLon(east, north, ll);
        return new Detection(time, sensor.id(), sensor.kind(), ll[0], ll[1], sensor.sigmaM(), marking);
    }

    /** Poisson(lambda) by Knuth's multiplication method; a rounded normal above 30 (Knuth, TAOCP 2, §3.4.1). */
    private int poisson(double lambda) {
        if (!(lambda > 0)) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }
}
