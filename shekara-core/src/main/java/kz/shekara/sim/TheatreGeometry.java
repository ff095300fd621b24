package kz.shekara.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The parts of a theatre the simulator plans routes on: land and sea border lines (each in its own
 * local east-north frame, with the side that faces home), roads, sea areas, protected sites and
 * crossing points. Built once from a {@link Theatre}; immutable.
 */
final class TheatreGeometry {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double SIDE_PROBE_M = 1000;
    private static final int SIDE_PROBES = 21;
    private static final double DENSIFY_DEG = 0.005;
    private static final double MAX_CROSSING_POINT_OFFSET_M = 2_000;
    private static final double SMOOTHING_M = 1_000;

    /** A border line in a frame at its middle; {@code inwardSign} is +1 when home lies left of the direction of travel. */
    record Line(String sector, LocalFrame frame, Path path, double inwardSign) {
        /**
         * Unit normal (east, north) pointing into the home country at arc length {@code s}, taken from
         * the chord over ±1 km so that the jags of a river border do not turn it sideways.
         */
        void inwardNormal(double s, double[] out) {
            double[] a = new double[2];
            double[] b = new double[2];
            path.pointAt(s - SMOOTHING_M, a);
            path.pointAt(s + SMOOTHING_M, b);
            double de = b[0] - a[0];
            double dn = b[1] - a[1];
            double len = Math.hypot(de, dn);
            if (len == 0) {
                path.directionAt(s, out);
                de = out[0];
                dn = out[1];
                len = 1;
            }
            out[0] = -dn / len * inwardSign;
            out[1] = de / len * inwardSign;
        }
    }

    private final List<PreparedGeometry> sea = new ArrayList<>();
    private final List<PreparedGeometry> home = new ArrayList<>();
    private final Envelope seaEnvelope = new Envelope();
    private final List<Line> landBorders = new ArrayList<>();
    private final List<Line> seaBorders = new ArrayList<>();
    private final List<Line> roads = new ArrayList<>();
    private final List<double[]> offshoreSites = new ArrayList<>();
    private final List<double[]> landSites = new ArrayList<>();
    private final List<double[]> crossingPoints = new ArrayList<>();

    TheatreGeometry(Theatre theatre) {
        for (Zone z : theatre.zones(ZoneKind.SEA)) {
            sea.add(PreparedGeometryFactory.prepare(z.geometry()));
            seaEnvelope.expandToInclude(z.geometry().getEnvelopeInternal());
        }
        // The home country is the country outline holding a regional command's headquarters.
        for (Zone z : theatre.zones(ZoneKind.COUNTRY)) {
            PreparedGeometry country = PreparedGeometryFactory.prepare(z.geometry());
            if (theatre.commands().stream().anyMatch(c -> country.contains(GF.createPoint(new Coordinate(c.hqLon(),
                    c.hqLat()))))) {
                home.add(country);
            }
        }
        for (Zone z : theatre.zones(ZoneKind.BORDER)) {
            Optional<Sector> sector = z.sector() == null ? Optional.empty() : theatre.sector(z.sector());
            Geometry area = theatre.zones(ZoneKind.SECTOR).stream().filter(a -> a.sector() != null
                    && a.sector().equals(z.sector())).map(Zone::geometry).findFirst().orElse(null);
            for (LineString ls : lines(z.geometry())) {
                Line line = line(z.sector(), ls, 0);
                line = new Line(z.sector(), line.frame(), line.path(), inwardSign(line, area, sector));
                Coordinate mid = ls.getInteriorPoint().getCoordinate();
                (isSea(mid.y, mid.x) ? seaBorders : landBorders).add(line);
            }
        }
        for (Zone z : theatre.zones(ZoneKind.ROAD)) {
            lines(z.geometry()).forEach(ls -> roads.add(line(z.sector(), ls, 1)));
        }
        for (Zone z : theatre.zones(ZoneKind.PROTECTED_SITE)) {
            Point c = z.geometry().getCentroid();
            (isSea(c.getY(), c.getX()) ? offshoreSites : landSites).add(new double[] {c.getY(), c.getX()});
        }
        for (Zone z : theatre.zones(ZoneKind.CROSSING_POINT)) {
            Point c = z.geometry().getCentroid();
            // Only crossing points on a land border line of the theatre: a route through one must cross that line.
            if (!isSea(c.getY(), c.getX()) && distanceToLandBorderM(c.getY(), c.getX()) <= MAX_CROSSING_POINT_OFFSET_M) {
                crossingPoints.add(new double[] {c.getY(), c.getX()});
            }
        }
    }

    List<Line> landBorders() {
        return landBorders;
    }

    List<Line> seaBorders() {
        return seaBorders;
    }

    List<Line> roads() {
        return roads;
    }

    List<double[]> offshoreSites() {
        return offshoreSites;
    }

    List<double[]> landSites() {
        return landSites;
    }

    List<double[]> crossingPoints() {
        return crossingPoints;
    }

    boolean hasSea() {
        return !sea.isEmpty();
    }

    boolean isSea(double lat, double lon) {
        if (sea.isEmpty() || !seaEnvelope.contains(lon, lat)) {
            return false;
        }
        Point p = GF.createPoint(new Coordinate(lon, lat));
        for (PreparedGeometry g : sea) {
            if (g.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when the theatre's home country is known: a country outline holds a regional command's headquarters. */
    boolean hasHomeAreas() {
        return !home.isEmpty();
    }

    /** True when the point lies in the home country's outline. */
    boolean isHome(double lat, double lon) {
        return isHome(GF.createPoint(new Coordinate(lon, lat)));
    }

    private boolean isHome(Geometry point) {
        for (PreparedGeometry g : home) {
            if (g.contains(point)) {
                return true;
            }
        }
        return false;
    }

    /** A uniformly drawn point {lat, lon} in the sea, or empty after {@code tries} misses. */
    Optional<double[]> randomSeaPoint(SplittableRandom rng, int tries) {
        for (int i = 0; i < tries && hasSea(); i++) {
            double lon = seaEnvelope.getMinX() + rng.nextDouble() * seaEnvelope.getWidth();
            double lat = seaEnvelope.getMinY() + rng.nextDouble() * seaEnvelope.getHeight();
            if (isSea(lat, lon)) {
                return Optional.of(new double[] {lat, lon});
            }
        }
        return Optional.empty();
    }

    /** Distance in metres from a point to the nearest land border line (infinite when there is none). */
    double distanceToLandBorderM(double lat, double lon) {
        double best = Double.POSITIVE_INFINITY;
        double[] p = new double[2];
        double[] q = new double[2];
        for (Line l : landBorders) {
            l.frame().toEastNorth(lat, lon, p);
            l.path().pointAt(l.path().nearestS(p[0], p[1]), q);
            best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
        }
        return best;
    }

    /** One of the lines drawn with probability proportional to its length. */
    static Line pickByLength(List<Line> lines, SplittableRandom rng) {
        double total = lines.stream().mapToDouble(l -> l.path().length()).sum();
        double x = rng.nextDouble() * total;
        for (Line l : lines) {
            x -= l.path().length();
            if (x < 0) {
                return l;
            }
        }
        return lines.get(lines.size() - 1);
    }

    private static Line line(String sector, LineString raw, double inwardSign) {
        // Zones are drawn straight in degrees; densified, the path follows them closely in metres too.
        LineString ls = (LineString) Densifier.densify(raw, DENSIFY_DEG);
        Coordinate mid = ls.getCoordinateN(ls.getNumPoints() / 2);
        LocalFrame frame = new LocalFrame(mid.y, mid.x);
        int n = ls.getNumPoints();
        double[] e = new double[n];
        double[] no = new double[n];
        double[] out = new double[2];
        for (int i = 0; i < n; i++) {
            Coordinate c = ls.getCoordinateN(i);
            frame.toEastNorth(c.y, c.x, out);
            e[i] = out[0];
            no[i] = out[1];
        }
        return new Line(sector, frame, new Path(e, no), inwardSign);
    }

    /**
     * Which side of the line is home: by a vote of probe points 1 km either side of the line along
     * its length, the side that lies in the home country while the other does not, else in the
     * sector's area while the other does not (sectors drawn on the home side only); failing both, the
     * side of the sector's origin.
     */
    private double inwardSign(Line line, Geometry area, Optional<Sector> sector) {
        if (!home.isEmpty()) {
            double vote = vote(line, this::isHome);
            if (vote != 0) {
                return vote;
            }
        }
        if (area != null) {
            PreparedGeometry a = PreparedGeometryFactory.prepare(area);
            double vote = vote(line, a::contains);
            if (vote != 0) {
                return vote;
            }
        }
        double s = line.path().length() / 2;
        double[] p = new double[2];
        double[] d = new double[2];
        line.path().pointAt(s, p);
        line.path().directionAt(s, d);
        if (sector.isPresent()) {
            double[] o = new double[2];
            line.frame().toEastNorth(sector.get().originLat(), sector.get().originLon(), o);
            double cross = d[0] * (o[1] - p[1]) - d[1] * (o[0] - p[0]);
            return cross < 0 ? -1 : 1;
        }
        return 1;
    }

    /**
     * +1 when most probes (more than half) find home on the left of the line and not on the right,
     * -1 for the reverse, else 0: an area that covers both sides, or neither, decides nothing.
     */
    private static double vote(Line line, java.util.function.Predicate<Geometry> isHome) {
        int score = 0;
        double[] p = new double[2];
        double[] d = new double[2];
        double[] ll = new double[2];
        for (int i = 1; i < SIDE_PROBES; i++) {
            double s = line.path().length() * i / SIDE_PROBES;
            line.path().pointAt(s, p);
            line.path().directionAt(s, d);
            line.frame().toLatLon(p[0] - d[1] * SIDE_PROBE_M, p[1] + d[0] * SIDE_PROBE_M, ll);
            boolean left = isHome.test(GF.createPoint(new Coordinate(ll[1], ll[0])));
            line.frame().toLatLon(p[0] + d[1] * SIDE_PROBE_M, p[1] - d[0] * SIDE_PROBE_M, ll);
            boolean right = isHome.test(GF.createPoint(new Coordinate(ll[1], ll[0])));
            score += left == right ? 0 : left ? 1 : -1;
        }
        return Math.abs(score) * 2 > SIDE_PROBES - 1 ? Math.signum(score) : 0;
    }

    private static List<LineString> lines(Geometry g) {
        List<LineString> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof LineString ls && ls.getNumPoints() >= 2 && ls.getLength() > 0) {
                out.add(ls);
            }
        }
        return out;
    }
}
