package kz.shekara.track;

import java.util.List;
import kz.shekara.theatre.Sector;

/**
 * A position belongs to the sector whose frame origin is nearest (Voronoi cells on an
 * equirectangular approximation, ample for choosing among origins hundreds of kilometres apart);
 * ties go to the sector listed first. Immutable, thread-safe; O(sectors) per call.
 */
public final class NearestOriginSectorMap implements SectorMap {
    private final List<Sector> sectors;

    public NearestOriginSectorMap(List<Sector> sectors) {
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("need at least one sector");
        }
        this.sectors = List.copyOf(sectors);
    }

    @Override
    public String sectorOf(double lat, double lon) {
        String best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Sector s : sectors) {
            double dy = lat - s.originLat();
            double dx = (lon - s.originLon()) * Math.cos(Math.toRadians((lat + s.originLat()) / 2));
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = s.id();
            }
        }
        return best;
    }
}
