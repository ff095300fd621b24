package kz.shekara.theatre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class SectorNeighboursTest {
    private static final GeometryFactory GF = new GeometryFactory();

    /**
     * Along 42°N: a, then b touching it, then c 0.5° of longitude (about 41 km) east of b, then d 2° further
     * (about 165 km); e has no polygon.
     */
    private static Theatre theatre() {
        List<Sector> sectors = List.of(sector("a", 68.5), sector("b", 69.5), sector("c", 70.75), sector("d", 73.25),
                sector("e", 80));
        List<Zone> zones = List.of(zone("a", 68, 69), zone("b", 69, 70), zone("c", 70.5, 71), zone("d", 73, 73.5));
        return new Theatre("test", Marking.of(Classification.RESTRICTED, "kz-bs", Set.of()), sectors, zones, List.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void sectorsAreNeighboursWhenTheirPolygonsLieWithinTheDistance() {
        double bToC = Geodesy.distanceM(42, 70, 42, 70.5);
        SectorNeighbours near = SectorNeighbours.within(theatre(), bToC + 100);
        assertThat(near.of("a")).containsExactlyInAnyOrder("b", "e");
        assertThat(near.of("b")).containsExactlyInAnyOrder("a", "c", "e");
        assertThat(near.of("c")).containsExactlyInAnyOrder("b", "e");
        assertThat(near.of("d")).as("165 km from c").containsExactly("e");
        assertThat(near.of("e")).as("no polygon: every sector's neighbour").containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(near.of("unknown")).isEmpty();
    }

    @Test
    void aPairExactlyTheDistanceApartOnTheGroundIsFound() {
        // b's and c's nearest points lie on 42°N; the geodesic between them on the ellipsoid.
        double bToC = Geodesy.distanceM(42, 70, 42, 70.5);
        assertThat(SectorNeighbours.within(theatre(), bToC).of("b")).contains("c");
        assertThat(SectorNeighbours.within(theatre(), 1_000).of("b")).containsExactlyInAnyOrder("a", "e");
    }

    private static Sector sector(String id, double lon) {
        return new Sector(id, id, "south", "UZ", Posture.NORMAL, 41.5, lon);
    }

    private static Zone zone(String id, double minLon, double maxLon) {
        Geometry box = GF.createPolygon(new Coordinate[] {new Coordinate(minLon, 41), new Coordinate(maxLon, 41),
            new Coordinate(maxLon, 42), new Coordinate(minLon, 42), new Coordinate(minLon, 41)});
        return new Zone(id, ZoneKind.SECTOR, id, id, 0, box);
    }
}
