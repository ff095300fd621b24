package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.Test;

/**
 * The hand-over ordering rule with several partitions on each tracker worker: two workers (nodes in this
 * JVM on the test broker, one of them also running the rules and the responder) hold three of six
 * observations partitions each and work a recording published as fast as the broker takes it (a backlog,
 * where one partition's records can run far ahead of another's, and detections of a partition can be
 * seconds apart). No worker ever waits for a mark that another could have sent: no wait is given up for the
 * patience ({@code waitsGivenUp} is 0 on both, read while both are alive), no hand-over arrives after the
 * scan it was due before, and the alerts and incidents are those {@code process} gives (compared as
 * {@link KafkaHandoverTest} compares them). The recording ends with one plot in every sector a second after
 * its last line, so that no partition's input ends before another's (a partition whose input is over is
 * rightly given up after the patience: nothing says it will not go on).
 */
class KafkaHandoverGateTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final int PARTITIONS = 6;

    @Test
    void workersHoldingSeveralPartitionsNeverGiveUpAWaitAndGiveWhatProcessGives(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Theatre theatre = TheatreLoader.loadDefault();
        String detections = closeEverySector(WorkerNodes.simulated(dir, "10m"), theatre).toString();
        KafkaPipelineTest.run("process", "--in", detections, "--out", dir.resolve("process").toString());

        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, PARTITIONS);
        double[] givenUp = new double[2];
        double late;
        double sent;
        double received;
        try (ShekaraServer rules = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w1"), theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("tracker", "rules", "response")));
             ShekaraServer other = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w2"), theatre, Clock.systemUTC(), bus,
                     NodeRoles.parse(List.of("tracker")))) {
            List<ShekaraServer> workers = List.of(rules, other);
            awaitEachHolds(workers, PARTITIONS / workers.size());
            KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions",
                    Integer.toString(PARTITIONS), "--in", detections);
            other.bus().drain();
            rules.bus().drain();
            other.bus().drain();
            rules.bus().drain();
            for (int i = 0; i < workers.size(); i++) {
                givenUp[i] = workers.get(i).meters().get("shekara.tracker.handovers.waitsGivenUp").gauge().value();
            }
            late = workers.stream().mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.late").count()).sum();
            sent = workers.stream().mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.sent").count()).sum();
            received = workers.stream()
                    .mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.received").count()).sum();
            KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out",
                    dir.resolve("kafka").toString(), "--idle", "5s");
        }
        assertThat(givenUp).as("waits given up for the patience, per worker").containsExactly(0, 0);
        assertThat(sent).as("hand-overs sent").isPositive();
        assertThat(received).as("hand-overs received").isEqualTo(sent);
        assertThat(late).as("hand-overs received after the scan they were due before").isZero();
        SectorLocator locator = new SectorLocator(theatre);
        Map<String, Set<String>> expected = KafkaHandoverTest.sectorsByTrack(dir.resolve("process").resolve(ProcessCommand.TRACKS),
                locator);
        Map<String, Set<String>> got = KafkaHandoverTest.sectorsByTrack(dir.resolve("kafka").resolve(ProcessCommand.TRACKS),
                locator);
        assertThat(KafkaHandoverTest.idsPerSector(got)).as("track ids per sector")
                .isEqualTo(KafkaHandoverTest.idsPerSector(expected));
        KafkaHandoverTest.assertAlertsAndIncidentsAsProcess(dir);
    }

    /** Appends a radar plot inside every sector a second after the recording's last line. */
    private static Path closeEverySector(Path detections, Theatre theatre) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(detections);
        double end = JSON.readTree(lines.getLast()).path("time").asDouble() + 1;
        SectorLocator locator = new SectorLocator(theatre);
        java.util.Set<String> closed = new java.util.TreeSet<>();
        for (Zone z : theatre.zones(ZoneKind.SECTOR)) {
            org.locationtech.jts.geom.Point in = z.geometry().getInteriorPoint();
            String sector = locator.sectorOf(in.getY(), in.getX());
            if (closed.add(sector)) {
                lines.add(String.format(java.util.Locale.ROOT, "{\"time\": %.3f, \"sensor\": \"closing-%s\", \"lat\": %.6f,"
                        + " \"lon\": %.6f, \"sigma_m\": 25.0, \"kind\": \"radar\"}", end, sector, in.getY(), in.getX()));
            }
        }
        assertThat(closed).as("sectors closed").hasSameSizeAs(theatre.sectors());
        java.nio.file.Files.write(detections, lines);
        return detections;
    }

    /** Waits until each worker holds {@code each} observations partitions. */
    static void awaitEachHolds(List<ShekaraServer> workers, int each) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!workers.stream().allMatch(w -> w.meters().get("shekara.tracker.partitions").gauge().value() == each)) {
            assertThat(System.nanoTime()).as("every tracker worker holds its partitions").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
