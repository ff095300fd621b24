package kz.shekara.planning;

import java.util.Arrays;
import java.util.List;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.planning.InterceptResult.Reason;
import kz.shekara.planning.Recommender.Candidate;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;

/**
 * The ground units of one recommendation against one target, sharing the road searches: one search
 * from the target's road node for a stationary target, one per sample time for a moving one (see
 * {@link Recommender}). Single use, not thread-safe.
 */
final class GroundIntercepts {
    private final GroundTravelTime ground;
    private final Recommender.Config config;
    private final TargetMotion target;
    private final List<UnitState> units;
    private final GroundTravelTime.Origin[] origins;
    private final Candidate[] found;
    private final boolean[] reachable;
    private final double[] lowerBoundS;
    /** Each unit's lateness at the last point of the target's path it was evaluated at (NaN before). */
    private final double[] lastLateS;
    private double maxSpeed;
    private int pending;

    GroundIntercepts(GroundTravelTime ground, Recommender.Config config, TargetMotion target, List<UnitState> units,
                     GroundTravelTime.Origin[] origins) {
        this.ground = ground;
        this.config = config;
        this.target = target;
        this.units = units;
        this.origins = origins;
        this.found = new Candidate[units.size()];
        this.reachable = new boolean[units.size()];
        for (UnitState u : units) {
            maxSpeed = Math.max(maxSpeed, Math.max(u.speedMps(), u.offRoadSpeedMps()));
        }
        this.pending = units.size();
        this.lowerBoundS = new double[units.size()];
        this.lastLateS = new double[units.size()];
        Arrays.fill(lastLateS, Double.NaN);
    }

    /**
     * No way over the ground beats a straight line at the unit's top speed, so the closed form at
     * that speed bounds the meeting time from below: units it rules out are settled at once, and a
     * unit is not evaluated at samples that end before its bound.
     */
    private void bound(List<Recommendations.Excluded> excluded) {
        for (int i = 0; i < origins.length; i++) {
            UnitState u = units.get(i);
            double top = Math.max(u.speedMps(), u.offRoadSpeedMps());
            UnitState straight = new UnitState(u.unit(), UnitKind.HELICOPTER, u.lat(), u.lon(), u.status(), top, top,
                    u.launchS(), u.enduranceLeftM(), u.command(), u.controlledBy(), u.sector());
            InterceptResult r = InterceptPlanner.closedForm(straight, target);
            if (r instanceof Intercept i0) {
                // A small allowance for the tangent plane's distortion against geodesic lengths.
                lowerBoundS[i] = i0.timeS() * 0.995;
            } else {
                NoIntercept n = (NoIntercept) r;
                excluded.add(new Recommendations.Excluded(u.unit(), n.reason().code(), n.lateS()));
                lowerBoundS[i] = Double.NaN;
                pending--;
            }
        }
    }

    void run(List<Candidate> feasible, List<Recommendations.Excluded> excluded) {
        Reason otherwise;
        if (target.inside().isEmpty()) {
            otherwise = Reason.TARGET_OUTSIDE_AREA;
        } else if (target.stationary()) {
            stationary();
            otherwise = Reason.BEYOND_HORIZON;
        } else {
            bound(excluded);
            for (double[] in : target.inside()) {
                sample(in);
            }
            List<double[]> in = target.inside();
            otherwise = in.get(in.size() - 1)[1] < target.horizonS() ? Reason.TARGET_LEAVES_AREA : Reason.CANNOT_CATCH;
        }
        for (int i = 0; i < found.length; i++) {
            if (Double.isNaN(lowerBoundS[i])) {
                continue;
            }
            if (found[i] != null) {
                feasible.add(found[i]);
            } else {
                Reason r = reachable[i] || otherwise == Reason.TARGET_OUTSIDE_AREA ? otherwise : Reason.UNREACHABLE;
                excluded.add(new Recommendations.Excluded(units.get(i).unit(), r.code(),
                        r == Reason.UNREACHABLE ? Double.NaN : lastLateS[i]));
            }
        }
    }

    private void stationary() {
        GroundTravelTime.Destination d = ground.toward(target.lat(), target.lon(), target.horizonS() * maxSpeed);
        for (int i = 0; i < origins.length; i++) {
            GroundTravelTime.Leg leg = ground.best(origins[i], d);
            reachable[i] = leg.timeS() < Double.POSITIVE_INFINITY;
            if (leg.timeS() <= target.horizonS()) {
                GroundTravelTime.Origin o = origins[i];
                found[i] = new Candidate(units.get(i), leg.timeS(), target.lat(), target.lon(), leg.distanceM(),
                        target.sigmaAt(leg.timeS()), () -> ground.path(o, d, leg));
            }
        }
    }

    private void sample(double[] in) {
        double step = Math.max(config.stepS(), (in[1] - in[0]) / config.maxSamples());
        double[] prevLate = new double[origins.length];
        double[] prevT = new double[origins.length];
        Arrays.fill(prevLate, Double.POSITIVE_INFINITY);
        for (double t = in[0]; pending > 0; t = Math.min(t + step, in[1])) {
            double next = Math.min(t + step, in[1]);
            if (t < in[1] && !anyDue(next)) {
                continue;
            }
            double[] p = target.at(t);
            GroundTravelTime.Destination d = ground.toward(p[0], p[1], t * maxSpeed);
            for (int i = 0; i < origins.length; i++) {
                // Evaluated from the last sample before its bound on, so that the meeting can be interpolated.
                if (found[i] != null || Double.isNaN(lowerBoundS[i]) || (next < lowerBoundS[i] && t < in[1])) {
                    continue;
                }
                GroundTravelTime.Leg leg = ground.best(origins[i], d);
                double late = leg.timeS() - t;
                reachable[i] |= late < Double.POSITIVE_INFINITY;
                if (late < Double.POSITIVE_INFINITY) {
                    lastLateS[i] = Math.max(0, late);
                }
                if (late <= 0) {
                    double tStar = prevLate[i] == Double.POSITIVE_INFINITY ? t
                            : prevT[i] + (t - prevT[i]) * prevLate[i] / (prevLate[i] - late);
                    found[i] = interpolated(units.get(i), tStar, origins[i], d, leg);
                    pending--;
                } else {
                    prevLate[i] = late;
                    prevT[i] = t;
                }
            }
            if (t >= in[1]) {
                break;
            }
        }
    }

    private boolean anyDue(double next) {
        for (int i = 0; i < origins.length; i++) {
            if (found[i] == null && !Double.isNaN(lowerBoundS[i]) && next >= lowerBoundS[i]) {
                return true;
            }
        }
        return false;
    }

    /** The meeting at {@code t}, with the route found to the sample after it ending at the meeting point. */
    private Candidate interpolated(UnitState u, double t, GroundTravelTime.Origin o, GroundTravelTime.Destination d,
                                   GroundTravelTime.Leg leg) {
        double[] p = target.at(t);
        return new Candidate(u, t, p[0], p[1], leg.distanceM(), target.sigmaAt(t), () -> {
            List<GeoPoint> path = ground.path(o, d, leg);
            path.set(path.size() - 1, new GeoPoint(p[0], p[1]));
            return path;
        });
    }
}
