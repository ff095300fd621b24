package kz.shekara.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kz.shekara.geo.Geodesy;

/**
 * Plans the movers of a scenario: which slots exist (kind, role, fast, carrying a source) and, for
 * each, a route on the theatre's borders, roads, sea and protected sites. Deterministic for a given
 * random stream; not thread-safe (it advances that stream).
 */
final class ScenarioPlanner {
    /** A place in the scenario that always holds one mover; a mover that arrives is replaced by a new one. */
    record Slot(MoverKind kind, MoverRole role, boolean fast, boolean source) {
    }

    private static final int TRIES = 40;

    private final TheatreGeometry geo;
    private final SplittableRandom rng;
    private final Map<MoverKind, Integer> issued = new EnumMap<>(MoverKind.class);
    private final RoutePlanner routes;

    ScenarioPlanner(TheatreGeometry geo, SplittableRandom rng) {
        this.geo = geo;
        this.rng = rng;
        this.routes = new RoutePlanner(geo, rng);
    }

    /** The slots the config asks for that this theatre can hold (no land border: no walkers; no sea: no boats). */
    List<Slot> slots(ScenarioConfig c) {
        List<Slot> out = new ArrayList<>();
        boolean land = !geo.landBorders().isEmpty();
        if (land) {
            int crossers = (int) Math.round(c.walkers() * c.crossingShare());
            for (int i = 0; i < c.walkers(); i++) {
                out.add(new Slot(MoverKind.WALKER, i < crossers ? MoverRole.CROSSER : MoverRole.ALONG_BORDER, false,
                        false));
            }
            int vCross = (int) Math.round(c.vehicles() * c.crossingShare());
            int vSource = (int) Math.round(vCross * c.sourceShare());
            int vApproach = geo.landSites().isEmpty() ? 0
                    : (int) Math.round((c.vehicles() - vCross) * c.siteApproachShare());
            for (int i = 0; i < c.vehicles(); i++) {
                MoverRole role = i < vCross ? MoverRole.CROSSER
                        : i < vCross + vApproach ? MoverRole.SITE_APPROACH : MoverRole.TRANSIT;
                out.add(new Slot(MoverKind.VEHICLE, role, false, i < vSource));
            }
        }
        if (geo.hasSea()) {
            int approach = geo.offshoreSites().isEmpty() ? 0 : (int) Math.round(c.boats() * c.siteApproachShare());
            int cross = geo.seaBorders().isEmpty() ? 0
                    : (int) Math.round((c.boats() - approach) * c.crossingShare());
            int fast = (int) Math.round(c.boats() * c.fastBoatShare());
            for (int i = 0; i < c.boats(); i++) {
                MoverRole role = i < approach ? MoverRole.SITE_APPROACH
                        : i < approach + cross ? MoverRole.CROSSER : MoverRole.TRANSIT;
                out.add(new Slot(MoverKind.BOAT, role, i < fast, false));
            }
        }
        for (int i = 0; i < c.loiterers(); i++) {
            boolean boat = i % 2 == 1 && !geo.offshoreSites().isEmpty();
            if (boat || land) {
                out.add(new Slot(boat ? MoverKind.BOAT : MoverKind.WALKER, MoverRole.LOITERER, false, false));
            }
        }
        return out;
    }

    /**
     * A new mover for the slot, starting at {@code atSec}. The scenario's first movers start part
     * of the way along their routes so that the first minutes are not empty; crossers always start
     * on the neighbour's side.
     */
    Mover plan(Slot slot, double atSec, boolean first) {
        RoutePlanner.Route r = switch (slot.role()) {
            case CROSSER -> slot.kind() == MoverKind.BOAT ? routes.crossing(geo.seaBorders(), null)
                    : routes.crossing(geo.landBorders(), slot.source() ? pick(geo.crossingPoints()) : null);
            case ALONG_BORDER -> routes.alongBorder(geo.landBorders(), 200, 1000, 2000, 5000, true);
            case SITE_APPROACH -> routes.siteApproach(slot.kind() == MoverKind.BOAT ? geo.offshoreSites()
                    : geo.landSites(), slot.kind() == MoverKind.BOAT);
            case TRANSIT -> slot.kind() == MoverKind.BOAT ? routes.seaTransit(TRIES) : routes.roadTransit();
            case LOITERER -> slot.kind() == MoverKind.BOAT ? routes.loiter(pick(geo.offshoreSites()), 2000, 4000, 1500)
                    : routes.loiterNearBorder(geo.landBorders());
        };
        double speed = speed(slot);
        double startS = 0;
        if (first && slot.role() != MoverRole.LOITERER) {
            double limit = slot.role() == MoverRole.CROSSER ? 0.9 * r.outsideM() : 0.5 * r.path().length();
            startS = rng.nextDouble() * limit;
        }
        boolean ais = slot.kind() == MoverKind.BOAT && slot.role() == MoverRole.TRANSIT;
        return new Mover(nextId(slot.kind()), slot.kind(), slot.role(), r.frame(), r.path(), speed, atSec, startS,
                slot.source(), ais, Mover.Extent.of(r.frame(), r.path()));
    }

    private double speed(Slot slot) {
        if (slot.role() == MoverRole.LOITERER) {
            return slot.kind() == MoverKind.BOAT ? uniform(2, 4) : uniform(0.5, 1.0);
        }
        return switch (slot.kind()) {
            case WALKER -> uniform(1.0, 1.6);
            case VEHICLE -> uniform(8, 20);
            case BOAT -> slot.fast() ? uniform(20, 30) : uniform(6, 15);
        };
    }

    private double[] pick(List<double[]> points) {
        return points.isEmpty() ? null : points.get(rng.nextInt(points.size()));
    }

    private double uniform(double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }

    private String nextId(MoverKind kind) {
        int n = issued.merge(kind, 1, Integer::sum);
        return String.format(java.util.Locale.ROOT, "%s-%03d", kind.code(), n);
    }

    /** A point {lat, lon} at a random bearing and distance from a centre that satisfies the test, or the last one tried. */
    static double[] around(SplittableRandom rng, double[] centre, double minM, double maxM,
                           java.util.function.BiPredicate<Double, Double> ok) {
        double[] p = centre;
        for (int i = 0; i < TRIES; i++) {
            p = Geodesy.destination(centre[0], centre[1], rng.nextDouble() * 360, minM + rng.nextDouble() * (maxM - minM));
            if (ok.test(p[0], p[1])) {
                return p;
            }
        }
        return p;
    }
}
