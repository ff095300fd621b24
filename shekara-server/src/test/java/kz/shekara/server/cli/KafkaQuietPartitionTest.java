package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TrackerBacklog;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/**
 * Partitions with nothing to read are not waited for until the patience runs out: the seed-7 ten-minute
 * recording with the partition of fewest detections over after its fourth minute and the next one after its
 * seventh (their input ends while their neighbours' goes on: in a backlog, a partition quiet for good until the
 * end, as one quiet for a while is live), and every partition's input ending at its own last detection (no closing plots, unlike {@link KafkaHandoverGateTest}),
 * published as a backlog to two tracker workers holding three of six partitions each. {@code publish} marks
 * the quiet partitions and, at the end, every partition with the time the recording has reached, and the
 * trackers promise up to it: no wait is given up on either worker, neither during the recording nor at its end,
 * no detection is left held, no hand-over is late, and the track ids per sector, alerts and incidents are those
 * of {@code process}. Without the watermarks the workers give waits up at the end of the recording.
 */
class KafkaQuietPartitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 6;
    /** A sector whose partition goes quiet in the middle of the recording. */
    private static final String QUIET_SECTOR = "kg-06";

    /** What the two workers said once a recording was worked. */
    private record Worked(double[] givenUp, double held, double late, double sent, long notTaken) {
    }

    @Test
    void quietAndEndedPartitionsAreNotWaitedForAndOutputsAreProcesss(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path recorded = WorkerNodes.simulated(dir, "10m");
        Theatre theatre = TheatreLoader.loadDefault();
        String detections = quieten(recorded, theatre).toString();
        KafkaPipelineTest.run("process", "--in", detections, "--out", dir.resolve("process").toString());

        Worked w = work(dir, theatre, detections);
        assertThat(w.givenUp()).as("waits given up for the patience, per worker").containsExactly(0, 0);
        assertThat(w.held()).as("detections fetched and not taken").isZero();
        assertThat(w.notTaken()).as("observations records the tracker group has not committed (-1: no group found)").isZero();
        assertThat(w.sent()).as("hand-overs sent").isPositive();
        assertThat(w.late()).as("hand-overs received after the scan they were due before").isZero();
        assertTrackIdsPerSectorAsProcess(dir, theatre);
        KafkaHandoverTest.assertAlertsAndIncidentsAsProcess(dir);
    }

    /**
     * A partition quiet for three minutes in the middle of the recording (every detection of the partition of
     * {@code kg-06} from 180 s to 360 s dropped): {@code process}, one tracker over every sensor, ends the tracks of
     * its sectors once they have coasted too long and starts new ones from the plots after the pause; the partition's
     * tracker, told by the watermarks how far event time has gone, ends them as well, so the track ids per sector are
     * those of {@code process} (before, it kept a track alive through the pause, and the plots after it went to it).
     */
    @Test
    void aPartitionQuietForMinutesEndsItsTracksAsProcessDoes(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path recorded = WorkerNodes.simulated(dir, "10m");
        Theatre theatre = TheatreLoader.loadDefault();
        int quiet = SectorPartitions.of(QUIET_SECTOR, PARTITIONS);
        String detections = drop(recorded, theatre,
                (p, t) -> p == quiet && t > 180 && t < 360).toString();
        KafkaPipelineTest.run("process", "--in", detections, "--out", dir.resolve("process").toString());
        SectorLocator locator = new SectorLocator(theatre);
        Map<String, Integer> byProcess = KafkaHandoverTest.idsPerSector(KafkaHandoverTest.sectorsByTrack(
                dir.resolve("process").resolve(ProcessCommand.TRACKS), locator));
        assertThat(byProcess.getOrDefault(QUIET_SECTOR, 0)).as("track ids of process in " + QUIET_SECTOR
                + " (a track ended in the pause and another started after it)").isGreaterThan(1);

        Worked w = work(dir, theatre, detections);
        assertThat(w.givenUp()).as("waits given up for the patience, per worker").containsExactly(0, 0);
        assertThat(w.held()).as("detections fetched and not taken").isZero();
        assertThat(w.late()).as("hand-overs received after the scan they were due before").isZero();
        assertTrackIdsPerSectorAsProcess(dir, theatre);
        KafkaHandoverTest.assertAlertsAndIncidentsAsProcess(dir);
    }

    /**
     * Two tracker workers (one also {@code rules,response}) holding three partitions each work {@code detections},
     * published as a backlog, into {@code dir/kafka}.
     */
    private static Worked work(Path dir, Theatre theatre, String detections) throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        KafkaBusConfig bus = KafkaBusConfig.of(kafka).withPartitions(PARTITIONS).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        double[] givenUp = new double[2];
        try (ShekaraServer rules = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w1"), theatre, Clock.systemUTC(),
                bus, NodeRoles.parse(List.of("tracker", "rules", "response")));
             ShekaraServer other = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w2"), theatre, Clock.systemUTC(),
                     bus, NodeRoles.parse(List.of("tracker")))) {
            List<ShekaraServer> workers = List.of(rules, other);
            KafkaHandoverGateTest.awaitEachHolds(workers, PARTITIONS / workers.size());
            KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions",
                    Integer.toString(PARTITIONS), "--in", detections);
            other.bus().drain();
            rules.bus().drain();
            other.bus().drain();
            rules.bus().drain();
            for (int i = 0; i < workers.size(); i++) {
                givenUp[i] = workers.get(i).meters().get("shekara.tracker.handovers.waitsGivenUp").gauge().value();
            }
            double held = workers.stream().mapToDouble(w -> w.meters().get("shekara.tracker.held").gauge().value()).sum();
            double late = workers.stream().mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.late").count()).sum();
            double sent = workers.stream().mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.sent").count()).sum();
            long notTaken;
            try (TrackerBacklog backlog = new TrackerBacklog(kafka, prefix + "observations")) {
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while ((notTaken = backlog.notTaken()) != 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200); // the workers commit what they took within their commit interval
                }
            }
            KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out",
                    dir.resolve("kafka").toString(), "--idle", "5s");
            return new Worked(givenUp, held, late, sent, notTaken);
        }
    }

    /** The track ids per sector collected in {@code dir/kafka} are those of {@code dir/process}. */
    private static void assertTrackIdsPerSectorAsProcess(Path dir, Theatre theatre) throws java.io.IOException {
        SectorLocator locator = new SectorLocator(theatre);
        Map<String, java.util.Set<String>> expected = KafkaHandoverTest.sectorsByTrack(
                dir.resolve("process").resolve(ProcessCommand.TRACKS), locator);
        Map<String, java.util.Set<String>> got = KafkaHandoverTest.sectorsByTrack(
                dir.resolve("kafka").resolve(ProcessCommand.TRACKS), locator);
        assertThat(KafkaHandoverTest.idsPerSector(got)).as("track ids per sector")
                .isEqualTo(KafkaHandoverTest.idsPerSector(expected));
    }

    /** The detections of a partition, keyed as {@code publish} keys them, or -1 for a line with no position. */
    private static int partitionOf(JsonNode n, SectorLocator locator) {
        return n.has("lat") ? SectorPartitions.of(locator.sectorOf(n.get("lat").asDouble(), n.get("lon").asDouble()),
                PARTITIONS) : -1;
    }

    /** Drops the lines whose partition and time (seconds) {@code dropped} accepts; writes the rest back. */
    private static Path drop(Path detections, Theatre theatre, java.util.function.BiPredicate<Integer, Double> dropped)
            throws java.io.IOException {
        SectorLocator locator = new SectorLocator(theatre);
        List<String> kept = new ArrayList<>();
        List<String> lines = Files.readAllLines(detections);
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if (!dropped.test(partitionOf(n, locator), n.path("time").asDouble())) {
                kept.add(line);
            }
        }
        assertThat(kept).as("detections left").hasSizeLessThan(lines.size());
        Files.write(detections, kept);
        return detections;
    }

    /**
     * Drops the detections of the partition with the fewest of them after 240 s and those of the next fewest after
     * 420 s (their input is over while the others' goes on); the crossing track of the recording is on others.
     */
    private static Path quieten(Path detections, Theatre theatre) throws java.io.IOException {
        SectorLocator locator = new SectorLocator(theatre);
        Map<Integer, Integer> count = new TreeMap<>();
        for (String line : Files.readAllLines(detections)) {
            int p = partitionOf(JSON.readTree(line), locator);
            if (p >= 0) {
                count.merge(p, 1, Integer::sum);
            }
        }
        List<Integer> byCount = count.keySet().stream().sorted((a, b) -> count.get(a) - count.get(b)).toList();
        int over = byCount.get(0);
        int later = byCount.get(1);
        return drop(detections, theatre, (p, t) -> p == over && t > 240 || p == later && t > 420);
    }
}
