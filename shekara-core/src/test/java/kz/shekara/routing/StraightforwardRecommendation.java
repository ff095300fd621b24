package kz.shekara.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.InterceptPlanner;
import kz.shekara.planning.InterceptResult;
import kz.shekara.planning.InterceptResult.Intercept;
import kz.shekara.planning.InterceptResult.NoIntercept;
import kz.shekara.planning.InterceptResult.Reason;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.Recommender;
import kz.shekara.planning.TargetMotion;
import kz.shekara.theatre.UnitKind;

/**
 * The recommender's rules computed the plain way, unit by unit, for checking the fast path: nearest
 * road nodes by scanning every node, road distances by a textbook Dijkstra over every node (no
 * junction contraction, no distance table), every sample time evaluated for every ground unit (no
 * lower bounds to skip samples), nothing shared between units. Same rules as {@link Recommender}:
 * road legs longer than the sample time times the ground units' top speed are not considered, the
 * meeting is interpolated between the last late and the first timely sample, and a unit that even
 * a straight line at its top speed cannot bring to the target is left out with that reason.
 */
final class StraightforwardRecommendation {
    private final RoadGraph graph;
    private final GroundTravelTime.Config groundConfig;
    private final InterceptPlanner planner;
    private final Recommender.Config config;
    private final Map<Integer, double[]> distances = new HashMap<>();
    private final Map<List<Double>, int[]> nearest = new HashMap<>();

    StraightforwardRecommendation(RoadGraph graph, GroundTravelTime.Config groundConfig, InterceptPlanner planner,
                                  Recommender.Config config) {
        this.graph = graph;
        this.groundConfig = groundConfig;
        this.planner = planner;
        this.config = config;
    }

    /** A unit's meeting, without its path; {@code miss} the reason it only pursues (null: it intercepts). */
    record Meeting(String unit, double etaS, double distanceM, double lat, double lon, double sigmaM,
                   boolean leavesSectorUncovered, String miss) {
    }

    record Result(List<Meeting> ranked, List<Recommendations.Excluded> excluded) {
    }

    /**
     * With nobody able to intercept, the units too late for it, each sent to the point of nine equal
     * steps of the target's path inside the area (now to its last time inside) where it is least
     * late, ranked by that lateness then arrival; arrivals up to a day after the target's.
     */
    Result recommend(TargetMotion target, List<UnitState> units, String command) {
        Result direct = intercepts(target, units, command);
        if (!direct.ranked().isEmpty() || target.inside().isEmpty()) {
            return direct;
        }
        List<double[]> in = target.inside();
        double lastS = in.get(in.size() - 1)[1];
        Map<String, Meeting> best = new HashMap<>();
        Map<String, Double> lateness = new HashMap<>();
        for (int j = 0; j <= 8; j++) {
            double t = j == 8 ? lastS : lastS * j / 8;
            if (in.stream().noneMatch(i -> i[0] <= t && t <= i[1])) {
                continue;
            }
            double[] p = target.at(t);
            Result there = intercepts(TargetMotion.of(p[0], p[1], 0, 0, target.sigmaAt(t), 0, t + 86_400, null), units,
                    command);
            for (Meeting m : there.ranked()) {
                Recommendations.Excluded late = direct.excluded().stream().filter(x -> x.unit().equals(m.unit())
                        && List.of("cannot-catch", "target-leaves-area", "beyond-horizon").contains(x.reason()))
                        .findFirst().orElse(null);
                double l = Math.max(0, m.etaS() - t);
                if (late != null && l < lateness.getOrDefault(m.unit(), Double.POSITIVE_INFINITY)) {
                    lateness.put(m.unit(), l);
                    best.put(m.unit(), new Meeting(m.unit(), m.etaS(), m.distanceM(), m.lat(), m.lon(), m.sigmaM(),
                            m.leavesSectorUncovered(), late.reason()));
                }
            }
        }
        List<Meeting> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble((Meeting m) -> lateness.get(m.unit())).thenComparingDouble(Meeting::etaS)
                .thenComparing(Meeting::unit));
        List<Recommendations.Excluded> excluded = new ArrayList<>(direct.excluded());
        excluded.removeIf(x -> best.containsKey(x.unit()));
        return new Result(ranked, excluded);
    }

    private Result intercepts(TargetMotion target, List<UnitState> units, String command) {
        List<Meeting> ranked = new ArrayList<>();
        List<Recommendations.Excluded> excluded = new ArrayList<>();
        double topSpeed = 0;
        for (UnitState u : units) {
            if (eligible(u, command) && ground(u)) {
                topSpeed = Math.max(topSpeed, Math.max(u.speedMps(), u.offRoadSpeedMps()));
            }
        }
        for (UnitState u : units) {
            if (u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.RETURNING) {
                excluded.add(new Recommendations.Excluded(u.unit(), "status-" + u.status().code()));
            } else if (command != null && !command.equals(u.controlledBy())) {
                excluded.add(new Recommendations.Excluded(u.unit(), "not-under-control"));
            } else {
                InterceptResult r = ground(u) ? overGround(u, target, topSpeed) : planner.plan(u, target);
                if (r instanceof Intercept i) {
                    ranked.add(new Meeting(u.unit(), i.timeS(), i.distanceM(), i.lat(), i.lon(), i.sigmaM(),
                            uncovers(u, units), null));
                } else {
                    excluded.add(new Recommendations.Excluded(u.unit(), ((NoIntercept) r).reason().code(),
                            ((NoIntercept) r).lateS()));
                }
            }
        }
        ranked.sort(Comparator.comparingDouble(Meeting::etaS).thenComparing(Meeting::unit));
        excluded.sort(Comparator.comparing(Recommendations.Excluded::unit));
        return new Result(ranked, excluded);
    }

    private static boolean eligible(UnitState u, String command) {
        return (u.status() == UnitStatus.AVAILABLE || u.status() == UnitStatus.RETURNING)
                && (command == null || command.equals(u.controlledBy()));
    }

    private static boolean ground(UnitState u) {
        return u.kind() == UnitKind.GROUND_VEHICLE || u.kind() == UnitKind.FOOT_PATROL;
    }

    private static boolean uncovers(UnitState u, List<UnitState> all) {
        if (u.sector() == null || u.status() != UnitStatus.AVAILABLE) {
            return false;
        }
        return all.stream().filter(o -> u.sector().equals(o.sector()) && o.status() == UnitStatus.AVAILABLE).count() <= 1;
    }

    private InterceptResult overGround(UnitState u, TargetMotion target, double topSpeed) {
        if (target.inside().isEmpty()) {
            return new NoIntercept(Reason.TARGET_OUTSIDE_AREA);
        }
        if (target.stationary()) {
            double[] a = arrival(u, target.lat(), target.lon(), target.horizonS() * topSpeed);
            if (a[0] <= target.horizonS()) {
                return new Intercept(a[0], target.lat(), target.lon(), a[1], target.sigmaAt(a[0]), List.of());
            }
            return new NoIntercept(a[0] < Double.POSITIVE_INFINITY ? Reason.BEYOND_HORIZON : Reason.UNREACHABLE);
        }
        double top = Math.max(u.speedMps(), u.offRoadSpeedMps());
        UnitState straight = new UnitState(u.unit(), UnitKind.HELICOPTER, u.lat(), u.lon(), u.status(), top, top,
                u.launchS(), u.enduranceLeftM(), u.command(), u.controlledBy(), u.sector());
        if (InterceptPlanner.closedForm(straight, target) instanceof NoIntercept n) {
            return n;
        }
        boolean reachable = false;
        for (double[] in : target.inside()) {
            double step = Math.max(config.stepS(), (in[1] - in[0]) / config.maxSamples());
            double prevLate = Double.POSITIVE_INFINITY;
            double prevT = 0;
            for (double t = in[0]; ; t = Math.min(t + step, in[1])) {
                double[] p = target.at(t);
                double[] a = arrival(u, p[0], p[1], t * topSpeed);
                double late = a[0] - t;
                reachable |= late < Double.POSITIVE_INFINITY;
                if (late <= 0) {
                    double meet = prevLate == Double.POSITIVE_INFINITY ? t : prevT + (t - prevT) * prevLate / (prevLate - late);
                    double[] m = target.at(meet);
                    return new Intercept(meet, m[0], m[1], a[1], target.sigmaAt(meet), List.of());
                }
                prevLate = late;
                prevT = t;
                if (t >= in[1]) {
                    break;
                }
            }
        }
        List<double[]> in = target.inside();
        Reason otherwise = in.get(in.size() - 1)[1] < target.horizonS() ? Reason.TARGET_LEAVES_AREA : Reason.CANNOT_CATCH;
        return new NoIntercept(reachable ? otherwise : Reason.UNREACHABLE);
    }

    /** {seconds from now (launch included), metres} to the point; road legs beyond {@code maxRoadM} not considered. */
    private double[] arrival(UnitState u, double lat, double lon, double maxRoadM) {
        double crossM = LocalDistance.m(u.lat(), u.lon(), lat, lon);
        double best = crossM <= u.enduranceLeftM() ? crossM / u.offRoadSpeedMps() : Double.POSITIVE_INFINITY;
        double bestM = crossM;
        int[] from = nearest(u.lat(), u.lon(), groundConfig.entryNodes());
        int[] to = nearest(lat, lon, 1);
        if (to.length == 1) {
            double[] dist = distancesFrom(to[0]);
            double toLegM = flatM(lat, lon, to[0]);
            for (int n : from) {
                double roadM = dist[n] <= maxRoadM ? dist[n] : Double.POSITIVE_INFINITY;
                double offM = flatM(u.lat(), u.lon(), n) + toLegM;
                double t = offM / u.offRoadSpeedMps() + roadM / u.speedMps();
                if (t < best && roadM + offM <= u.enduranceLeftM()) {
                    best = t;
                    bestM = roadM + offM;
                }
            }
        }
        return new double[] {u.launchS() + best, bestM};
    }

    /** Metres to a node on the flat earth at the query's latitude, as node look-ups measure. */
    private double flatM(double lat, double lon, int node) {
        double dn = (graph.lat(node) - lat) * LocalDistance.metresPerDegreeLat(lat);
        double de = (graph.lon(node) - lon) * LocalDistance.metresPerDegreeLon(lat);
        return Math.sqrt(dn * dn + de * de);
    }

    /** The k nearest nodes within the off-road limit, nearest first, by scanning every node (kept per point). */
    private int[] nearest(double lat, double lon, int k) {
        return nearest.computeIfAbsent(List.of(lat, lon, (double) k), key -> {
            int[] best = new int[k];
            double[] bestM = new double[k];
            Arrays.fill(bestM, Double.POSITIVE_INFINITY);
            for (int n = 0; n < graph.nodeCount(); n++) {
                double m = flatM(lat, lon, n);
                if (m > groundConfig.maxOffRoadM() || m >= bestM[k - 1]) {
                    continue;
                }
                int pos = k - 1;
                while (pos > 0 && bestM[pos - 1] > m) {
                    best[pos] = best[pos - 1];
                    bestM[pos] = bestM[pos - 1];
                    pos--;
                }
                best[pos] = n;
                bestM[pos] = m;
            }
            int found = 0;
            while (found < k && bestM[found] < Double.POSITIVE_INFINITY) {
                found++;
            }
            return Arrays.copyOf(best, found);
        });
    }

    /** Textbook Dijkstra over every node of the network. */
    private double[] distancesFrom(int source) {
        return distances.computeIfAbsent(source, s -> {
            double[] dist = new double[graph.nodeCount()];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            dist[s] = 0;
            PriorityQueue<double[]> queue = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
            queue.add(new double[] {0, s});
            while (!queue.isEmpty()) {
                double[] top = queue.poll();
                int v = (int) top[1];
                if (top[0] > dist[v]) {
                    continue;
                }
                for (int e = graph.firstEdge(v); e < graph.firstEdge(v + 1); e++) {
                    double nd = top[0] + graph.edgeLength(e);
                    int w = graph.edgeTarget(e);
                    if (nd < dist[w]) {
                        dist[w] = nd;
                        queue.add(new double[] {nd, w});
                    }
                }
            }
            return dist;
        });
    }
}
