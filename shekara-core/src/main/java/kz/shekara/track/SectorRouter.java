package kz.shekara.track;

import java.util.Arrays;
import java.util.Map;
import kz.shekara.geo.LocalFrame;
import kz.shekara.geo.MetresPerDegree;
import kz.shekara.model.Detection;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.SectorsAround;

/**
 * Where a detection goes in a {@link MultiSectorTracker}: the sector that owns its position, and the
 * other sectors within the overlap distance of it (probed a distance north, south, east and west), each
 * with the plot of the detection in that sector's frame. A route depends on the detection's position
 * only, so it can be worked out on another thread than the tracker's, ahead of it
 * ({@link MultiSectorTracker#accept(Detection, Route)}); the tracker works it out itself otherwise, with
 * this same code. Thread-safe.
 */
public final class SectorRouter {
    private static final String[] NO_SECTORS = {};
    private static final Plot[] NO_PLOTS = {};

    /**
     * A detection's route: {@code sectors[0]} its home sector with {@code plots[0]}, then the other
     * sectors it reaches in probe order; no sectors when no sector of the tracker owns the position.
     */
    public record Route(String[] sectors, Plot[] plots) {
        static final Route OUTSIDE = new Route(NO_SECTORS, NO_PLOTS);

        boolean outside() {
            return sectors.length == 0;
        }
    }

    private final SectorLocator locator;
    private final Map<String, LocalFrame> frames;
    private final double overlapM;
    /** The one sector of a point and its four probes, where a cell settles it; null without an overlap. */
    private final SectorsAround around;

    SectorRouter(SectorLocator locator, Map<String, LocalFrame> frames, double overlapM) {
        this.locator = locator;
        this.frames = Map.copyOf(frames);
        this.overlapM = overlapM;
        this.around = overlapM > 0 ? locator.around(overlapM) : null;
    }

    /**
     * The route of {@code d}: where its point and its four probes all go to one sector (away from every
     * sector's edge by more than the overlap, as one cell's answer settles it), that sector alone, in one
     * lookup; else each of the five looked up.
     */
    public Route route(Detection d) {
        String only = around == null ? null : around.sectorOf(d.lat(), d.lon());
        if (only != null) {
            LocalFrame frame = frames.get(only);
            return frame == null ? Route.OUTSIDE
                    : new Route(new String[] {only}, new Plot[] {plot(frame, d, new double[2])});
        }
        return routeEach(d);
    }

    /** The route of {@code d} from five lookups: its point and each probe. */
    Route routeEach(Detection d) {
        String home = locator.sectorOf(d.lat(), d.lon());
        LocalFrame homeFrame = home == null ? null : frames.get(home);
        if (homeFrame == null) {
            return Route.OUTSIDE;
        }
        double[] eastNorth = new double[2];
        Plot homePlot = plot(homeFrame, d, eastNorth);
        if (overlapM <= 0) {
            return new Route(new String[] {home}, new Plot[] {homePlot});
        }
        String[] sectors = new String[5];
        Plot[] plots = new Plot[5];
        sectors[0] = home;
        plots[0] = homePlot;
        int n = 1;
        double dLat = overlapM / MetresPerDegree.SPHERE;
        double dLon = overlapM / (MetresPerDegree.SPHERE * Math.max(0.01, Math.cos(Math.toRadians(d.lat()))));
        double[][] probes = {{dLat, 0}, {-dLat, 0}, {0, dLon}, {0, -dLon}};
        for (double[] probe : probes) {
            String near = locator.sectorOf(d.lat() + probe[0], d.lon() + probe[1]);
            LocalFrame other = near == null ? null : frames.get(near);
            if (other != null && !contains(sectors, n, near)) {
                sectors[n] = near;
                plots[n] = plot(other, d, eastNorth);
                n++;
            }
        }
        return new Route(Arrays.copyOf(sectors, n), Arrays.copyOf(plots, n));
    }

    private static boolean contains(String[] sectors, int n, String id) {
        for (int i = 0; i < n; i++) {
            if (sectors[i].equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The plot of {@code d} in {@code frame}, as {@link SectorTracker#plot} makes it. */
    static Plot plot(LocalFrame frame, Detection d, double[] eastNorth) {
        frame.toEastNorth(d.lat(), d.lon(), eastNorth);
        return new Plot(d.time(), eastNorth[0], eastNorth[1], d.sigmaM(), d);
    }
}
