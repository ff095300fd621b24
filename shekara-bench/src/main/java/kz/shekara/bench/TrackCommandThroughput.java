package kz.shekara.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kz.shekara.geo.LocalFrame;
import kz.shekara.sim.BorderScenario;
import kz.shekara.server.cli.ShekaraCommand;
import picocli.CommandLine;

/**
 * The batch {@code track} command as a whole (read, route to sectors, track, write) on border scenes
 * of the reference comparison placed on the default theatre: {@code scenes} seeded scenes of
 * {@code targets} targets (300 one-second scans each, Poisson clutter), one after the other in time,
 * centred on the Uzbek border across sectors uz-02 and uz-03 (41.75 N, 69.6 E), so that detections
 * fall inside, between and just outside sector polygons. Runs the command {@code runs} times in this
 * JVM and prints each run's wall time, the CPU time of the thread that runs it and of the whole process
 * (the command reads and writes on threads of its own), and their medians. The input file is kept and its
 * path printed, for runs of the whole process ({@code ./shekara track --in FILE}).
 *
 * <pre>java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.TrackCommandThroughput [targets] [scenes] [runs]</pre>
 */
public final class TrackCommandThroughput {
    static final double[] PLACE = {41.75, 69.6};

    private TrackCommandThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int scenes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("shekara-track-throughput");
        Path in = dir.resolve("detections.jsonl");
        long lines = write(in, targets, scenes);
        System.out.printf(Locale.ROOT, "input: %s%n", in);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> processCpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            int rc = new CommandLine(new ShekaraCommand()).execute("track", "--in", in.toString(), "--out",
                    dir.resolve("tracks.jsonl").toString());
            double c = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            double p = (os.getProcessCpuTime() - p0) / 1e9;
            double w = (System.nanoTime() - w0) / 1e9;
            if (rc != 0) {
                throw new IllegalStateException("track exited " + rc);
            }
            wall.add(w);
            cpu.add(c);
            processCpu.add(p);
            System.out.printf(Locale.ROOT, "run %d: %d detections, wall %.2f s, cpu %.2f s (process %.2f s), "
                    + "%,.0f detections per process cpu-second%n", r + 1, lines, w, c, p, lines / p);
        }
        if (runs == 0) {
            return;
        }
        double mw = median(wall);
        double mc = median(cpu);
        double mp = median(processCpu);
        System.out.printf(Locale.ROOT, "median of %d: wall %.2f s, cpu %.2f s (process %.2f s), "
                + "%,.0f detections per process cpu-second%n", runs, mw, mc, mp, lines / mp);
    }

    private static long write(Path in, int targets, int scenes) throws IOException {
        LocalFrame to = new LocalFrame(PLACE[0], PLACE[1]);
        double[] ll = new double[2];
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            for (int s = 0; s < scenes; s++) {
                BorderScenario.Scene scene = BorderScenario.standard(targets, s + 1).generate();
                long offset = (long) s * scene.scenario().scans();
                for (BorderScenario.Plot p : scene.plots()) {
                    to.toLatLon(p.east(), p.north(), ll);
                    w.write(String.format(Locale.ROOT,
                            "{\"time\":%d,\"sensor\":\"%s\",\"lat\":%.7f,\"lon\":%.7f,\"sigma_m\":%s,\"kind\":\"radar\"}%n",
                            offset + p.scan(), BorderScenario.SENSOR, ll[0], ll[1], scene.scenario().sigmaM()));
                    n++;
                }
            }
        }
        return n;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
