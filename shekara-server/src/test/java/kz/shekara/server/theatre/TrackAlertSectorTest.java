package kz.shekara.server.theatre;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.Classification;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.rules.RuleEngine;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * A finding about a track near a zone has the sector the track is in, whatever the zone's: on a cluster the sector
 * of the rules worker that holds the track, so its alert, incident and their commands all stay with that worker.
 * The posture that sets how closely the zone is watched is the zone's sector's (the sector the track is in for a
 * zone in no one sector, as the Shymkent–Taraz pipeline of the default theatre, which runs through several).
 */
class TrackAlertSectorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", List.of());

    @Test
    void anApproachFromANeighbouringSectorIsInTheTracksSectorUnderThePostureOfTheZones() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Zone area = theatre.zones(ZoneKind.RESTRICTED_AREA).stream()
                .filter(z -> z.id().equals("area-kazygurt-pipelines")).findFirst().orElseThrow();
        assertThat(area.sector()).isEqualTo("uz-02");
        Coordinate edge = area.geometry().getCoordinates()[0];
        assertThat(approaches(theatre, null, edge.y, edge.x, "uz-01")).as("a track in uz-01 on the area's edge")
                .extracting(Alert::sector).containsExactly("uz-01");

        // 1.5 km out from the area: outside its 1 km buffer, inside the 2 km of a sector at posture HIGH.
        Coordinate centre = area.geometry().getCentroid().getCoordinate();
        double[] out = outward(area, centre, edge, 1_500);
        assertThat(approaches(theatre, null, out[0], out[1], "uz-01")).as("at normal posture").isEmpty();
        assertThat(approaches(theatre, "uz-01", out[0], out[1], "uz-01")).as("the track's sector at HIGH").isEmpty();
        assertThat(approaches(theatre, "uz-02", out[0], out[1], "uz-01")).as("the area's sector at HIGH")
                .extracting(Alert::sector).containsExactly("uz-01");
    }

    /** Approach alerts of a stationary track at a place in {@code sector}, with {@code high} (if any) at HIGH. */
    private static List<Alert> approaches(Theatre theatre, String high, double lat, double lon, String sector) {
        RuleEngine engine = new RuleEngine(theatre, RulesConfig.defaults());
        if (high != null) {
            engine.apply(new kz.shekara.rules.PostureChange(T0, high, kz.shekara.theatre.Posture.HIGH, "cmdr",
                    "drill", MARKING));
        }
        TrackUpdate u = new TrackUpdate(T0, "T-1", sector, lat, lon, 0, 0, 100, 0, 100, TrackStatus.CONFIRMED,
                TargetClass.VEHICLE, new TreeSet<>(List.of("radar-1")), MARKING);
        return engine.onTrack(u).stream().filter(Alert.class::isInstance).map(Alert.class::cast)
                .filter(a -> a.rule() == RuleKind.APPROACH).toList();
    }

    /** A point on the ray from {@code centre} through {@code edge}, about {@code metres} from the zone (lat, lon). */
    private static double[] outward(Zone zone, Coordinate centre, Coordinate edge, double metres) {
        double kx = 111_320 * Math.cos(Math.toRadians(centre.y));
        double ky = 110_574;
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        org.locationtech.jts.geom.Geometry scaled = zone.geometry().copy();
        scaled.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            c.x = c.x * kx;
            c.y = c.y * ky;
        });
        scaled.geometryChanged();
        for (double t = 1; t < 100; t += 0.001) {
            double lon = centre.x + t * (edge.x - centre.x);
            double lat = centre.y + t * (edge.y - centre.y);
            if (scaled.distance(gf.createPoint(new Coordinate(lon * kx, lat * ky))) >= metres) {
                return new double[] {lat, lon};
            }
        }
        throw new AssertionError("no point " + metres + " m out");
    }

    @Test
    void anApproachToThePipelineIsInTheSectorOfTheTrack() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        Zone pipeline = theatre.zones(ZoneKind.PROTECTED_SITE).stream()
                .filter(z -> z.id().equals("site-pipeline-shymkent-taraz")).findFirst().orElseThrow();
        assertThat(pipeline.sector()).as("the pipeline lies in no one sector").isNull();
        SectorLocator locator = new SectorLocator(theatre, 0);
        Map<String, Coordinate> vertexBySector = new LinkedHashMap<>();
        for (Coordinate c : pipeline.geometry().getCoordinates()) {
            locator.locate(c.y, c.x).map(Sector::id).ifPresent(s -> vertexBySector.putIfAbsent(s, c));
        }
        assertThat(vertexBySector).as("sectors the pipeline's vertices lie in").isNotEmpty();

        for (Map.Entry<String, Coordinate> e : vertexBySector.entrySet()) {
            RuleEngine engine = new RuleEngine(theatre, RulesConfig.defaults());
            TrackUpdate onThePipe = new TrackUpdate(T0, "T-" + e.getKey(), e.getKey(), e.getValue().y,
                    e.getValue().x, 0, 0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.VEHICLE,
                    new TreeSet<>(List.of("radar-1")), MARKING);
            List<Alert> approaches = engine.onTrack(onThePipe).stream().filter(Alert.class::isInstance)
                    .map(Alert.class::cast).filter(a -> a.rule() == RuleKind.APPROACH).toList();
            assertThat(approaches).as("an approach alert of a track on the pipeline in " + e.getKey()).hasSize(1);
            assertThat(approaches.getFirst().zone()).isEqualTo(pipeline.id());
            assertThat(approaches.getFirst().sector()).as("its sector").isEqualTo(e.getKey());
        }
    }
}
