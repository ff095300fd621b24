package kz.shekara.theatre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class SectorLocatorTest {
    private static final GeometryFactory GF = new GeometryFactory();

    /** Two 1°×1° squares side by side (west 68–69°E, east 69–70°E, 41–42°N) and a small overlap square. */
    static Theatre theatre() {
        Sector west = new Sector("west", "West", "south", "UZ", Posture.NORMAL, 41.5, 68.5);
        Sector east = new Sector("east", "East", "south", "UZ", Posture.ELEVATED, 41.5, 69.5);
        Sector late = new Sector("late", "Late", "south", "UZ", Posture.NORMAL, 41.5, 69.0);
        List<Zone> zones = List.of(
                new Zone("line", ZoneKind.BORDER, "Border", "west", 0, GF.createLineString(new Coordinate[] {
                    new Coordinate(68, 41), new Coordinate(70, 41)})),
                new Zone("west", ZoneKind.SECTOR, "West", "west", 0, box(68, 41, 69, 42)),
                new Zone("east", ZoneKind.SECTOR, "East", "east", 0, box(69, 41, 70, 42)),
                // Overlaps both; later in theatre order, so it never wins inside them.
                new Zone("late", ZoneKind.SECTOR, "Late", "late", 0, box(68.8, 41.4, 69.2, 41.6)),
                // A sector zone whose sector the theatre does not define is ignored.
                new Zone("ghost", ZoneKind.SECTOR, "Ghost", "ghost", 0, box(60, 41, 61, 42)));
        return new Theatre("test", Marking.of(Classification.RESTRICTED, "kz-bs", Set.of()),
                List.of(west, east, late), zones, List.of(), List.of(), List.of(), List.of());
    }

    private static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
        return GF.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
            new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
    }

    private static String id(Optional<Sector> s) {
        return s.map(Sector::id).orElse(null);
    }

    @Test
    void findsTheSectorContainingAPoint() {
        SectorLocator locator = new SectorLocator(theatre(), 10_000);
        assertThat(id(locator.locate(41.9, 68.1))).isEqualTo("west");
        assertThat(id(locator.locate(41.1, 69.9))).isEqualTo("east");
        assertThat(locator.locate(41.1, 69.9).orElseThrow().posture()).isEqualTo(Posture.ELEVATED);
    }

    @Test
    void overlappingSectorsResolveToTheFirstInTheatreOrder() {
        SectorLocator locator = new SectorLocator(theatre(), 0);
        assertThat(id(locator.locate(41.5, 68.9))).isEqualTo("west");
        assertThat(id(locator.locate(41.5, 69.1))).isEqualTo("east");
    }

    @Test
    void pointOnTheSharedEdgeBelongsToTheFirstSector() {
        assertThat(id(new SectorLocator(theatre(), 0).locate(41.3, 69.0))).isEqualTo("west");
    }

    @Test
    void outsideAllSectorsFallsBackToTheNearestWithinTheLimit() {
        // 0.05° south of the east square: about 5.5 km away.
        double lat = 40.95;
        double lon = 69.7;
        double gapM = Geodesy.distanceM(lat, lon, 41.0, lon);
        assertThat(gapM).isBetween(5_000.0, 6_000.0);
        assertThat(id(new SectorLocator(theatre(), 10_000).locate(lat, lon))).isEqualTo("east");
        assertThat(new SectorLocator(theatre(), 5_000).locate(lat, lon)).isEmpty();
        assertThat(new SectorLocator(theatre(), 10_000).containing(lat, lon)).isEmpty();
    }

    @Test
    void nearestFallbackPicksTheCloserOfTwoSectors() {
        // West of the west square by ~0.03° of longitude (~2.5 km), far from the east square.
        assertThat(id(new SectorLocator(theatre(), 50_000).locate(41.5, 67.97))).isEqualTo("west");
        // North of the shared edge but nearer the east square.
        assertThat(id(new SectorLocator(theatre(), 50_000).locate(42.05, 69.4))).isEqualTo("east");
    }

    @Test
    void ignoresSectorZonesWithoutADefinedSector() {
        assertThat(new SectorLocator(theatre(), 0).locate(41.5, 60.5)).isEmpty();
    }

    @Test
    void farAwayPointHasNoSector() {
        assertThat(new SectorLocator(theatre(), 100_000).locate(51.0, 71.4)).isEmpty();
    }

    @Test
    void rejectsNegativeLimit() {
        assertThatThrownBy(() -> new SectorLocator(theatre(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sectorOfFallsBackToTheNearestOriginBeyondTheReach() {
        SectorLocator locator = new SectorLocator(theatre());
        assertThat(locator.sectorOf(41.9, 68.1)).isEqualTo("west");
        // 0.2° east of the east square: about 17 km, within the default reach of its polygon.
        assertThat(locator.sectorOf(41.5, 70.2)).isEqualTo("east");
        // Far east of everything: no polygon within reach, so the sector whose origin is nearest.
        assertThat(locator.locate(41.5, 75.0)).isEmpty();
        assertThat(locator.sectorOf(41.5, 75.0)).isEqualTo("east");
        assertThat(locator.maxDistanceM()).isEqualTo(SectorLocator.DEFAULT_REACH_M);
    }

    @Test
    void originsOnlyLocatorFilesEveryPointUnderTheNearestOrigin() {
        Sector west = new Sector("west", "West", "south", "UZ", Posture.NORMAL, 41.5, 68.5);
        Sector east = new Sector("east", "East", "south", "UZ", Posture.NORMAL, 41.5, 69.5);
        SectorLocator locator = SectorLocator.ofOrigins(List.of(west, east));
        assertThat(locator.sectorOf(41.5, 68.9)).isEqualTo("west");
        assertThat(locator.sectorOf(41.5, 69.1)).isEqualTo("east");
        assertThat(locator.locate(41.5, 68.9)).isEmpty();
        assertThat(SectorLocator.ofOrigins(List.of()).sectorOf(41.5, 68.9)).isEqualTo(SectorLocator.NONE);
    }
    @Test
    void nearestSectorOfAWholeCellIsWhatEachOfItsPointsGetsOnItsOwn() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (double reachM : new double[] {10_000, 25_000, 60_000}) {
            SectorLocator locator = new SectorLocator(theatre(), reachM);
            int outside = 0;
            for (int i = 0; i < 60_000; i++) {
                // Around the squares, out to beyond the reach; every fourth point on a cell's edge or corner, and
                // every sixth on a fine cell's.
                double lat = random.nextDouble(40.2, 42.8);
                double lon = random.nextDouble(66.8, 71.2);
                if (i % 4 == 0) {
                    lat = Math.floor(lat * 64) / 64;
                }
                if (i % 8 == 0) {
                    lon = Math.floor(lon * 64) / 64;
                }
                if (i % 6 == 1) { // on an edge or a corner of the finer grid under a mixed cell
                    lat = Math.floor(lat * 512) / 512;
                    lon = i % 12 == 1 ? Math.floor(lon * 512) / 512 : lon;
                }
                if (locator.containing(lat, lon).isPresent()) {
                    continue;
                }
                outside++;
                assertThat(id(locator.locate(lat, lon))).as("%s, %s within %s m", lat, lon, reachM)
                        .isEqualTo(id(locator.nearestOnItsOwn(lat, lon, new Coordinate(lon, lat))));
            }
            assertThat(outside).isGreaterThan(20_000);
        }
    }

    @Test
    void aCellSettlesOnlyWhenTheBoundsLeaveNoDoubt() {
        // A cell whose centre is 0.1 degree (about 11 km) south of one polygon and far from any other.
        org.locationtech.jts.geom.Envelope cell = new org.locationtech.jts.geom.Envelope(69.5, 69.5 + 1.0 / 64,
                40.9 - 1.0 / 128, 40.9 + 1.0 / 128);
        Coordinate near = new Coordinate(69.5 + 1.0 / 128, 41.0);
        Coordinate far = new Coordinate(69.5 + 1.0 / 128, 41.5);
        assertThat(NearestCells.settle(cell, List.of(far, near), 25_000)).isEqualTo(1);
        assertThat(NearestCells.settle(cell, List.of(near), 5_000)).isEqualTo(NearestCells.NONE);
        // Near the reach, or with two polygons at about the same distance, the points decide one by one.
        assertThat(NearestCells.settle(cell, List.of(near), 11_300)).isEqualTo(NearestCells.MIXED);
        assertThat(NearestCells.settle(cell, List.of(near, new Coordinate(69.4, 40.9)), 25_000))
                .isEqualTo(NearestCells.MIXED);
        assertThat(NearestCells.settle(cell, List.of(), 25_000)).isEqualTo(NearestCells.NONE);
    }
}
