package kz.shekara.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.Geodesy;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Searches over the junction graph give the distances and paths of the full road network. */
class RoadGraphTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry line(double... lonLat) {
        Coordinate[] cs = new Coordinate[lonLat.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        return GF.createLineString(cs);
    }

    private static double pathLength(RoadGraph g, List<Integer> nodes) {
        double m = 0;
        for (int i = 1; i < nodes.size(); i++) {
            m += Geodesy.distanceM(g.lat(nodes.get(i - 1)), g.lon(nodes.get(i - 1)), g.lat(nodes.get(i)), g.lon(nodes.get(i)));
        }
        return m;
    }

    @Test
    void ringRoadWithoutJunctionsGoesTheShorterWayRound() {
        // A closed square of 0.1° sides at 43 N: from one corner the opposite one is two sides away either way,
        // the next corner one side away.
        RoadGraph g = RoadGraph.of(List.of(line(69.0, 43.0, 69.1, 43.0, 69.1, 43.1, 69.0, 43.1, 69.0, 43.0)), 1_000, 0);
        int[] corner = new int[1];
        double[] m = new double[1];
        g.nearest(43.0, 69.0, 10, corner, m);
        int[] opposite = new int[1];
        g.nearest(43.1, 69.1, 10, opposite, m);
        int[] next = new int[1];
        g.nearest(43.0, 69.1, 10, next, m);
        RoadGraph.ShortestPaths p = g.search(corner[0], Double.POSITIVE_INFINITY);
        double south = Geodesy.distanceM(43.0, 69.0, 43.0, 69.1);
        double east = Geodesy.distanceM(43.0, 69.1, 43.1, 69.1);
        double north = Geodesy.distanceM(43.1, 69.0, 43.1, 69.1);
        assertThat(p.distTo(next[0])).isCloseTo(south, within(0.5));
        assertThat(p.distTo(opposite[0])).isCloseTo(Math.min(south + east, east + north), within(0.5));
        assertThat(pathLength(g, p.path(opposite[0]))).isCloseTo(p.distTo(opposite[0]), within(1e-6));
        assertThat(p.path(opposite[0]).get(p.path(opposite[0]).size() - 1)).isEqualTo(corner[0]);
    }

    @Test
    void distancesAreSymmetricAndPathsAddUpOnAJitteredGrid() {
        Random random = new Random(7);
        List<Geometry> roads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double o = i * 0.05 + random.nextDouble() * 0.01;
            roads.add(line(69.0, 43.0 + o, 69.15, 43.0 + o + 0.01, 69.3, 43.0 + o));
            roads.add(line(69.0 + o, 43.0, 69.0 + o + 0.01, 43.15, 69.0 + o, 43.3));
        }
        RoadGraph g = RoadGraph.of(roads, 700, 50);
        assertThat(g.junctionCount()).isLessThan(g.nodeCount() / 3);
        for (int trial = 0; trial < 40; trial++) {
            int a = random.nextInt(g.nodeCount());
            int b = random.nextInt(g.nodeCount());
            RoadGraph.ShortestPaths fromA = g.search(a, Double.POSITIVE_INFINITY);
            RoadGraph.ShortestPaths fromB = g.search(b, Double.POSITIVE_INFINITY);
            assertThat(fromA.distTo(b)).isCloseTo(fromB.distTo(a), within(1e-6));
            List<Integer> path = fromA.path(b);
            assertThat(path.get(0)).isEqualTo(b);
            assertThat(path.get(path.size() - 1)).isEqualTo(a);
            assertThat(pathLength(g, path)).isCloseTo(fromA.distTo(b), within(1e-3));
            // No shorter way through any third node.
            int c = random.nextInt(g.nodeCount());
            assertThat(fromA.distTo(b)).isLessThanOrEqualTo(fromA.distTo(c) + g.search(c, Double.POSITIVE_INFINITY).distTo(b) + 1e-6);
        }
    }

    @Test
    void boundedSearchLeavesFartherNodesUnreached() {
        RoadGraph g = RoadGraph.of(Fixtures.geometries("roads.geojson"), 500, 100);
        int[] start = new int[1];
        double[] m = new double[1];
        g.nearest(43.0, 69.0, 10, start, m);
        int[] end = new int[1];
        g.nearest(43.0, 69.5, 10, end, m);
        assertThat(g.search(start[0], 30_000).distTo(end[0])).isInfinite();
        assertThat(g.search(start[0], 50_000).distTo(end[0])).isCloseTo(2 * 20_385.23, within(1.0));
    }

    @Test
    void tabledDistancesAndPathsAreThoseOfDijkstraWithinEveryBound() {
        Random random = new Random(11);
        List<Geometry> roads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double o = i * 0.06 + random.nextDouble() * 0.01;
            roads.add(line(69.0, 43.0 + o, 69.15, 43.0 + o + 0.01, 69.3, 43.0 + o));
            roads.add(line(69.0 + o, 43.0, 69.0 + o + 0.01, 43.15, 69.0 + o, 43.3));
        }
        // A separate road: nodes on it are unreachable from the grid.
        roads.add(line(70.0, 43.0, 70.2, 43.1));
        RoadGraph tabled = RoadGraph.of(roads, 700, 50);
        RoadGraph searched = RoadGraph.of(roads, 700, 50, 0);
        assertThat(tabled.tabled()).isTrue();
        assertThat(searched.tabled()).isFalse();
        int unreachable = 0;
        for (int trial = 0; trial < 60; trial++) {
            int a = random.nextInt(tabled.nodeCount());
            double bound = trial % 3 == 0 ? Double.POSITIVE_INFINITY : 5_000 + random.nextDouble() * 30_000;
            RoadGraph.ShortestPaths t = tabled.search(a, bound);
            RoadGraph.ShortestPaths d = searched.search(a, bound);
            for (int b = 0; b < tabled.nodeCount(); b++) {
                double expected = d.distTo(b);
                if (expected == Double.POSITIVE_INFINITY) {
                    unreachable++;
                    assertThat(t.distTo(b)).isInfinite();
                } else {
                    assertThat(t.distTo(b)).isCloseTo(expected, within(1e-6));
                    assertThat(t.path(b)).isEqualTo(d.path(b));
                }
            }
        }
        assertThat(unreachable).isPositive();
    }
}
