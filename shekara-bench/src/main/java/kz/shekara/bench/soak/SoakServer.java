package kz.shekara.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under soak as a child process: {@code shekara demo} run by the same JDK as the bench, on
 * free ports and a data directory of its own, its output in a log file. Reads the child's resident set,
 * threads and open descriptors from {@code /proc}, and its heap after a full collection through
 * {@code jcmd}. Not thread-safe: one sampling thread.
 */
final class SoakServer implements AutoCloseable {
    private static final Pattern PORTS = Pattern.compile("shekara: http=(\\d+) cot=(\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int cotPort;

    private SoakServer(Process process, Path log, int httpPort, int cotPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.cotPort = cotPort;
    }

    /** What {@code /proc} says of the child now. */
    record ProcStats(long rssKb, int threads, int fds) {
    }

    /**
     * Starts {@code demo --speed speed} on free ports (TLS off) with {@code dataDir}; the child runs from
     * {@code serverJar} when given, else from this process's class path. Waits for its port line.
     */
    static SoakServer start(Path dataDir, double speed, String maxHeap, Path serverJar, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBin().toString(), "-Xmx" + maxHeap));
        if (serverJar != null) {
            cmd.addAll(List.of("-jar", serverJar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "kz.shekara.server.cli.ShekaraCommand"));
        }
        cmd.addAll(List.of("demo", "--speed", Double.toString(speed), "--http-port", "0", "--cot-port", "0",
                "--tls-port", "-1", "--data-dir", dataDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = PORTS.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new SoakServer(p, log, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if (!p.isAlive()) {
                throw new IOException("the server exited with " + p.exitValue() + " before listening; see " + log);
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IOException("the server printed no ports within " + START_TIMEOUT + "; see " + log);
    }

    private static Path javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    int httpPort() {
        return httpPort;
    }

    int cotPort() {
        return cotPort;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Resident set (VmRSS), threads and open file descriptors of the child, from {@code /proc}. */
    ProcStats proc() throws IOException {
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        int fds;
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            fds = (int) s.count();
        }
        return new ProcStats(rss, threads, fds);
    }

    /** Heap used after a full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), in KiB; -1 if unknown. */
    long heapAfterGcKb() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Stops the child as an operator would (SIGTERM, the server closes cleanly); its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
