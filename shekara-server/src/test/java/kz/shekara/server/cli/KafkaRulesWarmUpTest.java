package kz.shekara.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.shekara.server.KafkaNode;
import kz.shekara.server.NodeRoles;
import kz.shekara.server.ShekaraServer;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ConfigLoader;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import kz.shekara.server.theatre.TheatreLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up cut of a rules worker that takes sectors over ({@code store.rulesWarmUp}, see docs/kafka.md,
 * Rules workers): it re-runs only the inputs its predecessor handled within the warm-up before the latest of
 * them (found by record time), not the older ones. With a warm-up of 30 s on a recording of 6 minutes, taken
 * over half-way, exactly the inputs within the cut are re-run, and the alerts and incidents are still those
 * {@code process} gives; with a warm-up shorter than the rules' state lasts (none at all), the taker does
 * not know which findings are in force and raises some of them again. In one JVM, one partition.
 */
class KafkaRulesWarmUpTest {
    private static final List<Topic<?>> INPUTS = List.of(Topic.TRACKS, Topic.OBSERVATIONS, Topic.UNIT_POSITIONS,
            Topic.HEARTBEATS, Topic.TASKS, Topic.UNIT_CONTROL);
    private static final List<Topic<?>> OUTPUTS = List.of(Topic.ALERTS, Topic.INCIDENTS, Topic.POSTURE,
            Topic.ALERT_CHANGES);

    @TempDir
    Path dir;

    @Test
    void takerReRunsOnlyTheInputsWithinTheWarmUpAndStillGivesWhatProcessGives() throws Exception {
        Path detections = simulate();
        Run run = takeOverHalfWay(detections, Duration.ofSeconds(30), "warm");
        System.out.printf("warm-up 30 s: %d inputs handled before the take-over, %d re-run, %d outputs folded%n",
                run.inputsBefore, run.inputsInWindow, run.outputs); // for the record
        assertThat(run.inputsInWindow).as("inputs within the cut").isPositive().isLessThan(run.inputsBefore / 2);
        assertThat(run.outputs).as("outputs of the first half").isPositive();
        assertThat(run.rebuilt).as("events the taker folded and re-run").isEqualTo(run.outputs + run.inputsInWindow);
        for (String f : List.of(ProcessCommand.ALERTS, ProcessCommand.INCIDENTS)) {
            List<String> expected = KafkaPipelineTest.comparable(dir.resolve("process").resolve(f));
            assertThat(expected).as(f).isNotEmpty();
            List<String> lines = KafkaPipelineTest.comparable(run.out.resolve(f));
            // Every alert and incident, every field; a place may move by some metres (see docs/kafka.md, Rules workers).
            assertThat(KafkaRolesTest.withoutPlace(lines)).as(f).isEqualTo(KafkaRolesTest.withoutPlace(expected));
            assertThat(KafkaRolesTest.places(lines)).as(f + " positions")
                    .usingElementComparator(KafkaRulesWarmUpTest::withinFiftyMetres)
                    .isEqualTo(KafkaRolesTest.places(expected));
        }
    }

    @Test
    void aWarmUpShorterThanTheRulesStateGivesOtherAlerts() throws Exception {
        Path detections = simulate();
        Run run = takeOverHalfWay(detections, Duration.ZERO, "cold");
        System.out.printf("warm-up 0: %d inputs re-run%n", run.inputsInWindow); // for the record
        List<String> expected = KafkaRolesTest.withoutPlace(
                KafkaPipelineTest.comparable(dir.resolve("process").resolve(ProcessCommand.ALERTS)));
        List<String> got = KafkaRolesTest.withoutPlace(
                KafkaPipelineTest.comparable(run.out.resolve(ProcessCommand.ALERTS)));
        List<String> extra = new ArrayList<>(got);
        expected.forEach(extra::remove);
        List<String> missing = new ArrayList<>(expected);
        got.forEach(missing::remove);
        System.out.printf("warm-up 0: alerts not in process %s; missing %s%n", extra, missing); // for the record
        assertThat(extra).as("findings in force raised again by a taker that re-ran nothing").isNotEmpty();
    }

    /** Two places within about 50 m (5e-4 degrees) compare equal. */
    private static int withinFiftyMetres(double[] a, double[] b) {
        boolean near = Math.abs(a[0] - b[0]) <= 5e-4 && Math.abs(a[1] - b[1]) <= 5e-4;
        return near ? 0 : Double.compare(a[0], b[0]) != 0 ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]);
    }

    /** What a take-over did: the events it rebuilt from, those the topics say it should have, and the outputs collected. */
    private record Run(long rebuilt, long outputs, long inputsInWindow, long inputsBefore, Path out) {
    }

    /**
     * A tracker node and a rules node work the first half of the recording; the rules node stops; another with
     * the given warm-up takes the partition over, and the second half is published; the outputs are collected.
     */
    private Run takeOverHalfWay(Path detections, Duration warmUp, String name) throws Exception {
        String kafka = TestBroker.bootstrap();
        List<String> lines = Files.readAllLines(detections);
        Path first = dir.resolve(name + "-first.jsonl");
        Path second = dir.resolve(name + "-second.jsonl");
        Files.write(first, lines.subList(0, lines.size() / 2));
        Files.write(second, lines.subList(lines.size() / 2, lines.size()));
        String prefix = TestBroker.prefix();
        KafkaStoreTest.createTopics(kafka, prefix, 1);
        KafkaBusConfig bus = KafkaBusConfig.of(kafka).withPartitions(1).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
        long rebuilt;
        Map<String, List<TopicReader.Read>> before;
        try (ShekaraServer tracker = KafkaNode.start(nodeConfig(name + "-tracker", warmUp), TheatreLoader.loadDefault(),
                Clock.systemUTC(), bus, NodeRoles.parse(List.of("tracker")))) {
            try (ShekaraServer rules = KafkaNode.start(nodeConfig(name + "-rules1", warmUp), TheatreLoader.loadDefault(),
                    Clock.systemUTC(), bus, NodeRoles.parse(List.of("rules")))) {
                publish(kafka, prefix, first);
                tracker.bus().drain();
                rules.bus().drain();
            } // leaves the group having committed everything it handled
            before = byTopic(TopicReader.readAll(kafka, prefix, concat(INPUTS, OUTPUTS), Duration.ofSeconds(2), b -> { }),
                    prefix);
            try (ShekaraServer taker = KafkaNode.start(nodeConfig(name + "-rules2", warmUp), TheatreLoader.loadDefault(),
                    Clock.systemUTC(), bus, NodeRoles.parse(List.of("rules")))) {
                taker.bus().drain();
                rebuilt = (long) taker.meters().counter("shekara.rules.rebuilt").count();
                publish(kafka, prefix, second);
                tracker.bus().drain();
                taker.bus().drain();
            }
        }
        Path out = dir.resolve(name + "-kafka");
        KafkaPipelineTest.run("collect", "--kafka", kafka, "--topic-prefix", prefix, "--out", out.toString(),
                "--idle", "3s");
        long outputs = OUTPUTS.stream().mapToLong(t -> before.getOrDefault(t.name(), List.of()).size()).sum();
        long inputsBefore = INPUTS.stream().mapToLong(t -> before.getOrDefault(t.name(), List.of()).size()).sum();
        return new Run(rebuilt, outputs, inWindow(before, warmUp), inputsBefore, out);
    }

    /**
     * The inputs a taker re-runs, as the topics give them: from the latest record time of the partitions' last
     * records, back by the warm-up; on each input partition, from its first record at or after that time to its
     * end (the records are in offset order).
     */
    private static long inWindow(Map<String, List<TopicReader.Read>> before, Duration warmUp) {
        long latest = Long.MIN_VALUE;
        for (Topic<?> t : INPUTS) {
            List<TopicReader.Read> reads = before.getOrDefault(t.name(), List.of());
            if (!reads.isEmpty()) {
                latest = Math.max(latest, reads.getLast().event().time().toEpochMilli());
            }
        }
        long from = latest - warmUp.toMillis();
        long n = 0;
        for (Topic<?> t : INPUTS) {
            List<TopicReader.Read> reads = before.getOrDefault(t.name(), List.of());
            for (int i = 0; i < reads.size(); i++) {
                if (reads.get(i).event().time().toEpochMilli() >= from) {
                    n += reads.size() - i;
                    break;
                }
            }
        }
        return n;
    }

    private static Map<String, List<TopicReader.Read>> byTopic(List<TopicReader.Read> reads, String prefix) {
        Map<String, List<TopicReader.Read>> by = new HashMap<>();
        for (TopicReader.Read r : reads) {
            assertThat(r.partition()).isZero();
            by.computeIfAbsent(r.topic().substring(prefix.length()), k -> new ArrayList<>()).add(r);
        }
        by.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(TopicReader.Read::offset)));
        return by;
    }

    private static List<Topic<?>> concat(List<Topic<?>> a, List<Topic<?>> b) {
        List<Topic<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Path simulate() {
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", "6m", "--out", sim.toString());
        Path detections = sim.resolve("detections.jsonl");
        KafkaPipelineTest.run("process", "--in", detections.toString(), "--out", dir.resolve("process").toString());
        return detections;
    }

    private static void publish(String kafka, String prefix, Path part) {
        KafkaPipelineTest.run("publish", "--kafka", kafka, "--topic-prefix", prefix, "--partitions", "1",
                "--in", part.toString());
    }

    /** A node's configuration, with the rules' warm-up given (as {@code store.rulesWarmUp} in the file). */
    private ShekaraConfig nodeConfig(String name, Duration warmUp) throws Exception {
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, "store:\n  rulesWarmUp: " + warmUp + "\n");
        return ConfigLoader.load(yaml).withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve(name)).validate();
    }
}
