package kz.shekara.theatre;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A named area, line or point of the theatre. Geometry in WGS84 degrees with x = lon, y = lat.
 * {@code sector} is the border sector the zone belongs to (null for country outlines and sea);
 * {@code bufferM} is a protection or approach radius in metres around the geometry (0 when none).
 */
public record Zone(String id, ZoneKind kind, String name, String sector, double bufferM, Geometry geometry) {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometry, "geometry");
        if (bufferM < 0) {
            throw new IllegalArgumentException("zone " + id + ": buffer must be >= 0");
        }
    }
}
