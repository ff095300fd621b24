package kz.shekara.rules;

import java.util.ArrayList;
import java.util.List;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The home side of the border: the union of some theatre polygons, tested in degrees (the border
 * data is drawn in degrees, so a point-in-polygon test there is exact). Immutable, thread-safe.
 */
final class HomeSide {
    private static final GeometryFactory DEGREES = new GeometryFactory();
    private final List<PreparedGeometry> areas;

    private HomeSide(List<PreparedGeometry> areas) {
        this.areas = List.copyOf(areas);
    }

    /** The named polygons, or every SECTOR zone when {@code ids} is empty. */
    static HomeSide of(Theatre theatre, List<String> ids) {
        List<PreparedGeometry> areas = new ArrayList<>();
        if (ids.isEmpty()) {
            for (Zone z : theatre.zones(ZoneKind.SECTOR)) {
                if (z.geometry() instanceof Polygonal) {
                    areas.add(PreparedGeometryFactory.prepare(z.geometry()));
                }
            }
        }
        for (String id : ids) {
            Zone z = theatre.zones().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "border-crossing.home-zones: no zone '" + id + "' in theatre " + theatre.name()));
            if (!(z.geometry() instanceof Polygonal)) {
                throw new IllegalArgumentException("border-crossing.home-zones: zone '" + id + "' is not a polygon");
            }
            areas.add(PreparedGeometryFactory.prepare(z.geometry()));
        }
        return new HomeSide(areas);
    }

    boolean contains(double lat, double lon) {
        Point p = DEGREES.createPoint(new Coordinate(lon, lat));
        for (PreparedGeometry a : areas) {
            if (a.covers(p)) {
                return true;
            }
        }
        return false;
    }
}
