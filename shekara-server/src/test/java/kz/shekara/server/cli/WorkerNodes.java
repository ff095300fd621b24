package kz.shekara.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import kz.shekara.server.kafka.TestBroker;
import kz.shekara.server.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one fixture of the tests of Kafka workers. Its static part: the seed-7 recording (whole, with what
 * {@code process} gives for it, or cut in thirds), workers started as child JVMs ({@code shekara serve --kafka …}),
 * the configs of nodes in the test's JVM, the bus of a test's topic prefix, a wait for a consumer group to have
 * committed topics to their end, the partitions each member of a group holds, and waits that show what the
 * children said when they time out. An instance, for a test on {@code partitions} partitions, keeps the children
 * it starts and kills them after each test (register it with {@code @RegisterExtension}), publishes on the test's
 * partitions and waits up to its deadline. Files go to the test's directory, given by {@code dir} (its
 * {@code @TempDir}).
 */
final class WorkerNodes implements AfterEachCallback {
    /** The dispatch desk's inputs keyed by sector whose commits tell it has worked a recording. */
    static final List<Topic<?>> RESPONSE_INPUTS = List.of(Topic.TRACKS, Topic.ALERTS, Topic.INCIDENTS);
    private static final Pattern HTTP_PORT = Pattern.compile("shekara: http=(\\d+)");

    private final Supplier<Path> dir;
    private final int partitions;
    private final Duration deadline;
    private final List<Process> children = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    WorkerNodes(Supplier<Path> dir, int partitions, Duration deadline) {
        this.dir = dir;
        this.partitions = partitions;
        this.deadline = deadline;
    }

    /**
     * What a test of rules and response workers starts from: the default theatre, the seed-7 recording in thirds
     * ({@link #recordingInThirds}), a topic prefix of its own, the sector groups of the rules and the dispatch desks
     * under it, and the bus of its nodes on the test's partitions.
     */
    record Desks(kz.shekara.theatre.Theatre theatre, List<Path> thirds, String prefix, String rulesGroup,
                 String responseGroup, KafkaBusConfig bus) {
    }

    /** {@link Desks} on the cluster at {@code kafka}, the recording made in the test's directory. */
    Desks desks(String kafka) throws Exception {
        kz.shekara.theatre.Theatre theatre = kz.shekara.server.theatre.TheatreLoader.loadDefault();
        List<Path> thirds = recordingInThirds(dir.get());
        String prefix = TestBroker.prefix();
        return new Desks(theatre, thirds, prefix, sectorsGroup(prefix, "rules"), sectorsGroup(prefix, "response"),
                bus(kafka, prefix));
    }

    /** Every task step on the tasks topic under {@code prefix}, in the topic's order. */
    static List<kz.shekara.model.Task> tasks(String kafka, String prefix) {
        return TopicReader.readAll(kafka, prefix, List.of(Topic.TASKS), Duration.ofSeconds(1), x -> { }).stream()
                .map(r -> (kz.shekara.model.Task) r.event()).toList();
    }

    /** {@code serve --kafka … --roles ROLES} in a child JVM named {@code name}, killed after the test. */
    Process start(String name, String kafka, String prefix, String roles, String... more) throws IOException {
        Process p = start(dir.get(), name, kafka, prefix, partitions, roles, more);
        children.add(p);
        names.add(name);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        children.forEach(Process::destroyForcibly);
    }

    /** A node in the test's JVM: loopback, ports of the system's choosing, no TLS, its data in {@code dir/name}. */
    ShekaraConfig nodeConfig(String name) {
        return nodeConfig(dir.get(), name);
    }

    /**
     * A node in the test's JVM ({@link #operatorNodeConfig}) on {@code bus} running {@code roles}, its clock the
     * system's; the caller closes it.
     */
    kz.shekara.server.ShekaraServer node(String name, kz.shekara.theatre.Theatre theatre, KafkaBusConfig bus,
                                         String... roles) throws IOException {
        return kz.shekara.server.KafkaNode.start(operatorNodeConfig(name, theatre), theatre, java.time.Clock.systemUTC(),
                bus, kz.shekara.server.NodeRoles.parse(List.of(roles)));
    }

    /** The base URL of a node's HTTP API. */
    static String url(kz.shekara.server.ShekaraServer node) {
        return "http://127.0.0.1:" + node.ports().http();
    }

    /** As {@link #nodeConfig(String)}, with the test's operator accounts seeded in its data directory. */
    ShekaraConfig operatorNodeConfig(String name, kz.shekara.theatre.Theatre theatre) {
        kz.shekara.server.access.TestAccounts.seed(dir.get().resolve(name), theatre);
        return nodeConfig(name);
    }

    /** A node in the test's JVM: loopback, ports of the system's choosing, no TLS, its data in {@code dir/name}. */
    static ShekaraConfig nodeConfig(Path dir, String name) {
        return ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.resolve(name)).validate();
    }

    /** The bus of the topics and groups of {@code prefix}, as {@code serve --topic-prefix} makes it. */
    KafkaBusConfig bus(String kafka, String prefix) {
        return bus(kafka, prefix, partitions);
    }

    /** {@code shekara publish} of the detections {@code in} on the test's partitions; {@code more} options follow. */
    void publish(String kafka, String prefix, Path in, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--kafka", kafka, "--topic-prefix", prefix,
                "--partitions", Integer.toString(partitions), "--in", in.toString()));
        args.addAll(List.of(more));
        KafkaPipelineTest.run(args.toArray(String[]::new));
    }

    /** Waits until the condition holds; past the deadline, fails saying what the children said. */
    void await(String what, BooleanSupplier condition) throws Exception {
        await(what, condition, deadline, dir.get(), names);
    }

    /** The HTTP port the child {@code name} printed once it served. */
    int httpPort(String name) throws Exception {
        int[] port = new int[1];
        await(name + " serves", () -> {
            try {
                Path log = log(dir.get(), name);
                Matcher m = HTTP_PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
                if (m.find()) {
                    port[0] = Integer.parseInt(m.group(1));
                    return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return port[0];
    }

    /**
     * The seed-7 recording of three minutes simulated into {@code dir/sim}, {@code process} run over it into
     * {@code dir/process}, and its detections in thirds (see {@link #thirds}).
     */
    static List<Path> recordingInThirds(Path dir) throws IOException {
        return thirds(dir, recording(dir, "3m"));
    }

    /**
     * The seed-7 recording of {@code duration} simulated into {@code dir/sim} and {@code process} run over it into
     * {@code dir/process}; returns its detections.
     */
    static Path recording(Path dir, String duration) {
        Path detections = simulated(dir, duration);
        KafkaPipelineTest.run("process", "--in", detections.toString(), "--out", dir.resolve("process").toString());
        return detections;
    }

    /** The seed-7 recording of {@code duration} simulated into {@code dir/sim}; returns its detections. */
    static Path simulated(Path dir, String duration) {
        Path sim = dir.resolve("sim");
        KafkaPipelineTest.run("simulate", "--seed", "7", "--duration", duration, "--out", sim.toString());
        return sim.resolve("detections.jsonl");
    }

    /** The recording's lines in three consecutive parts written to {@code dir} (the same event times and order). */
    static List<Path> thirds(Path dir, Path detections) throws IOException {
        List<String> lines = Files.readAllLines(detections);
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("part" + i + ".jsonl");
            Files.write(p, lines.subList(lines.size() * i / 3, lines.size() * (i + 1) / 3));
            parts.add(p);
        }
        return parts;
    }

    /**
     * {@code shekara serve --kafka … --roles ROLES} in a child JVM with its data in {@code dir/name} and its
     * output in {@link #log}; {@code more} options follow.
     */
    static Process start(Path dir, String name, String kafka, String prefix, int partitions, String roles,
                         String... more) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "kz.shekara.server.cli.ShekaraCommand", "serve", "--kafka", kafka, "--topic-prefix", prefix,
                "--partitions", Integer.toString(partitions), "--roles", roles, "--http-port", "0",
                "--cot-port", "0", "--tls-port", "-1", "--data-dir", dir.resolve(name).toString(),
                "--bind", "127.0.0.1"));
        command.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true).redirectOutput(log(dir, name).toFile());
        return pb.start();
    }

    /** The Kafka consumer group of the sector workers of {@code role} ({@code rules}, {@code response}) under {@code prefix}. */
    static String sectorsGroup(String prefix, String role) {
        return "shekara." + prefix + role + ".sectors";
    }

    /** The bus of a test's nodes in the test JVM: topics of {@code partitions} partitions, topics and groups under {@code prefix}. */
    static KafkaBusConfig bus(String kafka, String prefix, int partitions) {
        return KafkaBusConfig.of(kafka).withPartitions(partitions).withTopicPrefix(prefix)
                .withGroupPrefix("shekara." + prefix);
    }

    /** The Kafka names of {@code topics} under {@code prefix}. */
    static List<String> named(String prefix, List<Topic<?>> topics) {
        return topics.stream().map(t -> prefix + t.name()).toList();
    }

    /** Where the child {@code name} writes its output. */
    static Path log(Path dir, String name) {
        return dir.resolve(name + ".log");
    }

    /**
     * Whether the group has committed every partition of the topics up to its end, and the first topic
     * is not empty.
     */
    static boolean committedToEnd(Admin admin, String group, List<String> topics, int partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String t : topics) {
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            long first = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long end = e.getValue().offset();
                if (e.getKey().topic().equals(topics.getFirst())) {
                    first += end;
                }
                if (end > 0 && (c == null || c.offset() < end)) {
                    return false;
                }
            }
            return first > 0;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many partitions of the tracks topic every member of the group holds (sorted; empty when none). */
    static List<Integer> holdings(Admin admin, String group) {
        try {
            java.util.Collection<org.apache.kafka.clients.admin.MemberDescription> members = admin
                    .describeConsumerGroups(List.of(group)).all().get().get(group).members();
            return members.stream().map(m -> (int) m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().endsWith(kz.shekara.server.bus.Topic.TRACKS.name())).count())
                    .sorted().toList();
        } catch (ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds; past {@code limit}, fails saying what the children named said. */
    static void await(String what, BooleanSupplier condition, Duration limit, Path dir, List<String> children)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder said = new StringBuilder();
                for (String name : children) {
                    if (Files.exists(log(dir, name))) {
                        said.append("\n").append(name).append(" said:\n").append(Files.readString(log(dir, name)));
                    }
                }
                throw new AssertionError("timed out waiting until " + what + said);
            }
            Thread.sleep(50);
        }
    }
}
