package kz.shekara.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.shekara.server.config.ShekaraConfig;
import kz.shekara.server.kafka.KafkaBusConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The nodes of a test of Kafka workers on {@code partitions} partitions: child JVMs ({@link LostWorkers#start})
 * killed after each test (register it with {@code @RegisterExtension}), the configs of nodes in the test's JVM,
 * the bus of a test's topic prefix, {@code publish} of a recording, and waits that fail showing what every
 * child started said. Files go to the test's directory, given by {@code dir} (its {@code @TempDir}).
 */
final class WorkerNodes implements AfterEachCallback {
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

    /** {@code serve --kafka … --roles ROLES} in a child JVM named {@code name}, killed after the test. */
    Process start(String name, String kafka, String prefix, String roles, String... more) throws IOException {
        Process p = LostWorkers.start(dir.get(), name, kafka, prefix, partitions, roles, more);
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
        return ShekaraConfig.defaults().withBind("127.0.0.1").withHttpPort(0).withCotPort(0).withTlsPort(-1)
                .withDataDir(dir.get().resolve(name)).validate();
    }

    /** The bus of the topics and groups of {@code prefix}, as {@code serve --topic-prefix} makes it. */
    KafkaBusConfig bus(String kafka, String prefix) {
        return LostWorkers.bus(kafka, prefix, partitions);
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
        LostWorkers.await(what, condition, deadline, dir.get(), names);
    }

    /** The HTTP port the child {@code name} printed once it served. */
    int httpPort(String name) throws Exception {
        int[] port = new int[1];
        await(name + " serves", () -> {
            try {
                Path log = LostWorkers.log(dir.get(), name);
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
}
