package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import kz.shekara.planning.PreparedUnits;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.TargetMotion;

/**
 * The work of {@link RecommendationBenchmark} timed call by call in thread CPU time (ThreadMXBean)
 * as well as wall time, for a build machine shared with other jobs, where wall-clock samples
 * measure the share of a core the scheduler gave rather than the code. For each target: warm-up
 * calls, then {@code calls} timed calls; prints median and p99 of both clocks and the ranking's
 * size, for the units' list and for units prepared once ({@code …Prepared}); then the same for 500
 * units of every kind on the default theatre ({@link TheatreRecommendationScenario}). Run: {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.RecommendationCpu 2000}.
 */
public final class RecommendationCpu {
    private RecommendationCpu() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        RecommendationScenario s = new RecommendationScenario();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "500 units, %d road nodes, %d calls per target%n", s.roadNodes, calls);
        PreparedUnits prepared = s.recommender.prepare(s.units);
        for (Map.Entry<String, TargetMotion> e : s.targets().entrySet()) {
            TargetMotion target = e.getValue();
            time(e.getKey(), () -> s.recommender.recommend(target, s.units, "south"), calls, mx);
            time(e.getKey() + "Prepared", () -> s.recommender.recommend(target, prepared, "south"), calls, mx);
        }
        TheatreRecommendationScenario t = new TheatreRecommendationScenario();
        PreparedUnits all = t.recommender.prepare(t.units);
        System.out.printf(Locale.ROOT, "500 units of every kind on the default theatre%n");
        for (Map.Entry<String, TargetMotion> e : t.targets().entrySet()) {
            TargetMotion target = e.getValue();
            String c = TheatreRecommendationScenario.COMMAND;
            time(e.getKey(), () -> t.recommender.recommend(target, t.units, c), calls, mx);
            time(e.getKey() + "Prepared", () -> t.recommender.recommend(target, all, c), calls, mx);
        }
    }

    private static void time(String name, Supplier<Recommendations> call, int calls, ThreadMXBean mx) {
        int ranked = 0;
        for (int w = 0; w < Math.max(200, calls / 2); w++) {
            ranked += call.get().ranked().size();
        }
        long[] cpu = new long[calls];
        long[] wall = new long[calls];
        for (int i = 0; i < calls; i++) {
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            Recommendations r = call.get();
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            wall[i] = System.nanoTime() - w0;
            ranked = r.ranked().size();
        }
        System.out.printf(Locale.ROOT, "%-24s ranked %3d  CPU median %6.3f ms p99 %6.3f ms   wall median %6.3f ms p99 %7.3f ms%n",
                name, ranked, pct(cpu, 0.5), pct(cpu, 0.99), pct(wall, 0.5), pct(wall, 0.99));
    }

    private static double pct(long[] ns, double q) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
