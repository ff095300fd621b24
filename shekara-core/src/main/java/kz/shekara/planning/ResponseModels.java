package kz.shekara.planning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.routing.AirTravelTime;
import kz.shekara.routing.GroundTravelTime;
import kz.shekara.routing.RoadGraph;
import kz.shekara.routing.SeaTravelTime;
import kz.shekara.routing.TravelTimeModel;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The travel-time models of one theatre, built once at start: air (geodesic), sea (visibility
 * graph over its SEA zones, when it has any), ground (its ROAD zones), and the area of operations in
 * which an intercept counts: the home country's territory (a target heading inland can be met
 * anywhere inland) and the SECTOR corridors (which reach over the border and out to sea); a target
 * that leaves them has crossed back.
 * Immutable and thread-safe; building costs a few hundred milliseconds for the default theatre.
 */
public final class ResponseModels {
    private final AirTravelTime air = new AirTravelTime();
    private final SeaTravelTime sea;
    private final GroundTravelTime ground;
    private final Area area;

    private ResponseModels(SeaTravelTime sea, GroundTravelTime ground, Area area) {
        this.sea = sea;
        this.ground = ground;
        this.area = area;
    }

    public static ResponseModels of(Theatre theatre) {
        List<Zone> zones = theatre.zones();
        List<Geometry> parts = new ArrayList<>();
        zones.stream().filter(z -> z.kind() == ZoneKind.SECTOR).map(Zone::geometry).forEach(parts::add);
        parts.addAll(homeTerritory(theatre));
        Area area = parts.isEmpty() ? null : new Area(UnaryUnionOp.union(parts));
        return new ResponseModels(SeaTravelTime.ofZones(zones, SeaTravelTime.Config.DEFAULT).orElse(null),
                new GroundTravelTime(RoadGraph.ofZones(zones), GroundTravelTime.Config.DEFAULT), area);
    }

    /**
     * The home country's territory: the theatre's COUNTRY polygons on which any of its bases stands
     * (a base is where the border guard is at home; a border post on the line counts).
     */
    static List<Geometry> homeTerritory(Theatre theatre) {
        GeometryFactory gf = new GeometryFactory();
        List<Geometry> out = new ArrayList<>();
        for (Zone z : theatre.zones(ZoneKind.COUNTRY)) {
            if (!(z.geometry() instanceof Polygonal)) {
                continue;
            }
            PreparedGeometry country = PreparedGeometryFactory.prepare(z.geometry());
            if (theatre.bases().stream().anyMatch(b -> country.covers(gf.createPoint(new Coordinate(b.lon(), b.lat()))))) {
                out.add(z.geometry());
            }
        }
        return out;
    }

    public Optional<SeaTravelTime> sea() {
        return Optional.ofNullable(sea);
    }

    public GroundTravelTime ground() {
        return ground;
    }

    /**
     * The area of operations, where intercepts count: the home country's territory and the sector
     * corridors; empty when the theatre has neither (then anywhere counts).
     */
    public Optional<Area> area() {
        return Optional.ofNullable(area);
    }

    /** The model for each kind of unit (boats only when the theatre has sea). */
    public Map<UnitKind, TravelTimeModel> byKind() {
        Map<UnitKind, TravelTimeModel> m = new EnumMap<>(UnitKind.class);
        m.put(UnitKind.HELICOPTER, air);
        m.put(UnitKind.GROUND_VEHICLE, ground);
        m.put(UnitKind.FOOT_PATROL, ground);
        if (sea != null) {
            m.put(UnitKind.BOAT, sea);
        }
        return m;
    }

    public InterceptPlanner planner(double stepS) {
        return new InterceptPlanner(byKind(), stepS);
    }

    public Recommender recommender(Recommender.Config config) {
        return new Recommender(planner(config.stepS()), ground, config);
    }
}
