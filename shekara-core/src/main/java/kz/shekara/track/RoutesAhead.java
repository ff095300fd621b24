package kz.shekara.track;

import java.util.ArrayDeque;
import kz.shekara.model.Detection;

/**
 * The routes given to a {@link MultiSectorTracker} with its detections
 * ({@link MultiSectorTracker#accept(Detection, SectorRouter.Route)}), kept in arrival order until the
 * tracker routes them. Scans leave the reorder buffer in (time, sensor) order, arrival order within
 * one, so the routes are met in the order they came but for detections that came out of order: an
 * entry whose scan is not later than the detection's has been routed (worked out by the router) and
 * goes; one of a later scan waits, and the detection's route is worked out by the router. Not thread-safe.
 */
final class RoutesAhead {
    private record Ahead(Detection detection, SectorRouter.Route route) {
    }

    private final SectorRouter router;
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();

    RoutesAhead(SectorRouter router) {
        this.router = router;
    }

    void add(Detection d, SectorRouter.Route route) {
        ahead.addLast(new Ahead(d, route));
    }

    void clear() {
        ahead.clear();
    }

    /** The route given with {@code d}, else the router's. */
    SectorRouter.Route routeOf(Detection d) {
        while (!ahead.isEmpty()) {
            Ahead a = ahead.peekFirst();
            if (a.detection() == d) {
                ahead.pollFirst();
                return a.route();
            }
            int c = a.detection().time().compareTo(d.time());
            if (c > 0 || c == 0 && a.detection().sensor().compareTo(d.sensor()) > 0) {
                break;
            }
            ahead.pollFirst();
        }
        return router.route(d);
    }
}
