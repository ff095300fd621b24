package kz.shekara.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import kz.shekara.geo.MetresPerDegree;
import kz.shekara.theatre.Zone;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A spatial index of zones: each zone's WGS84 envelope, widened by the farthest reach in metres
 * any rule may test it at, in a JTS {@link STRtree}. A query returns the zones whose widened
 * envelope meets the query box — a superset of the zones within reach, in a fixed order — at a cost
 * of O(log n + k). The widening converts metres to degrees conservatively (the fewest metres per
 * degree of latitude on WGS84, and of longitude at the highest latitude of the box). Immutable and
 * thread-safe once built.
 */
public final class ZoneIndex {
    private final STRtree tree = new STRtree();
    private final Map<String, IndexedZone> byId = new LinkedHashMap<>();

    /** @param reachM the farthest distance in metres a rule tests each zone at (its largest buffer) */
    public ZoneIndex(Collection<Zone> zones, ToDoubleFunction<Zone> reachM) {
        for (Zone z : zones) {
            IndexedZone iz = new IndexedZone(z);
            byId.put(z.id(), iz);
            tree.insert(widen(z.geometry().getEnvelopeInternal(), reachM.applyAsDouble(z)), iz);
        }
        tree.build();
    }

    public int size() {
        return byId.size();
    }

    public Optional<IndexedZone> zone(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<IndexedZone> zones() {
        return byId.values();
    }

    /** Zones that may be within reach of a point (degrees). */
    public List<IndexedZone> near(double lat, double lon) {
        return query(new Envelope(lon, lon, lat, lat));
    }

    /** Zones that may be within reach of any point of the box spanned by two points (degrees). */
    public List<IndexedZone> near(double lat1, double lon1, double lat2, double lon2) {
        return query(new Envelope(lon1, lon2, lat1, lat2));
    }

    private List<IndexedZone> query(Envelope e) {
        if (byId.isEmpty()) {
            return List.of();
        }
        List<IndexedZone> out = new ArrayList<>();
        tree.query(e, item -> out.add((IndexedZone) item));
        return out;
    }

    /** A box widened by {@code metres} on every side, in degrees (x = lon, y = lat). */
    static Envelope widen(Envelope e, double metres) {
        double dLat = metres / MetresPerDegree.LAT_MIN * 1.001;
        double maxAbsLat = Math.min(89.9, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + dLat);
        double dLon = metres / (MetresPerDegree.SPHERE * Math.cos(Math.toRadians(maxAbsLat))) * 1.001;
        return new Envelope(e.getMinX() - dLon, e.getMaxX() + dLon, e.getMinY() - dLat, e.getMaxY() + dLat);
    }
}
