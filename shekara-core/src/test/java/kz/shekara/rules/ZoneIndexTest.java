package kz.shekara.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kz.shekara.geo.Geodesy;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class ZoneIndexTest {
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void returnsEveryZoneWithinReachOfAPoint() {
        Random random = new Random(7);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double lat = 40 + random.nextDouble() * 6;
            double lon = 50 + random.nextDouble() * 30;
            zones.add(new Zone("site-" + i, ZoneKind.PROTECTED_SITE, "site " + i, "s", 0,
                    GF.createPoint(new Coordinate(lon, lat))));
        }
        double reachM = 5_000;
        ZoneIndex index = new ZoneIndex(zones, z -> reachM);
        for (int q = 0; q < 500; q++) {
            double lat = 40 + random.nextDouble() * 6;
            double lon = 50 + random.nextDouble() * 30;
            List<String> found = index.near(lat, lon).stream().map(IndexedZone::id).toList();
            for (Zone z : zones) {
                double d = Geodesy.distanceM(lat, lon, z.geometry().getCoordinate().y, z.geometry().getCoordinate().x);
                if (d <= reachM) {
                    assertThat(found).as("zone %s at %.0f m", z.id(), d).contains(z.id());
                }
            }
        }
    }

    @Test
    void measuresDistancesInMetresAgreeingWithGeodesics() {
        Zone line = new Zone("b", ZoneKind.BORDER, "border", "s", 0,
                GF.createLineString(new Coordinate[] {new Coordinate(69.0, 41.5), new Coordinate(69.6, 41.5)}));
        IndexedZone z = new IndexedZone(line);
        double[] p = Geodesy.destination(41.5, 69.3, 0, 2_000);
        assertThat(z.distanceM(p[0], p[1])).isCloseTo(2_000, org.assertj.core.api.Assertions.within(2.0));
        Zone site = new Zone("p", ZoneKind.PROTECTED_SITE, "site", "s", 0, GF.createPoint(new Coordinate(50.8, 43.9)));
        double[] q = Geodesy.destination(43.9, 50.8, 225, 20_000);
        assertThat(new IndexedZone(site).distanceM(q[0], q[1])).isCloseTo(20_000, org.assertj.core.api.Assertions.within(1.0));
    }
}
