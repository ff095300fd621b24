package kz.shekara.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Travel by sea, over water only: the shortest path in a visibility graph of the coast's convex
 * corners ({@link SeaGraph}), built once per theatre from its SEA zones shrunk by a coastal margin,
 * so that every leg lies in open water and never crosses land. A boat or a point within
 * {@code snapM} of open water (a harbour, the shore) is moved to the nearest open water first; a
 * point farther inland is unreachable. Immutable and thread-safe; a query checks the straight line
 * first, then the corners visible from the unit and, nearest-bound first, from the point.
 */
public final class SeaTravelTime implements TravelTimeModel {
    private final SeaGraph graph;
    private final double snapM;

    /** Paths keep {@code marginM} from the coast; units and points within {@code snapM} of open water are snapped to it. */
    public record Config(double marginM, double snapM, int maxNodes) {
        public static final Config DEFAULT = new Config(200, 5_000, 400);

        public Config {
            if (!(marginM >= 0) || !(snapM >= 0) || maxNodes < 3) {
                throw new IllegalArgumentException("marginM, snapM must be >= 0 and maxNodes >= 3");
            }
        }
    }

    public SeaTravelTime(Geometry water, Config config) {
        this.graph = new SeaGraph(water, config.marginM(), config.maxNodes());
        this.snapM = config.snapM();
    }

    /** The sea model of a theatre's SEA zones; empty when it has none. */
    public static Optional<SeaTravelTime> ofZones(List<Zone> zones, Config config) {
        List<Geometry> sea = zones.stream().filter(z -> z.kind() == ZoneKind.SEA).map(Zone::geometry).toList();
        if (sea.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SeaTravelTime(UnaryUnionOp.union(sea), config));
    }

    /** Corners of the coast in the visibility graph (for tests and diagnostics). */
    public int nodeCount() {
        return graph.size();
    }

    @Override
    public Optional<Route> route(UnitState from, double lat, double lon) {
        return from(from).to(lat, lon);
    }

    @Override
    public Reach from(UnitState unit) {
        return from(start(unit), new Ends());
    }

    /** Where a unit joins open water, for every target ranked against the unit (null water: it cannot). */
    public Start start(UnitState unit) {
        return new Start(unit, openWater(unit.lat(), unit.lon()));
    }

    /**
     * A unit's way into open water and, worked out on first use, its sea distances to every corner
     * of the graph: reusable for any number of targets while the unit's state is unchanged.
     * Thread-safe (two threads may both work out the distances; either result is the same).
     */
    public final class Start {
        private final UnitState unit;
        private final Coordinate water;
        private final double snapM;
        private volatile SeaGraph.Source source;

        private Start(UnitState unit, Coordinate water) {
            this.unit = unit;
            this.water = water;
            this.snapM = water == null ? Double.NaN : LocalDistance.m(unit.lat(), unit.lon(), water.y, water.x);
        }

        public UnitState unit() {
            return unit;
        }

        /** The open water the unit heads for first; null when it is too far inland to reach any. */
        Coordinate water() {
            return water;
        }

        /** Metres from the unit to its open water (0 when it is in it; NaN when it has none). */
        double snapM() {
            return snapM;
        }

        public SeaTravelTime model() {
            return SeaTravelTime.this;
        }

        private SeaGraph.Source source() {
            SeaGraph.Source s = source;
            if (s == null) {
                s = graph.source(water);
                source = s;
            }
            return s;
        }
    }

    /**
     * Target points snapped to open water (null where a point is too far inland), remembered for
     * every boat ranked against one target. Not thread-safe: one ranking at a time.
     */
    public final class Ends {
        private static final Coordinate INLAND = new Coordinate(Double.NaN, Double.NaN);
        private final Map<Long, Map<Long, Coordinate>> byLat = new HashMap<>();
        private final Map<Coordinate, byte[]> cornersSeeing = new java.util.IdentityHashMap<>();
        private final Map<Coordinate, Map<Coordinate, Leg>> legs = new java.util.IdentityHashMap<>();

        /** Which corners see an end this memo returned (see {@link SeaGraph.Source#bestVia(Coordinate, byte[])}). */
        private byte[] cornersSeeing(Coordinate end) {
            return cornersSeeing.computeIfAbsent(end, e -> new byte[graph.size()]);
        }

        /**
         * The leg over open water from a prepared start to an end this memo returned; boats that join
         * the water at the same point (one station) share it, as the computation depends on that point only.
         */
        Leg leg(Start start, Coordinate end) {
            return legs.computeIfAbsent(end, e -> new HashMap<>()).computeIfAbsent(start.water, b -> {
                if (graph.visible(b, end)) {
                    return new Leg(null, LocalDistance.m(b.y, b.x, end.y, end.x));
                }
                SeaGraph.Source source = start.source();
                Optional<int[]> via = source.bestVia(end, cornersSeeing(end));
                return via.map(v -> new Leg(v, source.distanceVia(v, end)))
                        .orElse(new Leg(null, Double.POSITIVE_INFINITY));
            });
        }

        /**
         * A lower bound of {@link #leg}'s metres, without checking what sees what: the straight line
         * when it is shorter than the least way through the corners, else that way (the leg is one
         * of the two, or longer than the second).
         */
        double leastLegM(Start start, Coordinate end) {
            double straight = LocalDistance.m(start.water.y, start.water.x, end.y, end.x);
            return Math.min(straight, start.source().leastVia(end));
        }

        /** The open water a boat heads for to reach (lat, lon); null when it is farther inland than the snap distance. */
        public Coordinate end(double lat, double lon) {
            Map<Long, Coordinate> row = byLat.computeIfAbsent(Double.doubleToLongBits(lat), k -> new HashMap<>());
            Coordinate c = row.get(Double.doubleToLongBits(lon));
            if (c == null) {
                Coordinate w = openWater(lat, lon);
                c = w == null ? INLAND : w;
                row.put(Double.doubleToLongBits(lon), c);
            }
            return c == INLAND ? null : c;
        }

        /**
         * False only when no point of the polyline through {@code points} ({lat, lon} each) is within
         * the snap distance of open water, so that none of them can be reached by sea; true otherwise
         * (and when unsure). One distance query for the whole line, so a target on land far from the
         * coast costs one query per ranking rather than one per point and boat.
         */
        public boolean mayReach(List<double[]> points) {
            return graph.mayBeWithin(points, snapM);
        }

        /**
         * The target's points (its predicted positions at the times a search along its path
         * evaluates), for many boats at once (see {@link SeaSamples}).
         */
        public SeaSamples samples(List<double[]> points) {
            return new SeaSamples(SeaTravelTime.this, this, points);
        }
    }

    /** A leg between two points of open water: straight (no corners) or via the first and last corner; infinite when none. */
    record Leg(int[] via, double m) {
    }

    /** The time from now at which a unit that covers {@code m} metres by sea gets there: its launch, then its speed. */
    public static double timeS(UnitState unit, double m) {
        return unit.launchS() + m / unit.speedMps();
    }

    /** The routes of a prepared unit to points of one target, its ends shared with other units. */
    public Reach from(Start start, Ends ends) {
        if (start.water == null) {
            return (lat, lon) -> Optional.empty();
        }
        UnitState unit = start.unit;
        Coordinate begin = start.water;
        return (lat, lon) -> {
            Coordinate end = ends.end(lat, lon);
            if (end == null) {
                return Optional.empty();
            }
            Leg leg = ends.leg(start, end);
            if (leg.m() == Double.POSITIVE_INFINITY) {
                return Optional.empty();
            }
            Optional<int[]> via = Optional.ofNullable(leg.via());
            double legM = leg.m();
            List<GeoPoint> path = new ArrayList<>();
            path.add(new GeoPoint(unit.lat(), unit.lon()));
            if (start.snapM > 0) {
                path.add(new GeoPoint(begin.y, begin.x));
            }
            via.ifPresent(v -> graph.appendPath(v[0], v[1], path));
            path.add(new GeoPoint(end.y, end.x));
            double snapEndM = snapM(end, lat, lon);
            if (snapEndM > 0) {
                path.add(new GeoPoint(lat, lon));
            }
            double m = metres(start, legM, snapEndM);
            if (m > unit.enduranceLeftM()) {
                return Optional.empty();
            }
            return Optional.of(new Route(timeS(unit, m), m, path));
        };
    }

    /** Metres from the open water a boat heads for to the point (lat, lon) itself. */
    static double snapM(Coordinate end, double lat, double lon) {
        return LocalDistance.m(end.y, end.x, lat, lon);
    }

    /** Metres of a route: into the water, the leg over it, out of it to the point (summed in that order). */
    static double metres(Start start, double legM, double snapEndM) {
        return start.snapM + legM + snapEndM;
    }

    /** The point itself if in open water, else the nearest open water within the snap distance, else null. */
    private Coordinate openWater(double lat, double lon) {
        Coordinate c = new Coordinate(lon, lat);
        if (graph.locate(c) != Location.EXTERIOR) {
            return c;
        }
        if (!graph.mayBeWithin(List.of(new double[] {lat, lon}), snapM)) {
            return null;
        }
        Point p = new GeometryFactory().createPoint(c);
        Coordinate[] nearest = DistanceOp.nearestPoints(graph.openWater(), p);
        Coordinate n = nearest[0];
        if (LocalDistance.m(lat, lon, n.y, n.x) > snapM) {
            return null;
        }
        // Step a metre past the coast point, away from the land point, so rounding leaves it in the water.
        double dx = n.x - lon;
        double dy = n.y - lat;
        double len = Math.hypot(dx, dy);
        Coordinate inside = new Coordinate(n.x + dx / len * 1e-5, n.y + dy / len * 1e-5);
        return graph.locate(inside) != Location.EXTERIOR ? inside : null;
    }
}
