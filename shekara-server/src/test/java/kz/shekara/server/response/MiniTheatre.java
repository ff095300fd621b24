package kz.shekara.server.response;

import java.time.Duration;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.theatre.Base;
import kz.shekara.theatre.BaseKind;
import kz.shekara.theatre.Command;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Unit;
import kz.shekara.theatre.UnitKind;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A small theatre for the response tests: two sectors side by side on an east-west border at
 * latitude 41.5 (west 69.0–69.6, east 69.6–70.2), one command each, a border post in each with a
 * ground vehicle (the west one's crew speaks Kazakh), and a foot patrol at the west post.
 */
public final class MiniTheatre {
    public static final Marking MARKING = Marking.of(Classification.RESTRICTED, "kz-bs", List.of());
    private static final GeometryFactory GF = new GeometryFactory();

    private MiniTheatre() {
    }

    public static Theatre theatre() {
        Zone west = box("sector-west", "West", "west", 69.0, 69.6);
        Zone east = box("sector-east", "East", "east", 69.6, 70.2);
        Zone border = new Zone("border", ZoneKind.BORDER, "Border", "west", 0,
                GF.createLineString(new Coordinate[] {new Coordinate(69.0, 41.5), new Coordinate(70.2, 41.5)}));
        List<Sector> sectors = List.of(new Sector("west", "West", "west-cmd", "UZ", Posture.NORMAL, 41.7, 69.3),
                new Sector("east", "East", "east-cmd", "UZ", Posture.NORMAL, 41.7, 69.9));
        List<Base> bases = List.of(new Base("post-w", "Post West", BaseKind.BORDER_POST, "west-cmd", 41.56, 69.30),
                new Base("post-e", "Post East", BaseKind.BORDER_POST, "east-cmd", 41.56, 69.75));
        List<Unit> units = List.of(
                new Unit("GP-W", "Shekara 11", UnitKind.GROUND_VEHICLE, "post-w", "west-cmd", 22.2, 10,
                        Duration.ofMinutes(5), 600, "kk"),
                new Unit("FP-W", "Zhayau 11", UnitKind.FOOT_PATROL, "post-w", "west-cmd", 1.4, 1.1,
                        Duration.ofMinutes(2), 25, "ru"),
                new Unit("GP-E", "Shekara 21", UnitKind.GROUND_VEHICLE, "post-e", "east-cmd", 22.2, 10,
                        Duration.ofMinutes(5), 600, "en"));
        List<Command> commands = List.of(new Command("west-cmd", "West command", "west", 41.7, 69.3, "kz-bs"),
                new Command("east-cmd", "East command", "east", 41.7, 69.9, "kz-bs"),
                new Command("mod-south", "Defence ministry south", "south", 42.3, 69.6, "kz-mod"));
        return new Theatre("response-test", MARKING, sectors, List.of(west, east, border), List.of(), bases, units,
                List.of(), commands, Theatre.KAZAKHSTAN_TIME);
    }

    private static Zone box(String id, String name, String sector, double lon0, double lon1) {
        return new Zone(id, ZoneKind.SECTOR, name, sector, 0, GF.createPolygon(new Coordinate[] {
            new Coordinate(lon0, 41.5), new Coordinate(lon1, 41.5), new Coordinate(lon1, 41.9),
            new Coordinate(lon0, 41.9), new Coordinate(lon0, 41.5)}));
    }
}
