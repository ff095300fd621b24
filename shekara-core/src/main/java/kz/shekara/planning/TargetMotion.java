package kz.shekara.planning;

import java.util.ArrayList;
import java.util.List;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.TrackUpdate;

/**
 * A target's predicted movement: constant velocity (north/east m/s) from its position now (WGS84)
 * in the local east-north frame around that position, and the time intervals (seconds from now,
 * within the horizon) during which it is inside the area. Position sigma in metres grows with the
 * time predicted by {@code velocitySigmaMps}. Immutable; construction samples the path against the
 * area (about one point test per kilometre of path, at most 512, and a bisection at each crossing).
 */
public final class TargetMotion {
    private static final double STATIONARY_MPS = 0.05;
    private static final int MAX_SAMPLES = 512;

    private final double lat;
    private final double lon;
    private final double vnMps;
    private final double veMps;
    private final double sigmaM;
    private final double velocitySigmaMps;
    private final double horizonS;
    private final LocalFrame frame;
    private final boolean stationary;
    private final List<double[]> inside;

    private TargetMotion(double lat, double lon, double vnMps, double veMps, double sigmaM, double velocitySigmaMps,
                         double horizonS, Area area) {
        this.lat = lat;
        this.lon = lon;
        this.vnMps = vnMps;
        this.veMps = veMps;
        this.sigmaM = sigmaM;
        this.velocitySigmaMps = velocitySigmaMps;
        this.horizonS = horizonS;
        this.frame = new LocalFrame(lat, lon);
        this.stationary = Math.hypot(vnMps, veMps) < STATIONARY_MPS;
        this.inside = area == null ? List.of(new double[] {0, horizonS}) : insideIntervals(area);
    }

    /** A target at a point moving at (vn, ve) m/s; {@code area} may be null (everywhere counts). */
    public static TargetMotion of(double lat, double lon, double vnMps, double veMps, double sigmaM,
                                  double velocitySigmaMps, double horizonS, Area area) {
        kz.shekara.model.Coordinates.check(lat, lon);
        if (!Double.isFinite(vnMps) || !Double.isFinite(veMps) || !(horizonS > 0) || !(sigmaM >= 0)) {
            throw new IllegalArgumentException("target velocity must be finite, sigma >= 0, horizon > 0");
        }
        return new TargetMotion(lat, lon, vnMps, veMps, sigmaM, velocitySigmaMps, horizonS, area);
    }

    /** The motion of a tracker's track, its position sigma from the track's covariance. */
    public static TargetMotion of(TrackUpdate track, double velocitySigmaMps, double horizonS, Area area) {
        return of(track.lat(), track.lon(), track.vnMps(), track.veMps(), track.sigmaM(), velocitySigmaMps,
                horizonS, area);
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }

    public double speedMps() {
        return Math.hypot(vnMps, veMps);
    }

    public double vnMps() {
        return vnMps;
    }

    public double veMps() {
        return veMps;
    }

    public double horizonS() {
        return horizonS;
    }

    public boolean stationary() {
        return stationary;
    }

    LocalFrame frame() {
        return frame;
    }

    /** Predicted position {lat, lon} at {@code t} seconds from now. */
    public double[] at(double t) {
        double[] out = new double[2];
        if (stationary()) {
            out[0] = lat;
            out[1] = lon;
        } else {
            frame.toLatLon(veMps * t, vnMps * t, out);
        }
        return out;
    }

    /** 1-sigma position error in metres of the prediction at {@code t} seconds from now. */
    public double sigmaAt(double t) {
        return Math.hypot(sigmaM, velocitySigmaMps * t);
    }

    /** Disjoint, ordered [start, end] intervals (seconds from now) during which the target is inside the area. */
    public List<double[]> inside() {
        return inside;
    }

    private List<double[]> insideIntervals(Area area) {
        List<double[]> out = new ArrayList<>();
        if (stationary()) {
            if (area.contains(lat, lon)) {
                out.add(new double[] {0, horizonS});
            }
            return List.copyOf(out);
        }
        int samples = (int) Math.min(MAX_SAMPLES, Math.max(16, speedMps() * horizonS / 1000));
        double step = horizonS / samples;
        boolean wasIn = contains(area, 0);
        double start = wasIn ? 0 : Double.NaN;
        for (int i = 1; i <= samples; i++) {
            double t = i * step;
            boolean in = contains(area, t);
            if (in != wasIn) {
                double crossing = crossing(area, t - step, t, wasIn);
                if (in) {
                    start = crossing;
                } else {
                    out.add(new double[] {start, crossing});
                }
                wasIn = in;
            }
        }
        if (wasIn) {
            out.add(new double[] {start, horizonS});
        }
        return List.copyOf(out);
    }

    private boolean contains(Area area, double t) {
        double[] p = at(t);
        return area.contains(p[0], p[1]);
    }

    /** Bisection to about a tenth of a second on the time the target crosses the area boundary. */
    private double crossing(Area area, double lo, double hi, boolean inAtLo) {
        while (hi - lo > 0.1) {
            double mid = (lo + hi) / 2;
            if (contains(area, mid) == inAtLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return inAtLo ? lo : hi;
    }
}
