package kz.shekara.server.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.theatre.Agency;
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
 * A small theatre for the API and browser tests: coarse outlines of southern Kazakhstan, its
 * neighbours and the Caspian, two border sectors (Saryagash on the Uzbek border, Aktau on the sea),
 * crossing points, an offshore protected site, roads, bases, sensors and four units. The shapes are
 * simplified by hand for tests, not map data.
 */
final class FixtureTheatre {
    static final GeometryFactory GF = new GeometryFactory();
    static final Marking HOME = Marking.of(Classification.RESTRICTED, "kz-bs", List.of("kz-mod"));

    private FixtureTheatre() {
    }

    static Theatre create() {
        List<Sector> sectors = List.of(
                new Sector("south-uz", "Saryagash", "south", "UZ", Posture.ELEVATED, 41.5, 69.3),
                new Sector("caspian", "Aktau Caspian", "west", "TM", Posture.NORMAL, 43.6, 51.0));
        List<Zone> zones = List.of(
                new Zone("KZ", ZoneKind.COUNTRY, "Kazakhstan", null, 0, poly(
                        46.5, 49.5, 46.5, 80.0, 42.9, 80.0, 42.8, 74.7, 43.2, 71.0, 42.3, 71.2, 41.2, 68.6, 41.4, 66.5, 41.5, 56.0,
                        42.5, 54.8, 43.3, 52.4, 44.8, 50.6, 46.5, 49.5)),
                new Zone("UZ", ZoneKind.COUNTRY, "Uzbekistan", null, 0, poly(
                        41.2, 68.6, 42.3, 71.2, 40.0, 73.0, 38.0, 68.0, 40.0, 60.0, 41.5, 56.0, 41.4, 66.5, 41.2, 68.6)),
                new Zone("KG", ZoneKind.COUNTRY, "Kyrgyzstan", null, 0, poly(
                        43.2, 71.0, 42.8, 74.7, 42.9, 80.0, 40.0, 77.0, 40.0, 73.0, 42.3, 71.2, 43.2, 71.0)),
                new Zone("TM", ZoneKind.COUNTRY, "Turkmenistan", null, 0, poly(
                        41.5, 56.0, 40.0, 60.0, 38.0, 60.0, 38.0, 53.5, 41.0, 52.8, 42.5, 54.8, 41.5, 56.0)),
                new Zone("caspian-sea", ZoneKind.SEA, "Caspian Sea", null, 0, poly(
                        46.5, 49.5, 44.8, 50.6, 43.3, 52.4, 42.5, 54.8, 41.0, 52.8, 38.0, 53.5, 38.0, 48.5, 46.5, 47.5, 46.5, 49.5)),
                new Zone("border-south-uz", ZoneKind.BORDER, "KZ–UZ border", "south-uz", 0, line(
                        41.4, 66.5, 41.2, 68.6, 42.3, 71.2)),
                new Zone("border-caspian", ZoneKind.BORDER, "Caspian sea border", "caspian", 0, line(
                        42.5, 54.8, 41.9, 52.0, 43.0, 49.5)),
                new Zone("sector-south-uz", ZoneKind.SECTOR, "Saryagash", "south-uz", 0, poly(
                        41.2, 66.5, 41.2, 71.2, 43.0, 71.2, 43.0, 66.5, 41.2, 66.5)),
                new Zone("sector-caspian", ZoneKind.SECTOR, "Aktau Caspian", "caspian", 0, poly(
                        41.9, 49.5, 41.9, 52.8, 44.8, 52.8, 44.8, 49.5, 41.9, 49.5)),
                new Zone("cp-zhibek-zholy", ZoneKind.CROSSING_POINT, "Zhibek Zholy", "south-uz", 500, point(41.48, 69.37)),
                new Zone("site-offshore", ZoneKind.PROTECTED_SITE, "Offshore platform", "caspian", 5000, point(42.9, 50.9)),
                new Zone("road-a2", ZoneKind.ROAD, "A-2", "south-uz", 0, line(41.48, 69.37, 42.32, 69.59, 42.9, 71.37)));
        List<Base> bases = List.of(
                new Base("aktau-air", "Aktau air base", BaseKind.AIR_BASE, "west", 43.86, 51.09),
                new Base("saryagash-post", "Saryagash border post", BaseKind.BORDER_POST, "south", 41.46, 69.17),
                new Base("aktau-boats", "Aktau boat station", BaseKind.BOAT_STATION, "west", 43.63, 51.17),
                new Base("shymkent-hq", "Shymkent command", BaseKind.COMMAND, "south", 42.32, 69.59));
        List<Sensor> sensors = List.of(
                new Sensor("radar-1", SensorKind.RADAR, "Saryagash radar", "south-uz", 41.55, 69.25, 20_000, 25,
                        Duration.ofSeconds(4), 0.9, 0.5),
                new Sensor("rpm-1", SensorKind.RADIATION, "Zhibek Zholy portal", "south-uz", 41.48, 69.37, 50, 5,
                        Duration.ofSeconds(60), 0.99, 0),
                new Sensor("coast-radar", SensorKind.RADAR, "Aktau coastal radar", "caspian", 43.6, 51.2, 60_000, 60,
                        Duration.ofSeconds(6), 0.85, 1));
        List<Unit> units = List.of(
                new Unit("HELI-1", "Berkut 1", UnitKind.HELICOPTER, "aktau-air", "west", 70, 70, Duration.ofMinutes(15), 600, "kk"),
                new Unit("BOAT-1", "Akbota", UnitKind.BOAT, "aktau-boats", "west", 15, 15, Duration.ofMinutes(10), 300, "ru"),
                new Unit("PATROL-1", "Sarbaz 1", UnitKind.GROUND_VEHICLE, "saryagash-post", "south", 20, 8, Duration.ofMinutes(5), 400, "kk"),
                new Unit("FOOT-1", "Kyran 2", UnitKind.FOOT_PATROL, "saryagash-post", "south", 1.4, 1.2, Duration.ofMinutes(2), 30, "ru"));
        List<Agency> agencies = List.of(new Agency("kz-mod", "Ministry of Defence", Classification.SECRET));
        return new Theatre("Southern border and Caspian (test fixture)", HOME, sectors, zones, sensors, bases, units, agencies);
    }

    static Geometry point(double lat, double lon) {
        return GF.createPoint(new Coordinate(lon, lat));
    }

    static Geometry line(double... latLon) {
        return GF.createLineString(coords(latLon));
    }

    static Geometry poly(double... latLon) {
        return GF.createPolygon(coords(latLon));
    }

    private static Coordinate[] coords(double... latLon) {
        Coordinate[] cs = new Coordinate[latLon.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(latLon[2 * i + 1], latLon[2 * i]);
        }
        return cs;
    }

    static Set<String> unitIds() {
        return Set.of("HELI-1", "BOAT-1", "PATROL-1", "FOOT-1");
    }
}
