package kz.shekara.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.routing.GeoPoint;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.RoadGraph;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.UnitState;
import kz.shekara.theatre.UnitKind;

/**
 * Ranks units by how soon each can meet a target. Only available or returning units under the
 * requesting command's operational control count. Air and sea units go through the
 * {@link InterceptPlanner}; ground units share road searches: one search from the target's road
 * node serves all of them for a stationary target, and one per sample time (steps of at least
 * {@code stepS}, at most {@code maxSamples} per interval inside the area) for a moving one, the
 * meeting time interpolated between the last late and the first timely sample. Paths are built for
 * the first {@code pathCount} ranked units only (the others carry an empty path). The work on the
 * units' side (where each ground unit joins the roads) can be prepared once and reused for many
 * targets ({@link #prepare}), and so can each boat's way into open water; on the target's side, a
 * target whose path never comes within reach of open water is decided unreachable by sea once per
 * ranking, not once per boat ({@link InterceptPlanner#forTarget}), and boats against a moving target
 * share its samples and each station's legs to them ({@link SeaIntercepts}). Immutable and
 * thread-safe when its models are; on a tabled road network ({@link RoadGraph}) a search is one pass
 * over the junctions, and 500 units cost about a millisecond.
 */
public final class Recommender {
    private final InterceptPlanner planner;
    private final GroundTravelTime ground;
    private final Config config;

    /** Sampling of a moving target for ground units, and how many ranked units get their path. */
    public record Config(double stepS, int maxSamples, int pathCount) {
        public static final Config DEFAULT = new Config(30, 32, 10);

        public Config {
            if (!(stepS > 0) || maxSamples < 1 || pathCount < 0) {
                throw new IllegalArgumentException("stepS must be > 0, maxSamples >= 1, pathCount >= 0");
            }
        }
    }

    /** {@code ground} may be null (ground units then move in a straight line, off-road). */
    public Recommender(InterceptPlanner planner, GroundTravelTime ground, Config config) {
        this.planner = planner;
        this.ground = ground;
        this.config = config;
    }

    /** A unit's meeting with the target; its path is built only if it ranks among the first. */
    record Candidate(UnitState unit, double timeS, double lat, double lon, double distanceM, double sigmaM,
                     Supplier<List<GeoPoint>> path) {
        static Candidate of(UnitState u, Intercept i) {
            return new Candidate(u, i.timeS(), i.lat(), i.lon(), i.distanceM(), i.sigmaM(), i::path);
        }
    }

    /**
     * The ranking for a target. {@code requestingCommand} is the command asking; null asks as the
     * national centre, which sees every unit. Prepares the units for this one target; a caller that
     * ranks several targets against the same units prepares them once ({@link #prepare}).
     */
    public Recommendations recommend(TargetMotion target, List<UnitState> units, String requestingCommand) {
        return recommend(target, prepare(units), requestingCommand);
    }

    /** The work on the units' side, done once for every target ranked against these unit states. */
    public PreparedUnits prepare(List<UnitState> units) {
        return PreparedUnits.of(ground, planner.sea(), units, null);
    }

    /**
     * The work on the units' side for new unit states, reusing that of {@code previous} for every
     * unit whose state is unchanged (a live picture where few units move between two rankings).
     */
    public PreparedUnits prepare(List<UnitState> units, PreparedUnits previous) {
        return PreparedUnits.of(ground, planner.sea(), units, previous);
    }

    /**
     * The ranking for a target against prepared units (same answer as with their list of states).
     * When no unit can meet the target, the units that are only too late are ranked as a pursuit
     * ({@link #pursuit}): an operator always gets the best unit there is.
     */
    public Recommendations recommend(TargetMotion target, PreparedUnits units, String requestingCommand) {
        Recommendations r = intercepts(target, units, requestingCommand);
        return r.ranked().isEmpty() ? pursuit(target, units, requestingCommand, r) : r;
    }

    /** How long after the target a pursuing unit may arrive at the end of its path and still be ranked. */
    static final double PURSUIT_S = 86_400;

    /** The reasons of a unit that has a way to the target and is only too late for it. */
    private static final Set<String> TOO_LATE = Set.of(InterceptResult.Reason.CANNOT_CATCH.code(),
            InterceptResult.Reason.TARGET_LEAVES_AREA.code(), InterceptResult.Reason.BEYOND_HORIZON.code());

    /**
     * The pursuit when nobody can intercept: every unit excluded only for being too late, sent to the
     * point of the target's predicted path inside the area where it is least late. The path is
     * looked at in {@link #PURSUIT_POINTS} equal steps from now to the last time it is inside the area
     * (where it leaves the area, or where it is at the end of the horizon); a point outside the area
     * does not count, nor a point the unit cannot get to (a boat's path extrapolated over land). Ranked
     * by how long after the target each gets there, then by arrival; arrivals up to a day after the
     * target's count ({@link #PURSUIT_S}). The others stay excluded.
     */
    private Recommendations pursuit(TargetMotion target, PreparedUnits units, String requestingCommand,
                                    Recommendations none) {
        Map<String, String> late = new HashMap<>();
        none.excluded().stream().filter(x -> TOO_LATE.contains(x.reason())).forEach(x -> late.put(x.unit(), x.reason()));
        if (late.isEmpty() || target.inside().isEmpty()) {
            return none;
        }
        Map<String, Recommendation> best = new HashMap<>();
        for (double t : pursuitTimes(target)) {
            double[] p = target.at(t);
            TargetMotion there = TargetMotion.of(p[0], p[1], 0, 0, target.sigmaAt(t), 0, t + PURSUIT_S, null);
            for (Recommendation x : intercepts(there, units, requestingCommand).ranked()) {
                String miss = late.get(x.unit());
                double lateS = Math.max(0, x.etaS() - t);
                Recommendation sofar = best.get(x.unit());
                if (miss != null && (sofar == null || lateS < sofar.lateS())) {
                    best.put(x.unit(), new Recommendation(0, x.unit(), x.kind(), x.etaS(), x.distanceM(), x.lat(), x.lon(),
                            x.sigmaM(), x.path(), x.leavesSectorUncovered(), miss, lateS));
                }
            }
        }
        List<Recommendation> order = new ArrayList<>(best.values());
        order.sort(Comparator.comparingDouble(Recommendation::lateS).thenComparingDouble(Recommendation::etaS)
                .thenComparing(Recommendation::unit));
        List<Recommendation> ranked = new ArrayList<>(order.size());
        for (Recommendation x : order) {
            ranked.add(new Recommendation(ranked.size() + 1, x.unit(), x.kind(), x.etaS(), x.distanceM(), x.lat(), x.lon(),
                    x.sigmaM(), x.path(), x.leavesSectorUncovered(), x.miss(), x.lateS()));
        }
        List<Recommendations.Excluded> excluded = new ArrayList<>(none.excluded());
        excluded.removeIf(x -> best.containsKey(x.unit()));
        return new Recommendations(ranked, excluded);
    }

    /** How many equal steps of a target's path inside the area a pursuit looks at. */
    static final int PURSUIT_POINTS = 8;

    /** The times (seconds from now) a pursuit looks at: equal steps to the last time inside the area, inside only. */
    static List<Double> pursuitTimes(TargetMotion target) {
        List<double[]> in = target.inside();
        double lastS = in.get(in.size() - 1)[1];
        List<Double> times = new ArrayList<>();
        for (int j = 0; j <= PURSUIT_POINTS; j++) {
            double t = j == PURSUIT_POINTS ? lastS : lastS * j / PURSUIT_POINTS;
            // A target that stays put is there until the last time: the only point, and the latest.
            if (in.stream().anyMatch(i -> i[0] <= t && t <= i[1]) && (j == PURSUIT_POINTS || !target.stationary())) {
                times.add(t);
            }
        }
        return times;
    }

    /** The units that can meet the target, and why each of the others cannot. */
    private Recommendations intercepts(TargetMotion target, PreparedUnits units, String requestingCommand) {
        if (units.ground() != ground || units.sea() != planner.sea()) {
            throw new IllegalArgumentException("units were prepared by a recommender with other models");
        }
        InterceptPlanner.ForTarget plans = planner.forTarget(target);
        List<Recommendations.Excluded> excluded = new ArrayList<>();
        List<Candidate> feasible = new ArrayList<>();
        List<UnitState> groundUnits = new ArrayList<>();
        List<GroundTravelTime.Origin> origins = new ArrayList<>();
        List<UnitState> boats = new ArrayList<>();
        List<SeaTravelTime.Start> starts = new ArrayList<>();
        List<UnitState> all = units.units();
        for (int i = 0; i < all.size(); i++) {
            UnitState u = all.get(i);
            if (!PreparedUnits.eligible(u)) {
                excluded.add(new Recommendations.Excluded(u.unit(), "status-" + u.status().code()));
            } else if (requestingCommand != null && !requestingCommand.equals(u.controlledBy())) {
                excluded.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else if (units.origin(i) != null) {
                groundUnits.add(u);
                origins.add(units.origin(i));
            } else if (u.kind() == UnitKind.BOAT) {
                boats.add(u);
                starts.add(units.seaStart(i));
            } else {
                collect(u, plans.plan(u, null), feasible, excluded);
            }
        }
        if (!boats.isEmpty()) {
            List<InterceptResult> results = SeaIntercepts.plan(planner, plans, boats, starts);
            for (int i = 0; i < boats.size(); i++) {
                collect(boats.get(i), results.get(i), feasible, excluded);
            }
        }
        if (!groundUnits.isEmpty()) {
            new GroundIntercepts(ground, config, target, groundUnits, origins.toArray(new GroundTravelTime.Origin[0]))
                    .run(feasible, excluded);
        }
        return rank(units, feasible, excluded);
    }

    private static void collect(UnitState u, InterceptResult r, List<Candidate> feasible,
                                List<Recommendations.Excluded> excluded) {
        if (r instanceof Intercept i) {
            feasible.add(Candidate.of(u, i));
        } else if (r instanceof NoIntercept n) {
            excluded.add(new Recommendations.Excluded(u.unit(), n.reason().code(), n.lateS()));
        }
    }

    static boolean isGround(UnitKind kind) {
        return kind == UnitKind.GROUND_VEHICLE || kind == UnitKind.FOOT_PATROL;
    }

    private static final Comparator<Candidate> BY_TIME_THEN_UNIT =
            Comparator.comparingDouble(Candidate::timeS).thenComparing(c -> c.unit().unit());

    private Recommendations rank(PreparedUnits units, List<Candidate> feasible,
                                 List<Recommendations.Excluded> excluded) {
        feasible.sort(BY_TIME_THEN_UNIT);
        excluded.sort(Comparator.comparing(Recommendations.Excluded::unit));
        List<Recommendation> ranked = new ArrayList<>(feasible.size());
        for (Candidate c : feasible) {
            UnitState u = c.unit();
            boolean uncovers = u.sector() != null && u.status() == UnitStatus.AVAILABLE
                    && units.availableIn(u.sector()) <= 1;
            List<GeoPoint> path = ranked.size() < config.pathCount() ? c.path().get() : List.of();
            ranked.add(new Recommendation(ranked.size() + 1, u.unit(), u.kind(), c.timeS(), c.distanceM(), c.lat(),
                    c.lon(), c.sigmaM(), path, uncovers));
        }
        return new Recommendations(ranked, excluded);
    }
}
