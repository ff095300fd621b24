package kz.shekara.theatre;

import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A named area, line or point of the theatre. Geometry in WGS84 degrees with x = lon, y = lat.
 * {@code sector} is the border sector the zone belongs to (null for country outlines and sea);
 * {@code bufferM} is a protection or approach radius in metres around the geometry (0 when none);
 * {@code names} holds the zone's name by language code ({@code kk}, {@code ru}, {@code en}) where the
 * theatre gives it, {@code name} being the one to show when a language has none. Immutable.
 */
public record Zone(String id, ZoneKind kind, String name, String sector, double bufferM, Geometry geometry,
                   Map<String, String> names) {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometry, "geometry");
        names = Map.copyOf(names);
        if (bufferM < 0) {
            throw new IllegalArgumentException("zone " + id + ": buffer must be >= 0");
        }
    }

    /** A zone with its name in one form only. */
    public Zone(String id, ZoneKind kind, String name, String sector, double bufferM, Geometry geometry) {
        this(id, kind, name, sector, bufferM, geometry, Map.of());
    }

    /** The zone's name in a language ({@code kk}, {@code ru}, {@code en}), or {@link #name} when it has none. */
    public String name(String language) {
        return names.getOrDefault(language, name);
    }
}
