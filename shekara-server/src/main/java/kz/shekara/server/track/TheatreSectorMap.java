package kz.shekara.server.track;

import java.util.List;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.NearestOriginSectorMap;
import kz.shekara.track.SectorMap;

/**
 * The sector of a position from the theatre's sector polygons (or the nearest polygon within 25 km),
 * else from the nearest sector origin, so every detection has a tracker. Immutable, thread-safe.
 */
public final class TheatreSectorMap implements SectorMap {
    private static final double REACH_M = 25_000;

    private final SectorLocator locator;
    private final NearestOriginSectorMap nearest;

    public TheatreSectorMap(Theatre theatre) {
        List<Sector> sectors = theatre.sectors();
        this.locator = new SectorLocator(theatre, REACH_M);
        this.nearest = new NearestOriginSectorMap(sectors);
    }

    @Override
    public String sectorOf(double lat, double lon) {
        return locator.locate(lat, lon).map(Sector::id).orElseGet(() -> nearest.sectorOf(lat, lon));
    }
}
