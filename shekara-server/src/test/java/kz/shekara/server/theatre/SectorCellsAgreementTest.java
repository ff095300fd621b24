package kz.shekara.server.theatre;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import kz.shekara.geo.Geodesy;
import kz.shekara.geo.MetresPerDegree;

/**
 * The sector locator answers whole grid cells from memory; on the default theatre its answers are
 * those of the plain rule (the first sector polygon, in theatre order, that covers the point) for
 * points everywhere around the sectors, on their edges and at cell corners.
 */
class SectorCellsAgreementTest {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    @Test
    void cellAnswersAreThePointAnswers() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        SectorLocator locator = new SectorLocator(theatre);
        List<Zone> zones = theatre.zones(ZoneKind.SECTOR).stream()
                .filter(z -> theatre.sectors().stream().anyMatch(s -> s.id().equals(z.sector() != null ? z.sector() : z.id())))
                .toList();
        Envelope all = new Envelope();
        zones.forEach(z -> all.expandToInclude(z.geometry().getEnvelopeInternal()));
        all.expandBy(0.4);
        SplittableRandom random = new SplittableRandom(3);
        int inside = 0;
        for (int i = 0; i < 60_000; i++) {
            double lat;
            double lon;
            if (i % 3 == 0) {
                // Points on the polygons' vertices and edges, where cells are mixed.
                Zone z = zones.get(random.nextInt(zones.size()));
                Coordinate[] ring = z.geometry().getCoordinates();
                int k = random.nextInt(ring.length - 1);
                double f = random.nextDouble();
                lon = ring[k].x + f * (ring[k + 1].x - ring[k].x) + random.nextDouble(-1e-4, 1e-4) * (i % 2);
                lat = ring[k].y + f * (ring[k + 1].y - ring[k].y) + random.nextDouble(-1e-4, 1e-4) * (i % 2);
            } else if (i % 3 == 1) {
                // Cell corners and edges of the 1/64-degree grid.
                lat = Math.floor(random.nextDouble(all.getMinY(), all.getMaxY()) * 64) / 64;
                lon = Math.floor(random.nextDouble(all.getMinX(), all.getMaxX()) * 64) / 64 + (i % 2) * random.nextDouble() / 64;
            } else {
                lat = random.nextDouble(all.getMinY(), all.getMaxY());
                lon = random.nextDouble(all.getMinX(), all.getMaxX());
            }
            Optional<String> expected = plainRule(theatre, zones, lat, lon);
            Optional<String> actual = locator.containing(lat, lon).map(Sector::id);
            assertThat(actual).as("(%s, %s)", lat, lon).isEqualTo(expected);
            // The same point asked again, now from a decided cell.
            assertThat(locator.containing(lat, lon).map(Sector::id)).isEqualTo(expected);
            Optional<String> within = expected.isPresent() ? expected : nearestRule(zones, lat, lon);
            assertThat(locator.locate(lat, lon).map(Sector::id)).as("located (%s, %s)", lat, lon).isEqualTo(within);
            if (expected.isPresent()) {
                inside++;
            }
        }
        assertThat(inside).as("points inside some sector").isGreaterThan(6_000);
    }

    /** The nearest polygon within the reach: ranked on the local plane, held to the reach on the ellipsoid. */
    private static Optional<String> nearestRule(List<Zone> zones, double lat, double lon) {
        double reach = SectorLocator.DEFAULT_REACH_M;
        double dLat = reach / MetresPerDegree.LAT_MIN;
        double dLon = dLat / Math.max(Math.cos(Math.toRadians(Math.min(89.0, Math.abs(lat) + dLat))), 1e-6);
        Envelope search = new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
        var p = FACTORY.createPoint(new Coordinate(lon, lat));
        double mLon = MetresPerDegree.LAT_MIN * Math.cos(Math.toRadians(lat));
        Zone best = null;
        Coordinate bestAt = null;
        double bestM = Double.POSITIVE_INFINITY;
        for (Zone z : zones) {
            if (!z.geometry().getEnvelopeInternal().intersects(search)) {
                continue;
            }
            Coordinate q = DistanceOp.nearestPoints(z.geometry().getBoundary(), p)[0];
            double m = Math.hypot((q.x - lon) * mLon, (q.y - lat) * MetresPerDegree.LAT_MIN);
            if (m < bestM) {
                bestM = m;
                best = z;
                bestAt = q;
            }
        }
        return best != null && Geodesy.distanceM(lat, lon, bestAt.y, bestAt.x) <= reach
                ? Optional.of(best.sector() != null ? best.sector() : best.id()) : Optional.empty();
    }

    private static Optional<String> plainRule(Theatre theatre, List<Zone> zones, double lat, double lon) {
        var p = FACTORY.createPoint(new Coordinate(lon, lat));
        for (Zone z : zones) {
            if (z.geometry().covers(p)) {
                return Optional.of(z.sector() != null ? z.sector() : z.id());
            }
        }
        return Optional.empty();
    }
}
