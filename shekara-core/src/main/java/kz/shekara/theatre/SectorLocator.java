package kz.shekara.theatre;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.shekara.geo.Geodesy;
import kz.shekara.geo.MetresPerDegree;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The one answer to "which border sector is this WGS84 point (degrees) in", from the theatre's SECTOR
 * polygons: the tracker files detections by it, the feeds and the CoT server key events on the bus by
 * it, the response desk places units with it.
 *
 * <p>{@link #locate} gives a point inside one or more sector polygons the first of them in theatre
 * order; a point outside all of them the sector whose polygon is nearest, if it is within the reach
 * ({@link #DEFAULT_REACH_M} unless given), so that detections just across the border go to the sector
 * that watches it; and none otherwise. {@link #sectorOf} goes on where {@code locate} finds none, to
 * the sector whose frame origin is nearest, so that every point has a sector.
 *
 * <p>Immutable and thread-safe: the packed R-tree (JTS {@link HPRtree}, the lock-free sibling of
 * STRtree, whose every query enters a synchronized block) and the per-sector point-in-polygon
 * indexes (the locator a {@code PreparedPolygon} uses, here built eagerly) are built in the constructor
 * and only read afterwards. Cost: one envelope probe of the tree and one indexed point-in-polygon
 * test (O(log n) in the ring size) per candidate sector; the nearest-sector fallback adds one
 * indexed facet-distance search (JTS {@link IndexedFacetDistance}) per sector whose envelope lies
 * within the limit. Candidates are ranked by their distance on a local plane and the
 * winner's geodesic distance is held to the limit, which is exact enough at sector scale; the
 * nearest-origin fallback of {@code sectorOf} is O(sectors).
 */
public final class SectorLocator {
    /** The id {@link #sectorOf} gives when the theatre has no sectors at all. */
    public static final String NONE = "";
    /** How far outside every sector polygon a point still belongs to the nearest one, metres. */
    public static final double DEFAULT_REACH_M = 25_000;

    private final HPRtree tree = new HPRtree();
    private final double maxDistanceM;
    private final List<Sector> sectorList;
    private final GeometryFactory factory = new GeometryFactory();

    private record Entry(int order, Sector sector, PointOnGeometryLocator locator, IndexedFacetDistance distance,
                         RingDistance rings, PreparedGeometry polygon) {
        /** The nearest point of the polygon's boundary to {@code p}, lon/lat degrees. */
        Coordinate nearest(Point p) {
            return rings.segments() <= RingDistance.MAX_SEGMENTS ? rings.nearest(p.getX(), p.getY())
                    : distance.nearestPoints(p)[0];
        }
    }

    /** Answers of {@link #containing} for whole cells of the grid, decided once per cell (see {@link SectorCells}). */
    private final SectorCells<Entry> cells = new SectorCells<>(this::decide);
    /** Answers of {@link #nearest} for whole cells, where the bounds of {@link NearestCells} settle them. */
    private final SectorCells<Entry> nearCells = new SectorCells<>(this::decideNearest);

    /** Indexes the SECTOR zones of {@code theatre}, with the {@linkplain #DEFAULT_REACH_M default reach}. */
    public SectorLocator(Theatre theatre) {
        this(theatre, DEFAULT_REACH_M);
    }

    /**
     * Indexes the SECTOR zones of {@code theatre}; zones whose sector id the theatre does not define
     * are ignored. {@code maxDistanceM} (metres, >= 0) bounds the nearest-sector fallback.
     */
    public SectorLocator(Theatre theatre, double maxDistanceM) {
        this(theatre.sectors(), theatre.zones(ZoneKind.SECTOR), maxDistanceM);
    }

    /** Sectors without polygons: {@link #sectorOf} gives the one whose origin is nearest, {@link #locate} none. */
    public static SectorLocator ofOrigins(List<Sector> sectors) {
        return new SectorLocator(sectors, List.of(), 0);
    }

    private SectorLocator(List<Sector> sectorList, List<Zone> zones, double maxDistanceM) {
        if (!(maxDistanceM >= 0)) {
            throw new IllegalArgumentException("maxDistanceM must be >= 0: " + maxDistanceM);
        }
        this.maxDistanceM = maxDistanceM;
        this.sectorList = List.copyOf(sectorList);
        Map<String, Sector> sectors = new HashMap<>();
        sectorList.forEach(s -> sectors.put(s.id(), s));
        for (int i = 0; i < zones.size(); i++) {
            Zone zone = zones.get(i);
            Sector sector = sectors.get(zone.sector() != null ? zone.sector() : zone.id());
            if (sector == null || zone.geometry().getDimension() != 2) {
                continue;
            }
            IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(zone.geometry());
            IndexedFacetDistance distance = new IndexedFacetDistance(zone.geometry());
            // Build both indexes now, so that queries only read them.
            Coordinate centre = zone.geometry().getEnvelopeInternal().centre();
            locator.locate(centre);
            distance.distance(factory.createPoint(centre));
            tree.insert(zone.geometry().getEnvelopeInternal(), new Entry(i, sector, locator, distance,
                    RingDistance.of(zone.geometry()), PreparedGeometryFactory.prepare(zone.geometry())));
        }
        tree.build();
    }

    /** How far outside every sector polygon a point still belongs to the nearest one, metres (the reach). */
    public double reachM() {
        return maxDistanceM;
    }

    /**
     * The id of the sector every event at the point is filed under: {@link #locate}'s answer, else
     * the sector whose frame origin is nearest (ties to the first listed), else {@link #NONE} when
     * the theatre has no sectors.
     */
    public String sectorOf(double lat, double lon) {
        Optional<Sector> found = locate(lat, lon);
        return found.isPresent() ? found.get().id() : nearestOrigin(lat, lon);
    }

    /** The sector containing the point, else the nearest within the limit, else empty. */
    public Optional<Sector> locate(double lat, double lon) {
        Coordinate c = new Coordinate(lon, lat);
        Optional<Sector> inside = containing(c);
        return inside.isPresent() || maxDistanceM == 0 ? inside : nearest(lat, lon, c);
    }

    /** The sector containing the point (first in theatre order), with no fallback to a nearby one. */
    public Optional<Sector> containing(double lat, double lon) {
        return containing(new Coordinate(lon, lat));
    }

    private Optional<Sector> containing(Coordinate c) {
        SectorCells.Answer<Entry> cell = cells.answer(c.y, c.x);
        if (cell != null) {
            return cell.value() == null ? Optional.empty() : Optional.of(cell.value().sector);
        }
        Entry[] inside = new Entry[1];
        tree.query(new Envelope(c), o -> {
            Entry e = (Entry) o;
            if ((inside[0] == null || e.order < inside[0].order) && e.locator.locate(c) != Location.EXTERIOR) {
                inside[0] = e;
            }
        });
        return inside[0] == null ? Optional.empty() : Optional.of(inside[0].sector);
    }

    /**
     * The answer of {@link #containing} for every point of a cell, when there is one: no sector
     * polygon touches the cell (none), or one covers it and no polygon before it in theatre order
     * touches it; null when the cell holds points with different answers.
     */
    private SectorCells.Answer<Entry> decide(Envelope cell) {
        List<Entry> touching = new ArrayList<>();
        tree.query(cell, o -> touching.add((Entry) o));
        if (touching.isEmpty()) {
            return new SectorCells.Answer<>(null);
        }
        touching.sort((a, b) -> Integer.compare(a.order, b.order));
        Geometry box = factory.toGeometry(cell);
        for (Entry e : touching) {
            if (e.polygon.covers(box)) {
                return new SectorCells.Answer<>(e);
            }
            if (e.polygon.intersects(box)) {
                return null;
            }
        }
        return new SectorCells.Answer<>(null);
    }

    /**
     * The id {@link #sectorOf} gives every point of {@code box} (degrees, any size), when the cells'
     * decisions settle it for the whole box: one polygon covers it and no polygon before it in theatre
     * order touches it; or one sector is nearest to all of its points within the reach and no other
     * sector's polygon touches it (its points inside a polygon are inside that sector's, and the others
     * go to the nearest); null otherwise (the points may have different answers).
     */
    String settledSectorOf(Envelope box) {
        SectorCells.Answer<Entry> inside = decide(box);
        if (inside != null && inside.value() != null) {
            return inside.value().sector.id();
        }
        if (maxDistanceM == 0) {
            return null; // a point inside no polygon goes to the nearest origin
        }
        String touching = inside == null ? onlySectorTouching(box) : null;
        if (inside == null && touching == null) {
            return null;
        }
        SectorCells.Answer<Entry> near = decideNearest(box);
        if (near == null || near.value() == null) {
            return null;
        }
        String nearest = near.value().sector.id();
        return inside != null || nearest.equals(touching) ? nearest : null;
    }

    /** The sector of every polygon whose envelope meets {@code box} when it is one sector, else null. */
    private String onlySectorTouching(Envelope box) {
        String[] only = new String[1];
        boolean[] several = new boolean[1];
        tree.query(box, o -> {
            String id = ((Entry) o).sector.id();
            if (only[0] == null) {
                only[0] = id;
            } else if (!only[0].equals(id)) {
                several[0] = true;
            }
        });
        return several[0] ? null : only[0];
    }

    /**
     * The sector every point within {@code marginM} of a point goes to, where one answer settles it
     * ({@link SectorsAround}).
     */
    public SectorsAround around(double marginM) {
        return new SectorsAround(this, marginM);
    }

    private Optional<Sector> nearest(double lat, double lon, Coordinate c) {
        SectorCells.Answer<Entry> cell = nearCells.answer(lat, lon);
        if (cell != null) {
            return cell.value() == null ? Optional.empty() : Optional.of(cell.value().sector);
        }
        return nearestOnItsOwn(lat, lon, c);
    }

    /** {@link #nearest} decided for the point alone, without the cells' answers. */
    Optional<Sector> nearestOnItsOwn(double lat, double lon, Coordinate c) {
        double dLat = maxDistanceM / MetresPerDegree.LAT_MIN;
        double cosLat = Math.max(Math.cos(Math.toRadians(Math.min(89.0, Math.abs(lat) + dLat))), 1e-6);
        double dLon = Math.min(180.0, dLat / cosLat);
        Envelope search = new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
        Point p = factory.createPoint(c);
        List<Entry> candidates = new ArrayList<>();
        tree.query(search, o -> candidates.add((Entry) o));
        candidates.sort((a, b) -> Integer.compare(a.order, b.order));
        Entry best = null;
        Coordinate bestAt = null;
        double bestApproxM = Double.POSITIVE_INFINITY;
        double metresPerDegreeLon = MetresPerDegree.LAT_MIN * Math.cos(Math.toRadians(lat));
        for (Entry e : candidates) {
            Coordinate q = e.nearest(p);
            // Rank on the local plane (within a fraction of a percent at these distances) ...
            double approxM = Math.hypot((q.x - lon) * metresPerDegreeLon, (q.y - lat) * MetresPerDegree.LAT_MIN);
            if (approxM < bestApproxM) {
                bestApproxM = approxM;
                best = e;
                bestAt = q;
            }
        }
        // ... and hold the winner to the limit on the ellipsoid where the plane leaves it in doubt: below
        // 70 degrees of latitude the plane's length is within 2 % of the ellipsoid's at these distances
        // (the shortest degree of latitude and its cosine share of longitude: 0.4-0.8 % short at 40-50 N).
        if (best == null) {
            return Optional.empty();
        }
        if (Math.abs(lat) < 70 && bestApproxM * 1.02 < maxDistanceM) {
            return Optional.of(best.sector);
        }
        if (Math.abs(lat) < 70 && bestApproxM * 0.98 > maxDistanceM) {
            return Optional.empty();
        }
        return Geodesy.distanceM(lat, lon, bestAt.y, bestAt.x) <= maxDistanceM ? Optional.of(best.sector)
                : Optional.empty();
    }

    /** {@link #nearest}'s answer for every point of a cell when bounds settle it, else null (see {@link NearestCells}). */
    private SectorCells.Answer<Entry> decideNearest(Envelope cell) {
        double dLat = maxDistanceM / MetresPerDegree.LAT_MIN;
        double maxAbsLat = Math.max(Math.abs(cell.getMinY()), Math.abs(cell.getMaxY()));
        double cosLat = Math.max(Math.cos(Math.toRadians(Math.min(89.0, maxAbsLat + dLat))), 1e-6);
        double dLon = Math.min(180.0, dLat / cosLat);
        Envelope search = new Envelope(cell.getMinX() - dLon, cell.getMaxX() + dLon, cell.getMinY() - dLat,
                cell.getMaxY() + dLat);
        List<Entry> candidates = new ArrayList<>();
        tree.query(search, o -> candidates.add((Entry) o));
        candidates.sort((a, b) -> Integer.compare(a.order, b.order));
        Point centre = factory.createPoint(cell.centre());
        List<Coordinate> nearestToCentre = new ArrayList<>(candidates.size());
        for (Entry e : candidates) {
            nearestToCentre.add(e.nearest(centre));
        }
        int i = NearestCells.settle(cell, nearestToCentre, maxDistanceM);
        if (i == NearestCells.MIXED) {
            return null;
        }
        return new SectorCells.Answer<>(i == NearestCells.NONE ? null : candidates.get(i));
    }

    /** Voronoi cells of the origins on an equirectangular approximation, ample for origins hundreds of km apart. */
    private String nearestOrigin(double lat, double lon) {
        String best = NONE;
        double bestD = Double.POSITIVE_INFINITY;
        for (Sector s : sectorList) {
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

    /** The limit of the nearest-sector fallback, metres. */
    public double maxDistanceM() {
        return maxDistanceM;
    }
}
