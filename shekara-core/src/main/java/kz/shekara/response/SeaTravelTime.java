package kz.shekara.response;

import java.util.ArrayList;
import java.util.List;
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
        Coordinate start = openWater(unit.lat(), unit.lon());
        if (start == null) {
            return (lat, lon) -> Optional.empty();
        }
        SeaGraph.Source source = graph.source(start);
        return (lat, lon) -> {
            Coordinate end = openWater(lat, lon);
            if (end == null) {
                return Optional.empty();
            }
            Optional<int[]> via = Optional.empty();
            double legM;
            if (graph.visible(start, end)) {
                legM = LocalDistance.m(start.y, start.x, end.y, end.x);
            } else {
                via = source.bestVia(end);
                if (via.isEmpty()) {
                    return Optional.empty();
                }
                legM = source.distanceVia(via.get(), end);
            }
            List<GeoPoint> path = new ArrayList<>();
            double snapStartM = add(path, unit.lat(), unit.lon(), start);
            via.ifPresent(v -> graph.appendPath(v[0], v[1], path));
            path.add(new GeoPoint(end.y, end.x));
            double snapEndM = LocalDistance.m(end.y, end.x, lat, lon);
            if (snapEndM > 0) {
                path.add(new GeoPoint(lat, lon));
            }
            double m = snapStartM + legM + snapEndM;
            if (m > unit.enduranceLeftM()) {
                return Optional.empty();
            }
            return Optional.of(new Route(unit.launchS() + m / unit.speedMps(), m, path));
        };
    }

    private static double add(List<GeoPoint> path, double lat, double lon, Coordinate start) {
        path.add(new GeoPoint(lat, lon));
        double m = LocalDistance.m(lat, lon, start.y, start.x);
        if (m > 0) {
            path.add(new GeoPoint(start.y, start.x));
        }
        return m;
    }

    /** The point itself if in open water, else the nearest open water within the snap distance, else null. */
    private Coordinate openWater(double lat, double lon) {
        Coordinate c = new Coordinate(lon, lat);
        if (graph.locate(c) != Location.EXTERIOR) {
            return c;
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
