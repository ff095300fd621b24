package kz.shekara.planning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.planning.InterceptResult.Reason;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.Route;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.TravelTimeModel;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;

/**
 * Finds where and when a unit can first meet a target. Units that move in a straight line (air, or
 * any kind without a travel-time model) use the closed form ({@link #closedForm}); road-bound and
 * sea-routed units search along the target's predicted path ({@link #search}). A stationary target
 * is simply the unit's route to it. Only times while the target is inside the area count.
 * Immutable and thread-safe when its models are.
 */
public final class InterceptPlanner {
    private final Map<UnitKind, TravelTimeModel> models;
    private final double stepS;

    /**
     * @param models travel-time model per unit kind; kinds without one move in a straight line
     *               (ground units at their off-road speed), except boats, which then reach nothing
     * @param stepS  the time step of the search along the path, in seconds
     */
    public InterceptPlanner(Map<UnitKind, TravelTimeModel> models, double stepS) {
        this.models = models.isEmpty() ? Map.of() : new EnumMap<>(models);
        if (!(stepS > 0)) {
            throw new IllegalArgumentException("stepS must be > 0");
        }
        this.stepS = stepS;
    }

    /** The earliest intercept of the target by the unit, or the reason there is none. */
    public InterceptResult plan(UnitState unit, TargetMotion target) {
        TravelTimeModel model = models.get(unit.kind());
        if (target.inside().isEmpty()) {
            return new NoIntercept(Reason.TARGET_OUTSIDE_AREA);
        }
        if (model == null && unit.kind() == UnitKind.BOAT) {
            return new NoIntercept(Reason.UNREACHABLE);
        }
        if (target.stationary()) {
            Optional<Route> r = (model == null ? new AirTravelTime() : model).route(straight(unit, model), target.lat(),
                    target.lon());
            return r.<InterceptResult>map(route -> stationary(route, target)).orElse(new NoIntercept(
                    model == null || unit.kind() == UnitKind.HELICOPTER ? Reason.OUT_OF_RANGE : Reason.UNREACHABLE));
        }
        if (model == null || model instanceof AirTravelTime) {
            return closedForm(unit, target);
        }
        return search(model.from(unit), target);
    }

    /** The time step of the search along a target's path, in seconds. */
    double stepS() {
        return stepS;
    }

    /** The sea model boats use; null when boats have none. */
    SeaTravelTime sea() {
        return models.get(UnitKind.BOAT) instanceof SeaTravelTime s ? s : null;
    }

    /**
     * The planner for one target, sharing the work on the target's side between the units ranked
     * against it: for boats, whether the target's path comes near open water at all (decided once, so
     * that a target far inland costs a boat nothing) and where each point of its path meets the water.
     * Same answers as {@link #plan}. Not thread-safe: one ranking at a time.
     */
    ForTarget forTarget(TargetMotion target) {
        return new ForTarget(target);
    }

    /** See {@link #forTarget}. */
    final class ForTarget {
        private final TargetMotion target;
        private SeaTravelTime.Ends ends;
        private boolean seaReachable;
        private PathSamples samples;

        private ForTarget(TargetMotion target) {
            this.target = target;
        }

        /** The unit's intercept; {@code start} is the boat's prepared way into the water, or null. */
        InterceptResult plan(UnitState unit, SeaTravelTime.Start start) {
            SeaTravelTime sea = sea();
            if (unit.kind() != UnitKind.BOAT || sea == null || target.inside().isEmpty()) {
                return InterceptPlanner.this.plan(unit, target);
            }
            if (!seaReachable()) {
                return new NoIntercept(Reason.UNREACHABLE);
            }
            TravelTimeModel.Reach reach = sea.from(start(unit, start), ends);
            if (target.stationary()) {
                return reach.to(target.lat(), target.lon()).<InterceptResult>map(route -> stationary(route, target))
                        .orElse(new NoIntercept(Reason.UNREACHABLE));
            }
            return search(reach, target);
        }

        TargetMotion target() {
            return target;
        }

        /** The points the search along the target's path evaluates, worked out once. */
        PathSamples samples() {
            if (samples == null) {
                samples = PathSamples.of(target, stepS);
            }
            return samples;
        }

        /** The target's points snapped to the water, shared by the boats; only after {@link #seaReachable}. */
        SeaTravelTime.Ends ends() {
            return ends;
        }

        /** Whether any boat can reach the target's path at all (decided once, on first use; needs a sea model). */
        boolean seaReachable() {
            if (ends == null) {
                ends = sea().new Ends();
                seaReachable = anyEnd(ends);
            }
            return seaReachable;
        }

        /** The boat's prepared way into the water when it was prepared for this unit state and model, else a new one. */
        SeaTravelTime.Start start(UnitState unit, SeaTravelTime.Start prepared) {
            SeaTravelTime sea = sea();
            return prepared != null && prepared.model() == sea && prepared.unit().equals(unit) ? prepared
                    : sea.start(unit);
        }

        /**
         * Whether any point the search visits before it finds a meeting (the target's point when it
         * stands still, else every scan step) meets the water: when none does, every boat's search
         * finds no route at all, which is the answer "unreachable".
         */
        private boolean anyEnd(SeaTravelTime.Ends ends) {
            List<double[]> points = samples().points();
            if (!ends.mayReach(points)) {
                return false;
            }
            for (double[] p : points) {
                if (ends.end(p[0], p[1]) != null) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Without a model a ground unit moves straight across country: its off-road speed is its speed. */
    private static UnitState straight(UnitState u, TravelTimeModel model) {
        boolean ground = u.kind() == UnitKind.GROUND_VEHICLE || u.kind() == UnitKind.FOOT_PATROL;
        if (model != null || !ground) {
            return u;
        }
        return new UnitState(u.unit(), u.kind(), u.lat(), u.lon(), u.status(), u.offRoadSpeedMps(), u.offRoadSpeedMps(),
                u.launchS(), u.enduranceLeftM(), u.command(), u.controlledBy(), u.sector());
    }

    private static InterceptResult stationary(Route route, TargetMotion target) {
        double t = route.timeS();
        for (double[] in : target.inside()) {
            if (t <= in[1]) {
                return new Intercept(Math.max(t, in[0]), target.lat(), target.lon(), route.distanceM(),
                        target.sigmaAt(t), route.path());
            }
        }
        return new NoIntercept(Reason.BEYOND_HORIZON);
    }

    /**
     * The closed form for a unit moving in a straight line at constant speed s after a launch delay
     * L, against a target at p0 (relative to the unit, local east-north metres) with velocity v:
     * they meet at the earliest t ≥ L with |p0 + v t| = s (t − L), the roots of
     * (|v|² − s²) t² + 2 (p0·v + s² L) t + |p0|² − s² L² = 0, restricted to the times the target is
     * inside the area and within the unit's endurance.
     */
    public static InterceptResult closedForm(UnitState unit, TargetMotion target) {
        double[] en = new double[2];
        target.frame().toEastNorth(unit.lat(), unit.lon(), en);
        double px = -en[0];
        double py = -en[1];
        boolean ground = unit.kind() == UnitKind.GROUND_VEHICLE || unit.kind() == UnitKind.FOOT_PATROL;
        double s = ground ? unit.offRoadSpeedMps() : unit.speedMps();
        double launch = unit.launchS();
        double[] reach = reachable(px, py, target.veMps(), target.vnMps(), s, launch);
        if (reach == null) {
            List<double[]> in = target.inside();
            return new NoIntercept(Reason.CANNOT_CATCH, straightLateS(unit, s, target, in.get(in.size() - 1)[1]));
        }
        double t = earliestCommon(reach, target.inside());
        if (Double.isNaN(t)) {
            List<double[]> in = target.inside();
            double lastEnd = in.get(in.size() - 1)[1];
            boolean escapes = lastEnd < target.horizonS() || reach[1] < Double.POSITIVE_INFINITY;
            return new NoIntercept(escapes ? Reason.TARGET_LEAVES_AREA : Reason.BEYOND_HORIZON,
                    straightLateS(unit, s, target, lastEnd));
        }
        double distance = s * (t - launch);
        if (distance > unit.enduranceLeftM()) {
            return new NoIntercept(Reason.OUT_OF_RANGE);
        }
        double[] p = target.at(t);
        return new Intercept(t, p[0], p[1], distance, target.sigmaAt(t),
                List.of(new GeoPoint(unit.lat(), unit.lon()), new GeoPoint(p[0], p[1])));
    }

    /** Seconds by which a unit going straight at {@code s} reaches the target's point at {@code t} after it. */
    static double straightLateS(UnitState unit, double s, TargetMotion target, double t) {
        double[] p = target.at(t);
        double[] en = new double[2];
        target.frame().toEastNorth(p[0], p[1], en);
        double[] u = new double[2];
        target.frame().toEastNorth(unit.lat(), unit.lon(), u);
        double arrive = unit.launchS() + Math.hypot(en[0] - u[0], en[1] - u[1]) / s;
        return Math.max(0, arrive - t);
    }

    /** The interval [from, to] of times t ≥ launch at which the unit can be at the target; null when none. */
    static double[] reachable(double px, double py, double vx, double vy, double s, double launch) {
        double a = vx * vx + vy * vy - s * s;
        double b = px * vx + py * vy + s * s * launch;
        double c = px * px + py * py - s * s * launch * launch;
        double scale = Math.max(1, s * s);
        if (Math.abs(a) < 1e-9 * scale) {
            double atLaunchX = px + vx * launch;
            double atLaunchY = py + vy * launch;
            if (Math.hypot(atLaunchX, atLaunchY) < 1e-6) {
                return new double[] {launch, b < 0 ? Double.POSITIVE_INFINITY : launch};
            }
            return b < 0 ? new double[] {Math.max(launch, -c / (2 * b)), Double.POSITIVE_INFINITY} : null;
        }
        double disc = b * b - a * c;
        if (disc < 0) {
            // Rounding can leave a double root (unit already where the target will be) slightly negative.
            if (disc > -1e-9 * b * b) {
                disc = 0;
            } else {
                return null;
            }
        }
        double root = Math.sqrt(disc);
        double r1 = (-b - root) / a;
        double r2 = (-b + root) / a;
        double lo = Math.min(r1, r2);
        double hi = Math.max(r1, r2);
        if (a < 0) {
            // Unit faster: f(t) <= 0 from the larger root on; f(launch) >= 0 puts launch between the roots.
            return new double[] {Math.max(launch, hi), Double.POSITIVE_INFINITY};
        }
        if (hi < launch) {
            return null;
        }
        return new double[] {Math.max(launch, lo), hi};
    }

    private static double earliestCommon(double[] reach, List<double[]> inside) {
        for (double[] in : inside) {
            double from = Math.max(reach[0], in[0]);
            double to = Math.min(reach[1], in[1]);
            if (from <= to) {
                return from;
            }
        }
        return Double.NaN;
    }

    /**
     * Search along the target's predicted path for the first time t at which the unit's arrival time
     * at the target's position p(t) is at most t: a scan in steps of {@code stepS} over the times the
     * target is inside the area, then bisection to a tenth of a second on the first step where the
     * unit gets there in time. Costs one route query per step plus about a dozen.
     */
    public InterceptResult search(TravelTimeModel.Reach reach, TargetMotion target) {
        boolean everReachable = false;
        for (double[] in : target.inside()) {
            double prevT = Double.NaN;
            for (double t = in[0]; ; t = Math.min(t + stepS, in[1])) {
                Optional<Route> r = arrival(reach, target, t);
                everReachable |= r.isPresent();
                if (r.isPresent() && r.get().timeS() <= t) {
                    return Double.isNaN(prevT) ? found(target, t, r.get()) : bisect(reach, target, prevT, t, r.get());
                }
                prevT = t;
                if (t >= in[1]) {
                    break;
                }
            }
        }
        if (!everReachable) {
            return new NoIntercept(Reason.UNREACHABLE);
        }
        List<double[]> in = target.inside();
        double lastEnd = in.get(in.size() - 1)[1];
        double lateS = arrival(reach, target, lastEnd).map(r -> Math.max(0, r.timeS() - lastEnd)).orElse(Double.NaN);
        return new NoIntercept(lastEnd < target.horizonS() ? Reason.TARGET_LEAVES_AREA : Reason.CANNOT_CATCH, lateS);
    }

    private static Optional<Route> arrival(TravelTimeModel.Reach reach, TargetMotion target, double t) {
        double[] p = target.at(t);
        return reach.to(p[0], p[1]);
    }

    static InterceptResult bisect(TravelTimeModel.Reach reach, TargetMotion target, double tooLateAt,
                                  double inTimeAt, Route inTime) {
        double lo = tooLateAt;
        double hi = inTimeAt;
        Route best = inTime;
        while (hi - lo > 0.1) {
            double mid = (lo + hi) / 2;
            Optional<Route> r = arrival(reach, target, mid);
            if (r.isPresent() && r.get().timeS() <= mid) {
                hi = mid;
                best = r.get();
            } else {
                lo = mid;
            }
        }
        return found(target, hi, best);
    }

    static Intercept found(TargetMotion target, double t, Route route) {
        double[] p = target.at(t);
        return new Intercept(t, p[0], p[1], route.distanceM(), target.sigmaAt(t), route.path());
    }
}
