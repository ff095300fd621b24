package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kz.shekara.model.Marking;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.kafka.KafkaBus;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * An alert of a track near a zone of another worker's sector is the track's worker's: two {@code rules,response}
 * workers hold two partitions each of four; a track held in {@code uz-01} (a partition of one worker) stands on the
 * edge of the Kazygurt pipelines area of {@code uz-02} (a partition of the other). Its approach alert is in
 * {@code uz-01}, listed by the worker that holds the track, and an operator on an {@code api} node acknowledges it
 * and moves its incident on: the commands reach that worker (keyed by the alert's sector), which applies them. With
 * the alert in the zone's sector, as before, the acknowledgement went to the other worker, which does not hold the
 * alert, and was refused (404).
 */
class KafkaCrossSectorAlertTest {
    private static final int PARTITIONS = 4;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String TRACK_SECTOR = "uz-01";
    private static final String ZONE_SECTOR = "uz-02";

    @TempDir
    Path dir;

    @RegisterExtension
    final WorkerNodes nodes = new WorkerNodes(() -> dir, PARTITIONS, DEADLINE);

    private final OperatorClient operator = new OperatorClient();

    @Test
    void theAlertOfATrackNearAnotherWorkersZoneIsTheTracksWorkersAndTakesTheApiNodesCommands() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Theatre theatre = TheatreLoader.loadDefault();
        // Range assignment deals partitions 0-1 to one worker and 2-3 to the other.
        assertThat(SectorPartitions.of(TRACK_SECTOR, PARTITIONS) / 2).as("the two sectors' workers")
                .isNotEqualTo(SectorPartitions.of(ZONE_SECTOR, PARTITIONS) / 2);
        Zone area = theatre.zones(ZoneKind.RESTRICTED_AREA).stream()
                .filter(z -> z.id().equals("area-kazygurt-pipelines")).findFirst().orElseThrow();
        assertThat(area.sector()).isEqualTo(ZONE_SECTOR);
        Coordinate edge = area.geometry().getCoordinates()[0];
        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, PARTITIONS);
        String group = WorkerNodes.sectorsGroup(prefix, "rules");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             ShekaraServer a = nodes.node("a", theatre, bus, "rules", "response");
             ShekaraServer b = nodes.node("b", theatre, bus, "rules", "response");
             ShekaraServer api = nodes.node("api", theatre, bus, "api");
             KafkaBus feed = new KafkaBus(bus.withMember("feed"))) {
            nodes.await("each worker holds two partitions", () -> WorkerNodes.holdings(admin, group)
                    .equals(List.of(2, 2)));
            Marking marking = theatre.defaultMarking();
            Instant start = Instant.now().minusSeconds(30);
            for (int i = 0; i < 5; i++) {
                feed.publish(Topic.TRACKS, TRACK_SECTOR, new TrackUpdate(start.plusSeconds(i), "uz-01-7",
                        TRACK_SECTOR, edge.y, edge.x, 0, 0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.VEHICLE,
                        new TreeSet<>(List.of("radar-uz-01")), marking));
            }
            feed.drain();

            String apiUrl = WorkerNodes.url(api) + "/api/v1";
            String[] alert = new String[1];
            nodes.await("the api node shows the approach alert", () -> {
                try {
                    for (JsonNode x : operator.get(apiUrl + "/alerts?limit=1000")) {
                        if (x.path("rule").asText().equals("approach") && x.path("track").asText().equals("uz-01-7")) {
                            alert[0] = x.path("id").asText();
                            return true;
                        }
                    }
                    return false;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> ack = operator.send("POST", apiUrl + "/alerts/" + alert[0] + "/ack", "{}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            JsonNode raised = operator.get(apiUrl + "/alerts/" + alert[0]);
            assertThat(raised.path("sector").asText()).as("the alert's sector: the track's").isEqualTo(TRACK_SECTOR);
            assertThat(raised.path("zone").asText()).isEqualTo(area.id());
            boolean onA = ids(operator.get(WorkerNodes.url(a) + "/api/v1/alerts?limit=1000")).contains(alert[0]);
            boolean onB = ids(operator.get(WorkerNodes.url(b) + "/api/v1/alerts?limit=1000")).contains(alert[0]);
            assertThat(onA ^ onB).as("listed by one worker, the track's (A: %s, B: %s)", onA, onB).isTrue();

            assertThat(operator.get(apiUrl + "/alerts/" + alert[0]).path("state").asText()).isEqualTo("acknowledged");

            String incident = null;
            for (JsonNode i : operator.get(apiUrl + "/incidents")) {
                if (i.toString().contains(alert[0])) {
                    incident = i.path("id").asText();
                }
            }
            assertThat(incident).as("the alert's incident on the api node").isNotNull();
            HttpResponse<String> step = operator.send("PUT", apiUrl + "/incidents/" + incident + "/status",
                    "{\"status\":\"false-alarm\",\"disposition\":\"false-alarm\"}");
            assertThat(step.statusCode()).as(step.body()).isEqualTo(200);
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(x -> ids.add(x.path("id").asText()));
        return ids;
    }
}
