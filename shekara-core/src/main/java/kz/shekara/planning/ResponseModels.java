package kz.shekara.planning;

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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The travel-time models of one theatre, built once at start: air (geodesic), sea (visibility
 * graph over its SEA zones, when it has any), ground (its ROAD zones), and the area in which an
 * intercept counts (the union of its SECTOR polygons: a target that leaves them has crossed back).
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
        List<Geometry> sectors = zones.stream().filter(z -> z.kind() == ZoneKind.SECTOR).map(Zone::geometry).toList();
        Area area = sectors.isEmpty() ? null : new Area(UnaryUnionOp.union(sectors));
        return new ResponseModels(SeaTravelTime.ofZones(zones, SeaTravelTime.Config.DEFAULT).orElse(null),
                new GroundTravelTime(RoadGraph.ofZones(zones), GroundTravelTime.Config.DEFAULT), area);
    }

    public Optional<SeaTravelTime> sea() {
        return Optional.ofNullable(sea);
    }

    public GroundTravelTime ground() {
        return ground;
    }

    /** Where intercepts count; empty when the theatre has no sector polygons (then anywhere counts). */
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
