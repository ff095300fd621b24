package kz.shekara.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.planning.InterceptResult.Reason;
import kz.shekara.routing.Route;
import kz.shekara.routing.SeaSamples;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.TravelTimeModel;
import kz.shekara.routing.UnitState;

/**
 * The boats of one recommendation against one moving target, planned together from the target's
 * side. The search along the target's path ({@link InterceptPlanner#search}) evaluates the same
 * sample times for every boat, so each sample is snapped to the water once and each station's sea
 * leg to it is worked out once ({@link SeaSamples}); a boat's arrival at a sample is then two
 * additions and a division. A straight line shortened by a small allowance bounds a boat's way by
 * sea from below, so a sample the boat cannot reach in time (or, by its endurance, at all) costs it
 * no leg. The first timely sample is refined by the planner's own bisection, and only the meeting's
 * route is built. Same answers as {@link InterceptPlanner#plan} boat by boat. Single use, not
 * thread-safe.
 */
final class SeaIntercepts {
    /**
     * A way by sea is never shorter than the straight line (the tangent plane's distance is less
     * than the geodesic); the allowance covers the local distance's error on legs of hundreds of
     * kilometres, which is far below 2 %.
     */
    private static final double STRAIGHT_FACTOR = 0.98;

    private final InterceptPlanner planner;
    private final SeaTravelTime sea;
    private final SeaTravelTime.Ends ends;
    private final TargetMotion target;
    private final double[] times;
    /** Whether sample k starts an interval inside the area (the search has no sample before it to bisect from). */
    private final boolean[] opens;
    private final List<double[]> points;
    private final double[] east;
    private final double[] north;
    private final SeaSamples samples;

    private SeaIntercepts(InterceptPlanner planner, InterceptPlanner.ForTarget plans) {
        this.planner = planner;
        this.sea = planner.sea();
        this.ends = plans.ends();
        this.target = plans.target();
        PathSamples path = plans.samples();
        times = path.times();
        opens = path.opens();
        points = path.points();
        east = new double[times.length];
        north = new double[times.length];
        double[] en = new double[2];
        for (int k = 0; k < times.length; k++) {
            target.frame().toEastNorth(points.get(k)[0], points.get(k)[1], en);
            east[k] = en[0];
            north[k] = en[1];
        }
        samples = ends.samples(points);
    }

    /**
     * The intercept of each boat (in order) or the reason there is none; {@code starts} holds each
     * boat's prepared way into the water, or null. Boats against a moving target inside the area are
     * planned together; otherwise each one as {@link InterceptPlanner.ForTarget#plan} does.
     */
    static List<InterceptResult> plan(InterceptPlanner planner, InterceptPlanner.ForTarget plans, List<UnitState> boats,
                                      List<SeaTravelTime.Start> starts) {
        TargetMotion target = plans.target();
        List<InterceptResult> out = new ArrayList<>(boats.size());
        if (planner.sea() == null || target.stationary() || target.inside().isEmpty() || !plans.seaReachable()) {
            for (int i = 0; i < boats.size(); i++) {
                out.add(plans.plan(boats.get(i), starts.get(i)));
            }
            return out;
        }
        SeaIntercepts shared = new SeaIntercepts(planner, plans);
        for (int i = 0; i < boats.size(); i++) {
            UnitState boat = boats.get(i);
            out.add(shared.plan(boat, plans.start(boat, starts.get(i))));
        }
        return out;
    }

    /** The scan of {@link InterceptPlanner#search} for one boat, over the shared samples. */
    private InterceptResult plan(UnitState boat, SeaTravelTime.Start start) {
        int station = samples.station(start);
        if (station < 0) {
            return new NoIntercept(Reason.UNREACHABLE);
        }
        double[] at = new double[2];
        target.frame().toEastNorth(boat.lat(), boat.lon(), at);
        for (int k = 0; k < times.length; k++) {
            if (!samples.nearWater(k)) {
                continue;
            }
            if (late(boat, straightM(k, at), k) || late(boat, samples.leastMetres(start, station, k), k)) {
                continue;
            }
            double m = samples.metres(start, station, k);
            if (reaches(boat, m) && SeaTravelTime.timeS(boat, m) <= times[k]) {
                return meeting(start, k);
            }
        }
        return missed(boat, start, station, at);
    }

    /** Metres of the straight line from the boat to sample k, shortened by the allowance: no way by sea is shorter. */
    private double straightM(int k, double[] at) {
        double de = east[k] - at[0];
        double dn = north[k] - at[1];
        return Math.sqrt(de * de + dn * dn) * STRAIGHT_FACTOR;
    }

    /** Whether a way of at least {@code leastM} metres is beyond the boat's endurance or too late at sample k. */
    private boolean late(UnitState boat, double leastM, int k) {
        return leastM > boat.enduranceLeftM() || SeaTravelTime.timeS(boat, leastM) > times[k];
    }

    /** Whether the boat has a route of {@code m} metres: a way over the water within its endurance. */
    private static boolean reaches(UnitState boat, double m) {
        return !Double.isNaN(m) && !(m > boat.enduranceLeftM());
    }

    /** The meeting from the first timely sample k: the planner's bisection from the sample before it. */
    private InterceptResult meeting(SeaTravelTime.Start start, int k) {
        TravelTimeModel.Reach reach = sea.from(start, ends);
        Optional<Route> r = reach.to(points.get(k)[0], points.get(k)[1]);
        if (r.isEmpty() || r.get().timeS() > times[k]) {
            // Not expected (the route sums the same metres): the boat's own search then decides.
            return planner.search(reach, target);
        }
        return opens[k] ? InterceptPlanner.found(target, times[k], r.get())
                : InterceptPlanner.bisect(reach, target, times[k - 1], times[k], r.get());
    }

    /** No timely sample: unreachable when no sample has a route, else how late the boat is at the last one. */
    private InterceptResult missed(UnitState boat, SeaTravelTime.Start start, int station, double[] at) {
        boolean everReachable = false;
        for (int k = 0; k < times.length && !everReachable; k++) {
            everReachable = samples.nearWater(k) && !(straightM(k, at) > boat.enduranceLeftM())
                    && reaches(boat, samples.metres(start, station, k));
        }
        if (!everReachable) {
            return new NoIntercept(Reason.UNREACHABLE);
        }
        int last = times.length - 1;
        double lastEnd = times[last];
        double m = samples.metres(start, station, last);
        double lateS = reaches(boat, m) ? Math.max(0, SeaTravelTime.timeS(boat, m) - lastEnd) : Double.NaN;
        return new NoIntercept(lastEnd < target.horizonS() ? Reason.TARGET_LEAVES_AREA : Reason.CANNOT_CATCH, lateS);
    }
}
