package kz.shekara.response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.model.UnitStatus;
import kz.shekara.response.InterceptResult.Intercept;
import kz.shekara.response.InterceptResult.NoIntercept;
import kz.shekara.response.InterceptResult.Reason;
import kz.shekara.theatre.UnitKind;

/**
 * Ranks units by how soon each can meet a target. Only available or returning units under the
 * requesting command's operational control count. Air and sea units go through the
 * {@link InterceptPlanner}; ground units share road searches: one search from the target's road
 * node serves all of them for a stationary target, and one per sample time (steps of at least
 * {@code stepS}, at most {@code maxSamples} per interval inside the area) for a moving one, the
 * meeting time interpolated between the last late and the first timely sample. Immutable and
 * thread-safe when its models are; for 500 units the cost is dominated by those road searches.
 */
public final class Recommender {
    private final InterceptPlanner planner;
    private final GroundTravelTime ground;
    private final double stepS;
    private final int maxSamples;

    /** {@code ground} may be null (ground units then move in a straight line, off-road). */
    public Recommender(InterceptPlanner planner, GroundTravelTime ground, double stepS, int maxSamples) {
        if (!(stepS > 0) || maxSamples < 1) {
            throw new IllegalArgumentException("stepS must be > 0 and maxSamples >= 1");
        }
        this.planner = planner;
        this.ground = ground;
        this.stepS = stepS;
        this.maxSamples = maxSamples;
    }

    /**
     * The ranking for a target. {@code requestingCommand} is the command asking; null asks as the
     * national centre, which sees every unit.
     */
    public Recommendations recommend(TargetMotion target, List<UnitState> units, String requestingCommand) {
        List<Recommendations.Excluded> excluded = new ArrayList<>();
        List<UnitState> candidates = new ArrayList<>();
        List<UnitState> groundUnits = new ArrayList<>();
        for (UnitState u : units) {
            if (u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.RETURNING) {
                excluded.add(new Recommendations.Excluded(u.unit(), "status-" + u.status().code()));
            } else if (requestingCommand != null && !requestingCommand.equals(u.controlledBy())) {
                excluded.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else if (ground != null && isGround(u.kind())) {
                groundUnits.add(u);
            } else {
                candidates.add(u);
            }
        }
        Map<UnitState, InterceptResult> results = new IdentityHashMap<>();
        for (UnitState u : candidates) {
            results.put(u, planner.plan(u, target));
        }
        if (!groundUnits.isEmpty()) {
            InterceptResult[] g = groundIntercepts(target, groundUnits);
            for (int i = 0; i < g.length; i++) {
                results.put(groundUnits.get(i), g[i]);
            }
        }
        return rank(units, results, excluded);
    }

    private static boolean isGround(UnitKind kind) {
        return kind == UnitKind.GROUND_VEHICLE || kind == UnitKind.FOOT_PATROL;
    }

    private Recommendations rank(List<UnitState> all, Map<UnitState, InterceptResult> results,
                                 List<Recommendations.Excluded> excluded) {
        Map<String, Integer> availableBySector = new HashMap<>();
        for (UnitState u : all) {
            if (u.sector() != null && u.status() == UnitStatus.AVAILABLE) {
                availableBySector.merge(u.sector(), 1, Integer::sum);
            }
        }
        List<Map.Entry<UnitState, Intercept>> feasible = new ArrayList<>();
        for (UnitState u : all) {
            InterceptResult r = results.get(u);
            if (r instanceof Intercept i) {
                feasible.add(Map.entry(u, i));
            } else if (r instanceof NoIntercept n) {
                excluded.add(new Recommendations.Excluded(u.unit(), n.reason().code()));
            }
        }
        feasible.sort(Comparator.comparingDouble((Map.Entry<UnitState, Intercept> e) -> e.getValue().timeS())
                .thenComparing(e -> e.getKey().unit()));
        List<Recommendation> ranked = new ArrayList<>(feasible.size());
        for (Map.Entry<UnitState, Intercept> e : feasible) {
            UnitState u = e.getKey();
            Intercept i = e.getValue();
            boolean uncovers = u.sector() != null && u.status() == UnitStatus.AVAILABLE
                    && availableBySector.getOrDefault(u.sector(), 0) <= 1;
            ranked.add(new Recommendation(ranked.size() + 1, u.unit(), u.kind(), i.timeS(), i.distanceM(), i.lat(),
                    i.lon(), i.sigmaM(), i.path(), uncovers));
        }
        return new Recommendations(ranked, excluded);
    }

    private InterceptResult[] groundIntercepts(TargetMotion target, List<UnitState> units) {
        int n = units.size();
        InterceptResult[] out = new InterceptResult[n];
        if (target.inside().isEmpty()) {
            Arrays.fill(out, new NoIntercept(Reason.TARGET_OUTSIDE_AREA));
            return out;
        }
        GroundTravelTime.Origin[] origins = new GroundTravelTime.Origin[n];
        double maxSpeed = 0;
        for (int i = 0; i < n; i++) {
            origins[i] = ground.origin(units.get(i));
            maxSpeed = Math.max(maxSpeed, Math.max(units.get(i).speedMps(), units.get(i).offRoadSpeedMps()));
        }
        if (target.stationary()) {
            GroundTravelTime.Destination d = ground.toward(target.lat(), target.lon(), target.horizonS() * maxSpeed);
            for (int i = 0; i < n; i++) {
                Optional<Route> r = ground.route(origins[i], d);
                out[i] = r.isEmpty() ? new NoIntercept(Reason.UNREACHABLE)
                        : r.get().timeS() > target.horizonS() ? new NoIntercept(Reason.BEYOND_HORIZON)
                        : new Intercept(r.get().timeS(), target.lat(), target.lon(), r.get().distanceM(),
                        target.sigmaAt(r.get().timeS()), r.get().path());
            }
            return out;
        }
        boolean[] reachable = new boolean[n];
        int pending = n;
        for (double[] in : target.inside()) {
            pending = sampleInterval(target, in, origins, maxSpeed, out, reachable, pending);
        }
        List<double[]> in = target.inside();
        boolean leaves = in.get(in.size() - 1)[1] < target.horizonS();
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                out[i] = new NoIntercept(!reachable[i] ? Reason.UNREACHABLE
                        : leaves ? Reason.TARGET_LEAVES_AREA : Reason.CANNOT_CATCH);
            }
        }
        return out;
    }

    private int sampleInterval(TargetMotion target, double[] in, GroundTravelTime.Origin[] origins, double maxSpeed,
                               InterceptResult[] out, boolean[] reachable, int pending) {
        double step = Math.max(stepS, (in[1] - in[0]) / maxSamples);
        double[] prevLate = new double[origins.length];
        Arrays.fill(prevLate, Double.POSITIVE_INFINITY);
        double prevT = Double.NaN;
        for (double t = in[0]; pending > 0; t = Math.min(t + step, in[1])) {
            double[] p = target.at(t);
            GroundTravelTime.Destination d = ground.toward(p[0], p[1], t * maxSpeed);
            for (int i = 0; i < origins.length; i++) {
                if (out[i] != null) {
                    continue;
                }
                double late = ground.arrivalS(origins[i], d) - t;
                reachable[i] |= late < Double.POSITIVE_INFINITY;
                if (late <= 0) {
                    double tStar = prevLate[i] == Double.POSITIVE_INFINITY ? t
                            : prevT + (t - prevT) * prevLate[i] / (prevLate[i] - late);
                    out[i] = interpolated(target, tStar, ground.route(origins[i], d).orElseThrow());
                    pending--;
                } else {
                    prevLate[i] = late;
                }
            }
            prevT = t;
            if (t >= in[1]) {
                break;
            }
        }
        return pending;
    }

    /** The intercept at {@code t}, with the route found to the sample after it ending at the meeting point. */
    private static Intercept interpolated(TargetMotion target, double t, Route route) {
        double[] p = target.at(t);
        List<GeoPoint> path = new ArrayList<>(route.path());
        path.set(path.size() - 1, new GeoPoint(p[0], p[1]));
        return new Intercept(t, p[0], p[1], route.distanceM(), target.sigmaAt(t), path);
    }
}
