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
    private static final double DENSIFY_DEG = 0.005;

    /** A border line in a frame at its middle; {@code inwardSign} is +1 when home lies left of the direction of travel. */
    record Line(String sector, LocalFrame frame, Path path, double inwardSign) {
        /** Unit normal (east, north) pointing into the home country at arc length {@code s}. */
        void inwardNormal(double s, double[] out) {
            path.directionAt(s, out);
            double e = -out[1] * inwardSign;
            double n = out[0] * inwardSign;
            out[0] = e;
            out[1] = n;
        }
    }

    private final List<PreparedGeometry> sea = new ArrayList<>();
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
            if (!isSea(c.getY(), c.getX())) {
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
     * Which side of the line is home: the side whose probe point 1 km off the middle of the line
     * lies in the sector's area and the other does not; failing that, the side of the sector's origin.
     */
    private static double inwardSign(Line line, Geometry area, Optional<Sector> sector) {
        double s = line.path().length() / 2;
        double[] p = new double[2];
        double[] d = new double[2];
        line.path().pointAt(s, p);
        line.path().directionAt(s, d);
        if (area != null) {
            boolean left = contains(area, line.frame(), p[0] - d[1] * SIDE_PROBE_M, p[1] + d[0] * SIDE_PROBE_M);
            boolean right = contains(area, line.frame(), p[0] + d[1] * SIDE_PROBE_M, p[1] - d[0] * SIDE_PROBE_M);
            if (left != right) {
                return left ? 1 : -1;
            }
        }
        if (sector.isPresent()) {
            double[] o = new double[2];
            line.frame().toEastNorth(sector.get().originLat(), sector.get().originLon(), o);
            double cross = d[0] * (o[1] - p[1]) - d[1] * (o[0] - p[0]);
            return cross < 0 ? -1 : 1;
        }
        return 1;
    }

    private static boolean contains(Geometry area, LocalFrame frame, double east, double north) {
        double[] ll = new double[2];
        frame.toLatLon(east, north, ll);
        return area.contains(GF.createPoint(new Coordinate(ll[1], ll[0])));
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
