package kz.shekara.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.BaseKind;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A small test theatre: a straight east-west border along latitude 41° from 69° to 70° E (home to
 * the north), a sea to the west of 69° E with a maritime border on the same parallel, a crossing
 * point, a road, a protected site on land and one offshore, a border post and an air base.
 */
public final class FixtureTheatre {
    static final GeometryFactory GF = new GeometryFactory();
    static final double BORDER_LAT = 41.0;
    public static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-mvd"));
    static final Geometry LAND_BORDER = line(69.0, 41.0, 70.0, 41.0);
    static final Geometry SEA_BORDER = line(68.0, 41.0, 69.0, 41.0);
    static final Geometry LAND_SECTOR = box(69.0, 41.0, 70.0, 41.6);
    static final Geometry SEA = box(67.9, 40.5, 69.0, 41.6);
    static final double[] CROSSING_POINT = {41.0, 69.3};
    static final double[] OFFSHORE_SITE = {41.25, 68.5};
    static final double[] LAND_SITE = {41.2, 69.7};

    private FixtureTheatre() {
    }

    static Theatre with(List<Sensor> sensors) {
        List<Zone> zones = new ArrayList<>();
        zones.add(new Zone("border-land", ZoneKind.BORDER, "Land border", "land", 0, LAND_BORDER));
        zones.add(new Zone("border-sea", ZoneKind.BORDER, "Sea border", "sea", 0, SEA_BORDER));
        zones.add(new Zone("sector-land", ZoneKind.SECTOR, "Land sector", "land", 0, LAND_SECTOR));
        zones.add(new Zone("sector-sea", ZoneKind.SECTOR, "Sea sector", "sea", 0, box(68.0, 41.0, 69.0, 41.6)));
        zones.add(new Zone("sea", ZoneKind.SEA, "Sea", null, 0, SEA));
        zones.add(new Zone("cp-1", ZoneKind.CROSSING_POINT, "Crossing", "land", 200, point(CROSSING_POINT)));
        zones.add(new Zone("road-1", ZoneKind.ROAD, "Road", "land", 0, line(69.1, 41.3, 69.9, 41.3)));
        zones.add(new Zone("site-land", ZoneKind.PROTECTED_SITE, "Station", "land", 500, point(LAND_SITE)));
        zones.add(new Zone("site-sea", ZoneKind.PROTECTED_SITE, "Platform", "sea", 1000, point(OFFSHORE_SITE)));
        List<Sector> sectors = List.of(
                new Sector("land", "Land", "south", "UZ", Posture.NORMAL, 41.1, 69.5),
                new Sector("sea", "Sea", "west", "TM", Posture.NORMAL, 41.1, 68.5));
        List<Base> bases = List.of(new Base("post-1", "Post", BaseKind.BORDER_POST, "south", 41.1, 69.5),
                new Base("air-1", "Air base", BaseKind.AIR_BASE, "west", 41.3, 69.05));
        List<Unit> units = List.of(
                new Unit("PATROL-1", "Patrol 1", UnitKind.GROUND_VEHICLE, "post-1", "south", 20, 10,
                        Duration.ofMinutes(5), 400, "kk"),
                new Unit("HELI-1", "Heli 1", UnitKind.HELICOPTER, "air-1", "west", 70, 0,
                        Duration.ofMinutes(15), 600, "ru"));
        return new Theatre("fixture", MARKING, sectors, zones, sensors, bases, units, List.of());
    }

    /** The fixture with a mix of sensors: land radar, coastal radar, camera, AIS, fence, UGS, radiation portal. */
    public static Theatre standard() {
        return with(List.of(
                sensor("radar-land", SensorKind.RADAR, 41.02, 69.5, 20_000, 30, 2000, 0.9, 1.0),
                sensor("radar-coast", SensorKind.RADAR, 41.3, 68.98, 50_000, 50, 3000, 0.85, 2.0),
                sensor("camera-1", SensorKind.CAMERA, 41.01, 69.3, 5_000, 10, 1000, 0.8, 0.05),
                sensor("ais-1", SensorKind.AIS, 41.3, 68.98, 60_000, 10, 10_000, 0.95, 0),
                sensor("fence-1", SensorKind.FENCE, 41.0, 69.6, 2_000, 50, 1000, 0.95, 0.01),
                sensor("ugs-1", SensorKind.UGS, 41.01, 69.4, 1_500, 100, 1000, 0.9, 0.01),
                sensor("rad-1", SensorKind.RADIATION, 41.0, 69.3, 300, 20, 1000, 0.99, 0)));
    }

    static Sensor sensor(String id, SensorKind kind, double lat, double lon, double rangeM, double sigmaM,
                         long periodMs, double pd, double fa) {
        return new Sensor(id, kind, id, lat < 41.05 && lon >= 69 ? "land" : "sea", lat, lon, rangeM, sigmaM,
                Duration.ofMillis(periodMs), pd, fa);
    }

    static Geometry line(double x0, double y0, double x1, double y1) {
        return GF.createLineString(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y1)});
    }

    static Geometry box(double x0, double y0, double x1, double y1) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
            new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    static Geometry point(double[] latLon) {
        return GF.createPoint(new Coordinate(latLon[1], latLon[0]));
    }
}
