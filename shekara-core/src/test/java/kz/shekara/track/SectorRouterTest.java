package kz.shekara.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.sim.BorderScenario;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import org.junit.jupiter.api.Test;

/** Routes worked out ahead of the tracker, on another thread, give the tracker's own output. */
class SectorRouterTest {
    // The boundary of the two sectors (equidistant from their origins) runs through the middle of the
    // scene, at lon 68.0, so that hand-overs and plots within the overlap of both sectors are frequent.
    static final Sector WEST = new Sector("W", "west", "south", "UZ", Posture.NORMAL, 43.0, 67.95);
    static final Sector EAST = new Sector("E", "east", "south", "KG", Posture.NORMAL, 43.0, 68.05);
    static final List<Sector> SECTORS = List.of(WEST, EAST);

    static MultiSectorTracker tracker() {
        return new MultiSectorTracker(TrackerConfig.DEFAULTS, SECTORS, SectorLocator.ofOrigins(SECTORS));
    }

    /** A seeded scene with clutter, its scans' detections interleaved with the next scan's within the reorder window. */
    static List<Detection> scene() {
        List<Detection> in = new ArrayList<>(BorderScenario.standard(100, 7).generate().detections());
        for (int i = 1; i + 1 < in.size(); i += 97) {
            // Out of order by up to a scan (inside the two-second window): the buffer puts them back in order.
            Detection d = in.remove(i);
            in.add(Math.min(in.size(), i + 150), d);
        }
        return in;
    }

    @Test
    void routesWorkedOutOnAnotherThreadGiveTheSameUpdatesAsTheTrackerRoutingItself() throws Exception {
        List<Detection> in = scene();
        MultiSectorTracker itself = tracker();
        List<TrackUpdate> expected = new ArrayList<>();
        for (Detection d : in) {
            expected.addAll(itself.accept(d));
        }
        expected.addAll(itself.flush());

        MultiSectorTracker ahead = tracker();
        SectorRouter router = ahead.router();
        List<SectorRouter.Route> routes;
        try (ExecutorService other = Executors.newSingleThreadExecutor()) {
            Future<List<SectorRouter.Route>> f = other.submit(() -> in.stream().map(router::route).toList());
            routes = f.get();
        }
        List<TrackUpdate> actual = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            actual.addAll(ahead.accept(in.get(i), routes.get(i)));
        }
        actual.addAll(ahead.flush());

        assertThat(routes).anyMatch(r -> r.sectors().length > 1); // plots within the overlap of both sectors
        assertThat(itself.handovers()).isPositive();
        assertThat(expected.size()).isGreaterThan(5_000);
        assertThat(actual).isEqualTo(expected);
        assertThat(ahead.handovers()).isEqualTo(itself.handovers());
        assertThat(ahead.outsideDetections()).isEqualTo(itself.outsideDetections());
    }

    @Test
    void aRouteNamesTheHomeSectorFirstThenTheSectorsWithinTheOverlapWithTheirPlots() {
        MultiSectorTracker t = tracker();
        // 50 m west of the boundary: home is the west sector, the east one is within the overlap.
        Detection d = new Detection(BorderScenario.START, "radar-1", kz.shekara.model.SensorKind.RADAR, 43.0,
                68.0 - 50 / (111_195.0 * Math.cos(Math.toRadians(43.0))), 10, Fixtures.MARKING);
        SectorRouter.Route r = t.router().route(d);
        assertThat(r.sectors()).containsExactly("W", "E");
        assertThat(r.plots()).containsExactly(t.sectors().get("W").plot(d), t.sectors().get("E").plot(d));
        // Deep in the west sector: home only.
        Detection far = new Detection(BorderScenario.START, "radar-1", kz.shekara.model.SensorKind.RADAR, 43.0, 67.9,
                10, Fixtures.MARKING);
        assertThat(t.router().route(far).sectors()).containsExactly("W");
    }

    @Test
    void oneLookupWhereACellSettlesItGivesTheRouteOfFiveLookups() {
        // Two sector polygons meeting at lon 68.0 (west 67.5-68.0, east 68.0-68.5, lat 42.7-43.3) and the
        // default reach: points inside, along the shared edge and outside, within and beyond the reach.
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        java.util.function.BiFunction<Double, Double, org.locationtech.jts.geom.Geometry> box = (w, e) ->
                gf.toGeometry(new org.locationtech.jts.geom.Envelope(w, e, 42.7, 43.3));
        kz.shekara.theatre.Theatre theatre = new kz.shekara.theatre.Theatre("two", Fixtures.MARKING, SECTORS,
                List.of(new kz.shekara.theatre.Zone("w", kz.shekara.theatre.ZoneKind.SECTOR, "W", "W", 0,
                                box.apply(67.5, 68.0)),
                        new kz.shekara.theatre.Zone("e", kz.shekara.theatre.ZoneKind.SECTOR, "E", "E", 0,
                                box.apply(68.0, 68.5))),
                List.of(), List.of(), List.of(), List.of());
        MultiSectorTracker t = new MultiSectorTracker(TrackerConfig.DEFAULTS, SECTORS, new SectorLocator(theatre));
        SectorRouter router = t.router();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int single = 0;
        for (int i = 0; i < 50_000; i++) {
            Detection d = new Detection(BorderScenario.START, "radar-1", kz.shekara.model.SensorKind.RADAR,
                    random.nextDouble(42.2, 43.8), random.nextDouble(67.0, 69.0), 10, Fixtures.MARKING);
            SectorRouter.Route fast = router.route(d);
            SectorRouter.Route each = router.routeEach(d);
            assertThat(fast.sectors()).as("%s, %s", d.lat(), d.lon()).containsExactly(each.sectors());
            assertThat(fast.plots()).containsExactly(each.plots());
            single += fast.sectors().length == 1 ? 1 : 0;
        }
        assertThat(single).isGreaterThan(25_000);
    }
}
