package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.TruthState;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

class ScenarioPlannerTest {
    private static final Instant T0 = SimulatorTest.T0;

    @Test
    void crossingVehiclesStartOnTheNeighboursSideAndEndInsideAcrossTheBorderLine() {
        ScenarioConfig crossers = new ScenarioConfig(0, 8, 0, 0, 1.0, 0, 0, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Duration span = Duration.ofMinutes(90);
        List<SimEvent> events = new Simulator(FixtureTheatre.with(List.of()), 8, T0, crossers).advanceTo(T0.plus(span));
        Map<String, List<TruthState>> tracks = tracks(SimulatorTest.truth(events));
        int completed = 0;
        for (List<TruthState> track : tracks.values()) {
            TruthState first = track.get(0);
            TruthState last = track.get(track.size() - 1);
            assertThat(FixtureTheatre.LAND_SECTOR.contains(point(first))).as("starts on the neighbour's side").isFalse();
            assertThat(first.lat()).isLessThan(FixtureTheatre.BORDER_LAT);
            if (last.time().isBefore(T0.plus(span))) {
                completed++;
                assertThat(FixtureTheatre.LAND_SECTOR.contains(point(last))).as("ends inside").isTrue();
                assertThat(line(track).intersects(FixtureTheatre.LAND_BORDER)).isTrue();
                double outside = Geodesy.distanceM(first.lat(), first.lon(), FixtureTheatre.BORDER_LAT, first.lon());
                double inside = Geodesy.distanceM(last.lat(), last.lon(), FixtureTheatre.BORDER_LAT, last.lon());
                // Skewed up to 20° from the normal: 5–10 km along the route is 4.7–10 km from the line.
                assertThat(inside).isBetween(4_600.0, 10_050.0);
                if (!first.time().equals(T0)) {
                    assertThat(outside).isBetween(1_850.0, 5_050.0);
                }
            }
        }
        assertThat(completed).isGreaterThanOrEqualTo(8);
    }

    @Test
    void crossingWalkersHeadForTheBorderAtWalkingSpeed() {
        ScenarioConfig walkers = new ScenarioConfig(10, 0, 0, 0, 1.0, 0, 0, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Simulator sim = new Simulator(FixtureTheatre.with(List.of()), 12, T0, walkers);
        sim.advanceTo(T0);
        for (Mover m : sim.movers()) {
            assertThat(m.role()).isEqualTo(MoverRole.CROSSER);
            assertThat(m.speedMps()).isBetween(1.0, 1.6);
            assertThat(route(m).intersects(FixtureTheatre.LAND_BORDER)).isTrue();
            assertThat(FixtureTheatre.LAND_SECTOR.contains(route(m).getEndPoint())).isTrue();
            assertThat(route(m).getStartPoint().getY()).isLessThan(FixtureTheatre.BORDER_LAT);
        }
    }

    @Test
    void walkersAlongTheBorderNeverCrossIt() {
        ScenarioConfig along = new ScenarioConfig(20, 0, 0, 0, 0.0, 0, 0, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Simulator sim = new Simulator(FixtureTheatre.with(List.of()), 13, T0, along);
        sim.advanceTo(T0);
        int south = 0;
        for (Mover m : sim.movers()) {
            assertThat(m.role()).isEqualTo(MoverRole.ALONG_BORDER);
            LineString r = route(m);
            assertThat(r.intersects(FixtureTheatre.LAND_BORDER)).isFalse();
            assertThat(r.distance(FixtureTheatre.LAND_BORDER)).isGreaterThan(0.0015);
            south += r.getStartPoint().getY() < FixtureTheatre.BORDER_LAT ? 1 : 0;
        }
        assertThat(south).as("walkers on both sides").isBetween(1, 19);
    }

    @Test
    void boatsHeadForTheOffshoreSiteFromOpenSeaAndFastBoatsRunAbove20Mps() {
        ScenarioConfig boats = new ScenarioConfig(0, 0, 6, 0, 0.5, 1.0, 0.5, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        Simulator sim = new Simulator(FixtureTheatre.with(List.of()), 14, T0, boats);
        sim.advanceTo(T0);
        List<Mover> movers = sim.movers();
        assertThat(movers).hasSize(6).allSatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MoverKind.BOAT);
            assertThat(m.role()).isEqualTo(MoverRole.SITE_APPROACH);
            LineString r = route(m);
            assertThat(FixtureTheatre.SEA.contains(r.getStartPoint())).isTrue();
            Coordinate end = r.getEndPoint().getCoordinate();
            assertThat(Geodesy.distanceM(end.y, end.x, FixtureTheatre.OFFSHORE_SITE[0], FixtureTheatre.OFFSHORE_SITE[1]))
                    .isLessThan(1.0);
            double startM = Geodesy.distanceM(r.getStartPoint().getY(), r.getStartPoint().getX(),
                    FixtureTheatre.OFFSHORE_SITE[0], FixtureTheatre.OFFSHORE_SITE[1]);
            assertThat(startM).isBetween(14_900.0, 30_100.0);
        });
        assertThat(movers.stream().filter(m -> m.speedMps() >= 20).count()).isEqualTo(3);
        assertThat(movers.stream().filter(m -> m.speedMps() < 20).allMatch(m -> m.speedMps() >= 6 && m.speedMps() <= 15))
                .isTrue();
    }

    @Test
    void defaultScenarioHasEveryRole() {
        Simulator sim = new Simulator(FixtureTheatre.standard(), 15, T0, ScenarioConfig.DEFAULT);
        sim.advanceTo(T0);
        Map<String, Long> roles = new LinkedHashMap<>();
        sim.movers().forEach(m -> roles.merge(m.kind() + "/" + m.role(), 1L, Long::sum));
        assertThat(roles).containsEntry("WALKER/CROSSER", 6L).containsEntry("WALKER/ALONG_BORDER", 6L)
                .containsEntry("VEHICLE/CROSSER", 4L).containsEntry("VEHICLE/SITE_APPROACH", 2L)
                .containsEntry("VEHICLE/TRANSIT", 2L).containsEntry("BOAT/SITE_APPROACH", 3L)
                .containsEntry("BOAT/CROSSER", 2L).containsEntry("BOAT/TRANSIT", 1L)
                .containsEntry("WALKER/LOITERER", 1L).containsEntry("BOAT/LOITERER", 1L);
        assertThat(sim.movers().stream().filter(Mover::carriesSource).count()).isEqualTo(1);
    }

    private static Map<String, List<TruthState>> tracks(List<TruthState> truth) {
        Map<String, List<TruthState>> out = new LinkedHashMap<>();
        truth.forEach(t -> out.computeIfAbsent(t.target(), k -> new ArrayList<>()).add(t));
        return out;
    }

    private static LineString line(List<TruthState> track) {
        return FixtureTheatre.GF.createLineString(track.stream().map(t -> new Coordinate(t.lon(), t.lat()))
                .toArray(Coordinate[]::new));
    }

    private static Geometry point(TruthState t) {
        return FixtureTheatre.GF.createPoint(new Coordinate(t.lon(), t.lat()));
    }

    /** The whole route of a mover, start to end, in degrees. */
    private static LineString route(Mover m) {
        int n = 50;
        Coordinate[] cs = new Coordinate[n + 1];
        double[] p = new double[2];
        double[] ll = new double[2];
        for (int i = 0; i <= n; i++) {
            m.path().pointAt(m.path().length() * i / n, p);
            m.frame().toLatLon(p[0], p[1], ll);
            cs[i] = new Coordinate(ll[1], ll[0]);
        }
        return FixtureTheatre.GF.createLineString(cs);
    }
}
