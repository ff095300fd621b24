package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-sector hand-over between tracker workers: in the seed-7 ten-minute recording a target crosses
 * from a sector of one observations partition into a sector of the other (two partitions). Two tracker
 * workers (nodes in this JVM on the test broker, one partition each, one of them also running the rules
 * and the responder) work the published recording: the crossing track keeps its id in the sector it
 * enters (the destination's tracker adopts it from the hand-over topic instead of starting a track of its
 * own), no sector gets more track ids than {@code process} gives it, and the alerts and incidents are
 * those {@code process} gives (compared as {@link KafkaRolesTest} compares two or more partitions).
 */
class KafkaHandoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;

    @TempDir
    Path dir;

    @Test
    void aTrackCrossingIntoAnotherWorkersSectorKeepsItsIdAndAlertsAreWhatProcessGives() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        String detections = WorkerNodes.recording(dir, "10m").toString();
        Theatre theatre = TheatreLoader.loadDefault();
        SectorLocator locator = new SectorLocator(theatre);
        Map<String, Set<String>> expected = sectorsByTrack(dir.resolve("process").resolve(ProcessCommand.TRACKS), locator);
        Map<String, Set<String>> crossing = crossing(expected);
        assertThat(crossing).as("tracks of process that cross into another partition's sector").isNotEmpty();

        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, PARTITIONS);
        double sent;
        double received;
        try (ShekaraServer rules = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w1"), theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("tracker", "rules", "response")));
             ShekaraServer other = KafkaNode.start(WorkerNodes.nodeConfig(dir, "w2"), theatre, Clock.systemUTC(), bus,
                     NodeRoles.parse(List.of("tracker")))) {
            List<ShekaraServer> workers = List.of(rules, other);
            KafkaRolesTest.awaitEachHoldsOnePartition(workers);
            KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions",
                    Integer.toString(PARTITIONS), "--in", detections);
            other.bus().drain();
            rules.bus().drain();
            other.bus().drain();
            rules.bus().drain();
            sent = workers.stream().mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.sent").count()).sum();
            received = workers.stream()
                    .mapToDouble(w -> w.meters().counter("shekara.tracker.handovers.received").count()).sum();
            KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out",
                    dir.resolve("kafka").toString(), "--idle", "5s");
        }
        Map<String, Set<String>> got = sectorsByTrack(dir.resolve("kafka").resolve(ProcessCommand.TRACKS), locator);
        // Each crossing target is one track on the two workers, in the sectors process has it in; no sector has
        // a track id more than in process (the destination started no track of its own for it).
        Map<String, Set<String>> summary = new TreeMap<>(crossing(got));
        summary.put("ids per sector", Set.of(idsPerSector(got).toString()));
        assertThat(List.copyOf(crossing(got).values())).as("crossing tracks on two workers: " + summary)
                .isEqualTo(List.copyOf(crossing.values()));
        assertThat(idsPerSector(got)).as("track ids per sector").isEqualTo(idsPerSector(expected));
        assertThat(sent).as("hand-overs sent").isGreaterThanOrEqualTo(crossing.size());
        assertThat(received).as("hand-overs received").isEqualTo(sent);
        assertAlertsAndIncidentsAsProcess(dir);
    }

    /** The alerts and incidents collected in {@code dir/kafka} are those of {@code dir/process}, sorted, places to 20 m. */
    static void assertAlertsAndIncidentsAsProcess(Path dir) throws IOException {
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> want = KafkaPipelineTest.comparable(dir.resolve("process").resolve(f));
            assertThat(want).as(f).isNotEmpty();
            List<String> have = KafkaPipelineTest.comparable(dir.resolve("kafka").resolve(f));
            // Sorted: the two workers' outputs reach the topics in no fixed order (see docs/kafka.md). A
            // partition's tracker moves its tracks on at other scan times than one tracker over every sector:
            // over ten minutes an alert's place can differ by a few metres (1e-4 degrees, in sectors no track
            // crosses into: not a hand-over's doing); every other field is the same.
            assertThat(KafkaRolesTest.withoutPlace(have)).as(f).isEqualTo(KafkaRolesTest.withoutPlace(want));
            assertThat(KafkaRolesTest.places(have)).as(f + " positions")
                    .usingElementComparator(KafkaHandoverTest::withinTwentyMetres).isEqualTo(KafkaRolesTest.places(want));
        }
    }

    /** 0 when two places are within 2e-4 degrees (about 20 m) in latitude and longitude. */
    static int withinTwentyMetres(double[] a, double[] b) {
        boolean near = Math.abs(a[0] - b[0]) <= 2e-4 && Math.abs(a[1] - b[1]) <= 2e-4;
        return near ? 0 : Double.compare(a[0], b[0]) != 0 ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]);
    }

    /** The tracks whose positions lie in sectors of more than one partition. */
    private static Map<String, Set<String>> crossing(Map<String, Set<String>> sectorsByTrack) {
        Map<String, Set<String>> out = new TreeMap<>();
        sectorsByTrack.forEach((track, sectors) -> {
            if (sectors.stream().map(s -> SectorPartitions.of(s, PARTITIONS)).distinct().count() > 1) {
                out.put(track, sectors);
            }
        });
        return out;
    }

    /** For each track id of a tracks file, the sectors its positions lie in. */
    static Map<String, Set<String>> sectorsByTrack(Path tracks, SectorLocator locator) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(tracks)) {
            JsonNode o = JSON.readTree(line);
            String sector = locator.sectorOf(o.path("lat").asDouble(), o.path("lon").asDouble());
            out.computeIfAbsent(o.path("track").asText(), k -> new TreeSet<>()).add(String.valueOf(sector));
        }
        return out;
    }

    /** For each sector, how many track ids were ever in it. */
    static Map<String, Integer> idsPerSector(Map<String, Set<String>> sectorsByTrack) {
        Map<String, Integer> out = new TreeMap<>();
        sectorsByTrack.values().forEach(sectors -> sectors.forEach(s -> out.merge(s, 1, Integer::sum)));
        return out;
    }

}
