package kz.shekara.planning;

import java.util.Objects;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

/**
 * The area in which an intercept counts (the country, a sector): a target that leaves it first
 * cannot be intercepted. Polygonal geometry in WGS84 (x = lon, y = lat); the boundary counts as
 * inside. Thread-safe after construction; a point test costs O(log n) in the boundary's vertices.
 */
public final class Area {
    private final Geometry geometry;
    private final IndexedPointInAreaLocator locator;

    public Area(Geometry geometry) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.locator = new IndexedPointInAreaLocator(geometry);
        // Builds the locator's index now, so that concurrent callers only ever read it.
        locator.locate(new Coordinate(0, 0));
    }

    public Geometry geometry() {
        return geometry;
    }

    public boolean contains(double lat, double lon) {
        return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
    }
}
