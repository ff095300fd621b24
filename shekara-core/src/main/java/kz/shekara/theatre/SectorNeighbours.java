package kz.shekara.theatre;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.geo.MetresPerDegree;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Which sectors lie near which: two sectors are neighbours when their SECTOR polygons come within a given
 * distance (metres) of each other. A sector with no polygon (a theatre of origins only) is every sector's
 * neighbour. The distance is taken on the degree plane scaled by the shorter of a degree of latitude and a
 * degree of longitude at the highest latitude of the two polygons, which never exceeds the distance on the
 * ground: a pair closer than the distance asked for is always found (and a pair somewhat further may be too). Immutable once built;
 * O(sectors²) polygon distances (JTS) to build.
 */
public final class SectorNeighbours {
    private final Map<String, Set<String>> near;

    private SectorNeighbours(Map<String, Set<String>> near) {
        this.near = near;
    }

    /** The neighbours of every sector of {@code theatre}: polygons within {@code distanceM} of each other. */
    public static SectorNeighbours within(Theatre theatre, double distanceM) {
        if (!(distanceM >= 0)) {
            throw new IllegalArgumentException("distanceM must be >= 0: " + distanceM);
        }
        Map<String, List<Geometry>> shapes = new HashMap<>();
        for (Zone z : theatre.zones(ZoneKind.SECTOR)) {
            String id = z.sector() != null ? z.sector() : z.id();
            if (z.geometry().getDimension() == 2) {
                shapes.computeIfAbsent(id, k -> new ArrayList<>()).add(z.geometry());
            }
        }
        Map<String, Set<String>> near = new LinkedHashMap<>();
        List<Sector> sectors = theatre.sectors();
        for (Sector a : sectors) {
            Set<String> set = new TreeSet<>();
            for (Sector b : sectors) {
                if (!a.id().equals(b.id()) && close(shapes.get(a.id()), shapes.get(b.id()), distanceM)) {
                    set.add(b.id());
                }
            }
            near.put(a.id(), Set.copyOf(set));
        }
        return new SectorNeighbours(near);
    }

    /** The sectors near sector {@code id} (never itself); empty for a sector the theatre does not have. */
    public Set<String> of(String id) {
        return near.getOrDefault(id, Set.of());
    }

    private static boolean close(List<Geometry> a, List<Geometry> b, double distanceM) {
        if (a == null || b == null) {
            return true;
        }
        for (Geometry ga : a) {
            for (Geometry gb : b) {
                Envelope both = new Envelope(ga.getEnvelopeInternal());
                both.expandToInclude(gb.getEnvelopeInternal());
                double highest = Math.min(89, Math.max(Math.abs(both.getMinY()), Math.abs(both.getMaxY())));
                double metresPerDegree = Math.min(MetresPerDegree.LAT_MIN, MetresPerDegree.lon(highest));
                if (ga.distance(gb) * metresPerDegree <= distanceM) {
                    return true;
                }
            }
        }
        return false;
    }
}
