package kz.shekara.bench.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the cluster as a deployment runs it: {@code shekara serve --kafka … --roles …} in a child
 * JVM on this JVM's class path, its output in a log file. Its CPU time is read from the operating
 * system ({@link ProcessHandle.Info#totalCpuDuration}), so each role's cost is measured apart from the
 * broker's and the publisher's.
 */
final class ServeChild implements AutoCloseable {
    /** The system property whose JVM options every child is started with. */
    static final String CHILD_OPTIONS = "shekara.bench.childOptions";

    private final Process process;
    private final Path log;

    private ServeChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code serve} with the roles given on the cluster at {@code bootstrap}, its topics and groups
     * under {@code prefix}, its data (event log) in {@code dataDir}, no CoT port, HTTP on a free port.
     */
    static ServeChild start(String bootstrap, String prefix, int partitions, String roles, Path dataDir, String heap)
            throws IOException {
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap));
        cmd.addAll(childOptions(dataDir));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "kz.shekara.server.cli.ShekaraCommand", "serve", "--kafka", bootstrap, "--topic-prefix", prefix,
                "--partitions", Integer.toString(partitions), "--roles", roles, "--http-port", "0", "--cot-port", "0",
                "--tls-port", "-1", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1"));
        Path log = dataDir.resolve("serve.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A bench stopped half-way leaves no node running.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "serve-child-stop"));
        return new ServeChild(p, log);
    }

    /**
     * JVM options for every child from the system property {@value #CHILD_OPTIONS} (split on spaces), with
     * {@code {dir}} replaced by the child's data directory: e.g.
     * {@code -Dshekara.bench.childOptions=-XX:StartFlightRecording=filename={dir}/serve.jfr,settings=profile}
     * profiles each node into a recording of its own, written when the node stops.
     */
    static List<String> childOptions(Path dataDir) {
        String options = System.getProperty(CHILD_OPTIONS, "").strip();
        if (options.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(options.split("\\s+")).map(o -> o.replace("{dir}", dataDir.toString())).toList();
    }

    /** CPU time the node has used so far (user and system), in seconds; fails if it has exited. */
    double cpuSeconds() {
        if (!process.isAlive()) {
            throw new IllegalStateException("a serve node exited (" + process.exitValue() + "); see " + log);
        }
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    /** Fails with the node's log path if it has exited. */
    void checkAlive() {
        cpuSeconds();
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
