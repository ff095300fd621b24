package kz.shekara.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Travel over the ground: off-road at the unit's off-road speed to one of its nearest road nodes,
 * the shortest road path at its road speed to the road node nearest the point, off-road again to
 * the point; or straight across country when that is faster. Roads are undirected, so one search
 * from the point's road node ({@link #toward}) serves every unit ({@link #route(Origin, Destination)}).
 * Immutable and thread-safe; a destination costs one bounded Dijkstra, a unit against it a few
 * array reads.
 */
public final class GroundTravelTime implements TravelTimeModel {
    private final RoadGraph graph;
    private final Config config;

    /** Off-road legs reach at most {@code maxOffRoadM} to a road; a unit may enter at any of its {@code entryNodes} nearest. */
    public record Config(double maxOffRoadM, int entryNodes) {
        public static final Config DEFAULT = new Config(30_000, 3);

        public Config {
            if (!(maxOffRoadM > 0) || entryNodes < 1) {
                throw new IllegalArgumentException("maxOffRoadM must be > 0 and entryNodes >= 1");
            }
        }
    }

    /** Where a unit can join the road network: nodes and off-road metres to each. */
    public record Origin(UnitState unit, int[] nodes, double[] legM) {
    }

    /** A point and the shortest road distances from its nearest road node (none when no road is near). */
    public record Destination(double lat, double lon, int node, double legM, RoadGraph.ShortestPaths paths) {
    }

    public GroundTravelTime(RoadGraph graph, Config config) {
        this.graph = graph;
        this.config = config;
    }

    public RoadGraph graph() {
        return graph;
    }

    @Override
    public Optional<Route> route(UnitState from, double lat, double lon) {
        return route(origin(from), toward(lat, lon, Double.POSITIVE_INFINITY));
    }

    @Override
    public Reach from(UnitState unit) {
        Origin origin = origin(unit);
        Map<Integer, RoadGraph.ShortestPaths> trees = new HashMap<>();
        return (lat, lon) -> {
            int[] node = new int[1];
            double[] legM = new double[1];
            if (graph.nearest(lat, lon, config.maxOffRoadM(), node, legM) == 0) {
                return route(origin, new Destination(lat, lon, -1, 0, null));
            }
            RoadGraph.ShortestPaths t = trees.computeIfAbsent(node[0], n -> graph.search(n, Double.POSITIVE_INFINITY));
            return route(origin, new Destination(lat, lon, node[0], legM[0], t));
        };
    }

    /** The unit's ways onto the road network. */
    public Origin origin(UnitState unit) {
        int[] nodes = new int[config.entryNodes()];
        double[] legM = new double[config.entryNodes()];
        int found = graph.nearest(unit.lat(), unit.lon(), config.maxOffRoadM(), nodes, legM);
        return new Origin(unit, java.util.Arrays.copyOf(nodes, found), java.util.Arrays.copyOf(legM, found));
    }

    /** One search from the point's nearest road node, to road distances of at most {@code maxRoadM}. */
    public Destination toward(double lat, double lon, double maxRoadM) {
        int[] node = new int[1];
        double[] legM = new double[1];
        if (graph.nearest(lat, lon, config.maxOffRoadM(), node, legM) == 0) {
            return new Destination(lat, lon, -1, 0, null);
        }
        return new Destination(lat, lon, node[0], legM[0], graph.search(node[0], maxRoadM));
    }

    /** Seconds from now for the unit to reach the destination (launch included); infinite when it cannot. */
    public double arrivalS(Origin origin, Destination to) {
        return best(origin, to).timeS();
    }

    /** The fastest route of the unit to the destination, with its path; empty when it cannot get there. */
    public Optional<Route> route(Origin origin, Destination to) {
        Leg leg = best(origin, to);
        if (leg.timeS() == Double.POSITIVE_INFINITY) {
            return Optional.empty();
        }
        return Optional.of(new Route(leg.timeS(), leg.distanceM(), path(origin, to, leg)));
    }

    /** The time (launch included) and distance of the fastest way, and where it joins the roads (-1: across country). */
    public record Leg(double timeS, double distanceM, int entry) {
    }

    /** The fastest way from a prepared origin to a prepared destination, without its path. */
    public Leg best(Origin origin, Destination to) {
        UnitState u = origin.unit();
        double crossM = LocalDistance.m(u.lat(), u.lon(), to.lat(), to.lon());
        double best = crossM <= u.enduranceLeftM() ? crossM / u.offRoadSpeedMps() : Double.POSITIVE_INFINITY;
        double bestM = crossM;
        int entry = -1;
        if (to.paths() != null) {
            for (int i = 0; i < origin.nodes().length; i++) {
                double roadM = to.paths().distTo(origin.nodes()[i]);
                double offM = origin.legM()[i] + to.legM();
                double t = offM / u.offRoadSpeedMps() + roadM / u.speedMps();
                if (t < best && roadM + offM <= u.enduranceLeftM()) {
                    best = t;
                    bestM = roadM + offM;
                    entry = i;
                }
            }
        }
        return new Leg(u.launchS() + best, bestM, entry);
    }

    /** The path of a way {@link #best} found, from the unit to the destination. */
    public List<GeoPoint> path(Origin origin, Destination to, Leg leg) {
        UnitState u = origin.unit();
        List<GeoPoint> path = new ArrayList<>();
        path.add(new GeoPoint(u.lat(), u.lon()));
        if (leg.entry() >= 0) {
            for (int n : to.paths().path(origin.nodes()[leg.entry()])) {
                path.add(new GeoPoint(graph.lat(n), graph.lon(n)));
            }
        }
        path.add(new GeoPoint(to.lat(), to.lon()));
        return path;
    }
}
