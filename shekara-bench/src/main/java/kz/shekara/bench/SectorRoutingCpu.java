package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kz.shekara.model.Detection;
import kz.shekara.server.adapter.jsonl.JsonlCodec;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.SectorRouter;
import kz.shekara.track.TrackerConfig;

/**
 * The routing of {@code track}'s reader thread alone: every detection of a detections file (such as
 * {@link TrackCommandThroughput}'s) routed to the default theatre's sectors by a {@link SectorRouter},
 * in the thread's CPU time, each round with a fresh locator (its cells decided again, as in a run) and
 * then again with the same one (cells already decided). Prints each round, the medians, and how many
 * routes reach more than one sector. Run: {@code java -XX:TieredStopAtLevel=1 -cp
 * shekara-bench/target/benchmarks.jar kz.shekara.bench.SectorRoutingCpu FILE [rounds]} (default 5).
 */
public final class SectorRoutingCpu {
    private SectorRoutingCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Theatre theatre = TheatreLoader.loadDefault();
        JsonlCodec codec = new JsonlCodec(Instant.parse("2026-01-01T00:00:00Z"), true, theatre.defaultMarking());
        List<Detection> in = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank() && codec.decodeSensorReport(line) instanceof Detection d) {
                in.add(d);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] fresh = new double[rounds];
        double[] decided = new double[rounds];
        long several = 0;
        for (int round = 0; round < rounds; round++) {
            SectorRouter router = new MultiSectorTracker(TrackerConfig.DEFAULTS, theatre.sectors(),
                    new SectorLocator(theatre)).router();
            fresh[round] = routeAll(mx, router, in);
            several = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (Detection d : in) {
                several += router.route(d).sectors().length > 1 ? 1 : 0;
            }
            decided[round] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "round %d: %.0f ms fresh, %.0f ms cells decided%n", round, fresh[round],
                    decided[round]);
        }
        Arrays.sort(fresh);
        Arrays.sort(decided);
        System.out.printf(Locale.ROOT, "%,d detections, %,d routes to more than one sector; median %.0f ms fresh, "
                + "%.0f ms cells decided (thread CPU)%n", in.size(), several, fresh[rounds / 2], decided[rounds / 2]);
    }

    private static double routeAll(ThreadMXBean mx, SectorRouter router, List<Detection> in) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (Detection d : in) {
            router.route(d);
        }
        return (mx.getCurrentThreadCpuTime() - t0) / 1e6;
    }
}
