package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.SectorPartitions;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.SectorNeighbours;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live watermarks: two {@code ingest} nodes, whose CoT inputs place no report earlier than a second before its
 * receive time ({@code cot.maxClockSkew: PT1S}), write watermarks of their clocks less that second on every
 * observations partition, and a {@code tracker} node holding every partition takes the least over the two. A device
 * reports objects in two neighbouring sectors of different partitions on one ingest node; one sector falls quiet
 * after two seconds while the other goes on for twelve. The quiet partition's watermarks carry its progress mark on,
 * so its neighbour's detections are taken without waiting the hand-over patience for it: no wait is given up, and
 * every detection is taken. Without live watermarks the quiet partition's mark stands still and the neighbour's
 * detections wait until the patience gives it up.
 */
class KafkaLiveWatermarkTest {
    private static final int PARTITIONS = 6;

    @TempDir
    Path dir;

    @Test
    void aQuietPartitionsNeighbourIsNotHeldForThePatience() throws Exception {
        String kafka = TestBroker.bootstrap();
        String prefix = TestBroker.prefix();
        Theatre theatre = TheatreLoader.loadDefault();
        SectorLocator locator = new SectorLocator(theatre);
        Sector[] pair = neighboursApart(theatre, locator);
        Sector busy = pair[0];
        Sector quiet = pair[1];
        KafkaBusConfig bus = WorkerNodes.bus(kafka, prefix, PARTITIONS);
        NodeRoles ingest = NodeRoles.parse(List.of("ingest"));
        int sent = 0;
        try (ShekaraServer tracker = KafkaNode.start(WorkerNodes.nodeConfig(dir, "t1"), theatre, Clock.systemUTC(), bus,
                NodeRoles.parse(List.of("tracker")));
             ShekaraServer i1 = KafkaNode.start(ingestConfig("i1"), theatre, Clock.systemUTC(), bus, ingest);
             ShekaraServer i2 = KafkaNode.start(ingestConfig("i2"), theatre, Clock.systemUTC(), bus, ingest);
             Socket device = new Socket("127.0.0.1", i1.ports().cot())) {
            KafkaHandoverGateTest.awaitEachHolds(List.of(tracker), PARTITIONS);
            OutputStream out = device.getOutputStream();
            for (int k = 0; k < 48; k++) {
                Instant now = Instant.now();
                out.write(report("busy-" + k, busy, k, now).getBytes(StandardCharsets.UTF_8));
                sent++;
                if (k < 8) {
                    out.write(report("quiet-" + k, quiet, k, now).getBytes(StandardCharsets.UTF_8));
                    sent++;
                }
                out.flush();
                Thread.sleep(250);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tracker.meters().counter("shekara.tracker.detections").count() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(tracker.meters().counter("shekara.tracker.detections").count()).as("detections taken")
                    .isEqualTo(sent);
            assertThat(tracker.meters().get("shekara.tracker.handovers.waitsGivenUp").gauge().value())
                    .as("waits given up for the patience (" + quiet.id() + " quiet beside " + busy.id() + ")").isZero();
            for (ShekaraServer node : List.of(i1, i2)) {
                assertThat(node.meters().get("shekara.ingest.watermarks").gauge().value())
                        .as("rounds of watermarks an ingest node wrote").isPositive();
            }
        }
    }

    /** An ingest node's config: CoT reports placed within a second of their receive time. */
    private ShekaraConfig ingestConfig(String name) throws java.io.IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "cot:\n  maxClockSkew: PT1S\n");
        return ConfigLoader.load(file).withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve(name)).validate();
    }

    /** Two sectors side by side (within a kilometre) on different partitions, each filing its own origin. */
    private static Sector[] neighboursApart(Theatre theatre, SectorLocator locator) {
        SectorNeighbours near = SectorNeighbours.within(theatre, 1_000);
        for (Sector a : theatre.sectors()) {
            for (Sector b : theatre.sectors()) {
                if (near.of(a.id()).contains(b.id()) && !a.id().equals(b.id())
                        && SectorPartitions.of(a.id(), PARTITIONS) != SectorPartitions.of(b.id(), PARTITIONS)
                        && a.id().equals(locator.sectorOf(a.originLat(), a.originLon()))
                        && b.id().equals(locator.sectorOf(b.originLat(), b.originLon()))) {
                    return new Sector[] {a, b};
                }
            }
        }
        throw new AssertionError("no two neighbouring sectors on different partitions");
    }

    /** A client's report of an object near {@code s}'s origin, moving east at 5 m/s ({@code k} quarter seconds). */
    private static String report(String uid, Sector s, int k, Instant t) {
        double lat = s.originLat();
        double lon = s.originLon() + k * 1.25 / (111_320 * Math.cos(Math.toRadians(lat)));
        return "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-u-G\" how=\"m-g\" time=\"" + t + "\" start=\"" + t
                + "\" stale=\"" + t.plusSeconds(60) + "\"><point lat=\"" + lat + "\" lon=\"" + lon
                + "\" hae=\"300\" ce=\"10\" le=\"9999999\"/><detail/></event>\n";
    }
}
