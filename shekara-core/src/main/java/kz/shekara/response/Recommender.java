package kz.shekara.response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
 * meeting time interpolated between the last late and the first timely sample. Paths are built for
 * the first {@code pathCount} ranked units only (the others carry an empty path). Immutable and
 * thread-safe when its models are; for 500 units the cost is dominated by the road searches.
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
    private record Candidate(UnitState unit, double timeS, double lat, double lon, double distanceM, double sigmaM,
                             Supplier<List<GeoPoint>> path) {
        static Candidate of(UnitState u, Intercept i) {
            return new Candidate(u, i.timeS(), i.lat(), i.lon(), i.distanceM(), i.sigmaM(), i::path);
        }
    }

    /**
     * The ranking for a target. {@code requestingCommand} is the command asking; null asks as the
     * national centre, which sees every unit.
     */
    public Recommendations recommend(TargetMotion target, List<UnitState> units, String requestingCommand) {
        List<Recommendations.Excluded> excluded = new ArrayList<>();
        List<Candidate> feasible = new ArrayList<>();
        List<UnitState> groundUnits = new ArrayList<>();
        for (UnitState u : units) {
            if (u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.RETURNING) {
                excluded.add(new Recommendations.Excluded(u.unit(), "status-" + u.status().code()));
            } else if (requestingCommand != null && !requestingCommand.equals(u.controlledBy())) {
                excluded.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else if (ground != null && isGround(u.kind())) {
                groundUnits.add(u);
            } else {
                collect(u, planner.plan(u, target), feasible, excluded);
            }
        }
        if (!groundUnits.isEmpty()) {
            new GroundBatch(target, groundUnits).run(feasible, excluded);
        }
        return rank(units, feasible, excluded);
    }

    private static void collect(UnitState u, InterceptResult r, List<Candidate> feasible,
                                List<Recommendations.Excluded> excluded) {
        if (r instanceof Intercept i) {
            feasible.add(Candidate.of(u, i));
        } else if (r instanceof NoIntercept n) {
            excluded.add(new Recommendations.Excluded(u.unit(), n.reason().code()));
        }
    }

    private static boolean isGround(UnitKind kind) {
        return kind == UnitKind.GROUND_VEHICLE || kind == UnitKind.FOOT_PATROL;
    }

    private Recommendations rank(List<UnitState> all, List<Candidate> feasible, List<Recommendations.Excluded> excluded) {
        Map<String, Integer> availableBySector = new HashMap<>();
        for (UnitState u : all) {
            if (u.sector() != null && u.status() == UnitStatus.AVAILABLE) {
                availableBySector.merge(u.sector(), 1, Integer::sum);
            }
        }
        feasible.sort(Comparator.comparingDouble(Candidate::timeS).thenComparing(c -> c.unit().unit()));
        excluded.sort(Comparator.comparing(Recommendations.Excluded::unit));
        List<Recommendation> ranked = new ArrayList<>(feasible.size());
        for (Candidate c : feasible) {
            UnitState u = c.unit();
            boolean uncovers = u.sector() != null && u.status() == UnitStatus.AVAILABLE
                    && availableBySector.getOrDefault(u.sector(), 0) <= 1;
            List<GeoPoint> path = ranked.size() < config.pathCount() ? c.path().get() : List.of();
            ranked.add(new Recommendation(ranked.size() + 1, u.unit(), u.kind(), c.timeS(), c.distanceM(), c.lat(),
                    c.lon(), c.sigmaM(), path, uncovers));
        }
        return new Recommendations(ranked, excluded);
    }

    /** The ground units of one recommendation against one target, sharing the road searches. */
    private final class GroundBatch {
        private final TargetMotion target;
        private final List<UnitState> units;
        private final GroundTravelTime.Origin[] origins;
        private final Candidate[] found;
        private final boolean[] reachable;
        private final double[] lowerBoundS;
        private double maxSpeed;
        private int pending;

        GroundBatch(TargetMotion target, List<UnitState> units) {
            this.target = target;
            this.units = units;
            this.origins = new GroundTravelTime.Origin[units.size()];
            this.found = new Candidate[units.size()];
            this.reachable = new boolean[units.size()];
            for (int i = 0; i < origins.length; i++) {
                origins[i] = ground.origin(units.get(i));
                maxSpeed = Math.max(maxSpeed, Math.max(units.get(i).speedMps(), units.get(i).offRoadSpeedMps()));
            }
            this.pending = units.size();
            this.lowerBoundS = new double[units.size()];
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
                    excluded.add(new Recommendations.Excluded(u.unit(), ((NoIntercept) r).reason().code()));
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
                    excluded.add(new Recommendations.Excluded(units.get(i).unit(), r.code()));
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
}
