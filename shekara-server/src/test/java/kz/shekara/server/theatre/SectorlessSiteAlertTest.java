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
 * A finding about a track on a zone that lies in no one sector (the Shymkent–Taraz pipeline of the default theatre
 * runs through several) has the sector the track is in: the sector whose posture applies and whose operators
 * answer it, and, on a cluster, the sector of the rules worker that holds the track, so its alert, incident and
 * their commands all stay with that worker.
 */
class SectorlessSiteAlertTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Marking MARKING = Marking.of(Classification.RESTRICTED, "KNB-PS", List.of());

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
