package kz.shekara.sim;

import java.util.List;
import java.util.SplittableRandom;
import kz.shekara.geo.LocalFrame;

/**
 * Draws the routes of simulated movers: inbound border crossings, walks along the border, approaches
 * to protected sites, road and sea transits and loitering. Routes are paths in a local east-north
 * frame (metres). Deterministic for a given random stream; not thread-safe.
 */
final class RoutePlanner {
    /** A route; {@code outsideM} is how far its start lies from the border for a crossing (0 otherwise). */
    record Route(LocalFrame frame, Path path, double outsideM) {
    }

    private static final double MAX_CROSSING_SKEW_DEG = 20;
    private static final int TRIES = 40;

    private final TheatreGeometry geo;
    private final SplittableRandom rng;

    RoutePlanner(TheatreGeometry geo, SplittableRandom rng) {
        this.geo = geo;
        this.rng = rng;
    }

    /**
     * A straight inbound crossing, a little skewed from the border's normal: from 2–5 km on the
     * neighbour's side, through the border at a random point (or through {@code via}, a crossing
     * point {lat, lon}), to 5–10 km inside. Where the theatre has sector areas, a route whose start
     * lies in one or whose end does not (a meander of a river border) is drawn again.
     */
    Route crossing(List<TheatreGeometry.Line> borders, double[] via) {
        Route r = null;
        for (int i = 0; i < TRIES; i++) {
            r = via != null && i < TRIES / 2 ? crossingThrough(nearest(borders, via), via)
                    : crossingThrough(TheatreGeometry.pickByLength(borders, rng), null);
            if (!geo.hasHomeAreas() || (!isHome(r, 0) && isHome(r, r.path().length()))) {
                return r;
            }
        }
        return r;
    }

    private Route crossingThrough(TheatreGeometry.Line line, double[] via) {
        double[] anchor = new double[2];
        double s;
        if (via != null) {
            line.frame().toEastNorth(via[0], via[1], anchor);
            s = line.path().nearestS(anchor[0], anchor[1]);
        } else {
            s = rng.nextDouble() * line.path().length();
            line.path().pointAt(s, anchor);
        }
        double[] n = new double[2];
        line.inwardNormal(s, n);
        double skew = Math.toRadians((rng.nextDouble() * 2 - 1) * MAX_CROSSING_SKEW_DEG);
        double ue = n[0] * Math.cos(skew) - n[1] * Math.sin(skew);
        double un = n[0] * Math.sin(skew) + n[1] * Math.cos(skew);
        double out = uniform(2000, 5000);
        double in = uniform(5000, 10000);
        Path path = Path.line(anchor[0] - ue * out, anchor[1] - un * out, anchor[0] + ue * in, anchor[1] + un * in);
        return new Route(line.frame(), path, out);
    }

    /**
     * A walk parallel to the border, {@code minOffM}–{@code maxOffM} off it (either side when
     * {@code eitherSide}, else inside), over {@code minLenM}–{@code maxLenM} of its length. Where the
     * theatre has sector areas, a walk that would pass to the other side is drawn again.
     */
    Route alongBorder(List<TheatreGeometry.Line> borders, double minOffM, double maxOffM, double minLenM,
                      double maxLenM, boolean eitherSide) {
        Route r = null;
        for (int i = 0; i < TRIES; i++) {
            TheatreGeometry.Line line = TheatreGeometry.pickByLength(borders, rng);
            double len = line.path().length();
            double stretch = Math.min(uniform(minLenM, maxLenM), len);
            double from = rng.nextDouble() * (len - stretch);
            boolean inside = !eitherSide || rng.nextBoolean();
            double offset = (inside ? 1 : -1) * line.inwardSign() * uniform(minOffM, maxOffM);
            Path path = rng.nextBoolean() ? line.path().stretch(from, from + stretch, offset, 100)
                    : line.path().stretch(from + stretch, from, offset, 100);
            r = new Route(line.frame(), path, 0);
            if (!geo.hasHomeAreas() || staysOn(r, inside)) {
                return r;
            }
        }
        return r;
    }

    /** Straight at a site {lat, lon} from 15–30 km out at sea (boats) or 8–15 km away on land (vehicles). */
    Route siteApproach(List<double[]> sites, boolean boat) {
        double[] site = sites.get(rng.nextInt(sites.size()));
        double[] start = ScenarioPlanner.around(rng, site, boat ? 15_000 : 8_000, boat ? 30_000 : 15_000,
                (lat, lon) -> geo.isSea(lat, lon) == boat);
        LocalFrame frame = new LocalFrame(site[0], site[1]);
        double[] s = new double[2];
        frame.toEastNorth(start[0], start[1], s);
        return new Route(frame, Path.line(s[0], s[1], 0, 0), 0);
    }

    /** A 10–30 km straight run between two points at sea. */
    Route seaTransit(int tries) {
        double[] start = geo.randomSeaPoint(rng, tries).orElseThrow(() ->
                new IllegalStateException("no point found in the theatre's sea"));
        double[] end = ScenarioPlanner.around(rng, start, 10_000, 30_000, geo::isSea);
        LocalFrame frame = new LocalFrame(start[0], start[1]);
        double[] e = new double[2];
        frame.toEastNorth(end[0], end[1], e);
        return new Route(frame, Path.line(0, 0, e[0], e[1]), 0);
    }

    /** 10–40 km along a road, or, in a theatre without roads, 10–30 km parallel to the border 3–8 km inside. */
    Route roadTransit() {
        if (geo.roads().isEmpty()) {
            return alongBorder(geo.landBorders(), 3000, 8000, 10_000, 30_000, false);
        }
        TheatreGeometry.Line road = TheatreGeometry.pickByLength(geo.roads(), rng);
        double len = road.path().length();
        double stretch = Math.min(uniform(10_000, 40_000), len);
        double from = rng.nextDouble() * (len - stretch);
        Path path = rng.nextBoolean() ? road.path().stretch(from, from + stretch, 0, 200)
                : road.path().stretch(from + stretch, from, 0, 200);
        return new Route(road.frame(), path, 0);
    }

    /** Wandering near the border, 0.5–1.5 km inside, within 400 m of one point. */
    Route loiterNearBorder(List<TheatreGeometry.Line> borders) {
        double[] centre = new double[2];
        for (int i = 0; i < TRIES; i++) {
            TheatreGeometry.Line line = TheatreGeometry.pickByLength(borders, rng);
            double s = rng.nextDouble() * line.path().length();
            double[] p = new double[2];
            double[] n = new double[2];
            line.path().pointAt(s, p);
            line.inwardNormal(s, n);
            double d = uniform(500, 1500);
            line.frame().toLatLon(p[0] + n[0] * d, p[1] + n[1] * d, centre);
            if (!geo.hasHomeAreas() || geo.isHome(centre[0], centre[1])) {
                break;
            }
        }
        return wander(centre, 400);
    }

    /** Wandering within {@code radiusM} of a point {@code minM}–{@code maxM} from a site {lat, lon}. */
    Route loiter(double[] site, double minM, double maxM, double radiusM) {
        double[] centre = ScenarioPlanner.around(rng, site, minM, maxM, geo::isSea);
        return wander(centre, radiusM);
    }

    private Route wander(double[] centre, double radiusM) {
        int n = 60;
        double[] e = new double[n];
        double[] no = new double[n];
        for (int i = 1; i < n; i++) {
            double r = radiusM * Math.sqrt(rng.nextDouble());
            double a = rng.nextDouble() * 2 * Math.PI;
            e[i] = r * Math.cos(a);
            no[i] = r * Math.sin(a);
        }
        return new Route(new LocalFrame(centre[0], centre[1]), new Path(e, no), 0);
    }

    private boolean isHome(Route r, double s) {
        double[] p = new double[2];
        double[] ll = new double[2];
        r.path().pointAt(s, p);
        r.frame().toLatLon(p[0], p[1], ll);
        return geo.isHome(ll[0], ll[1]);
    }

    /** True when every vertex of the route lies on the home side ({@code home}) or none does. */
    private boolean staysOn(Route r, boolean home) {
        double[] ll = new double[2];
        for (int i = 0; i < r.path().vertexCount(); i++) {
            r.frame().toLatLon(r.path().east(i), r.path().north(i), ll);
            if (geo.isHome(ll[0], ll[1]) != home) {
                return false;
            }
        }
        return true;
    }

    private static TheatreGeometry.Line nearest(List<TheatreGeometry.Line> lines, double[] latLon) {
        TheatreGeometry.Line best = lines.get(0);
        double bestD = Double.POSITIVE_INFINITY;
        double[] p = new double[2];
        double[] q = new double[2];
        for (TheatreGeometry.Line l : lines) {
            l.frame().toEastNorth(latLon[0], latLon[1], p);
            l.path().pointAt(l.path().nearestS(p[0], p[1]), q);
            double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
            if (d < bestD) {
                bestD = d;
                best = l;
            }
        }
        return best;
    }

    private double uniform(double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }
}
