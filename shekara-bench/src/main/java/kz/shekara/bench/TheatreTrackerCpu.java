package kz.shekara.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackUpdate;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Sensor;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;

/**
 * The live tracker's cost under {@link AlertLatencyBench}'s load, without the bus: the load model
 * {@code targets} (real movers on the default theatre's radars plus clutter filling the rate) is
 * generated for {@code seconds} of event time, in time order, and fed through one
 * {@link MultiSectorTracker} in live mode over the theatre's sectors, as the server's tracker service
 * runs it. Measured in the thread's CPU time, so the machine's load does not move the figure; prints
 * each round and the median plots per CPU-second. Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.TheatreTrackerCpu [rate] [seconds] [rounds] [targets]}
 * (defaults 50000 30 5 1500).
 */
public final class TheatreTrackerCpu {
    /** The defaults, or with {@code -Dshekara.bench.config=single} the previous single-model configuration. */
    static final TrackerConfig CONFIG = "single".equals(System.getProperty("shekara.bench.config"))
            ? TrackerConfig.SINGLE_MODEL : TrackerConfig.DEFAULTS;
    private TheatreTrackerCpu() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 50_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int targets = args.length > 3 ? Integer.parseInt(args[3]) : 1500;
        Theatre theatre = TheatreLoader.loadDefault();
        List<Detection> plots = plots(theatre, rate, seconds, targets);
        System.out.printf(Locale.ROOT, "%,d plots over %d s of event time (%,.0f/s) from the theatre's radars, %d real movers%n",
                plots.size(), seconds, plots.size() / (double) seconds, targets);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++) {
            MultiSectorTracker tracker = new MultiSectorTracker(CONFIG, theatre.sectors(),
                    new SectorLocator(theatre), MultiSectorTracker.Mode.LIVE);
            long updates = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (Detection d : plots) {
                List<TrackUpdate> out = tracker.accept(d);
                updates += out.size();
            }
            updates += tracker.flush().size();
            double cpuS = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            if (round >= 0) {
                rates[round] = plots.size() / cpuS;
                System.out.printf(Locale.ROOT, "round %d: %.2f s CPU, %,.0f plots per CPU-second, %,d track updates, %,d live tracks at the end%n",
                        round + 1, cpuS, rates[round], updates, tracker.liveTracks());
            }
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "median %,.0f plots per CPU-second%n", rates[rounds / 2]);
    }

    /** The load's scans for {@code seconds} seconds, in scan-time order, as the radars' feeds would send them. */
    static List<Detection> plots(Theatre theatre, double rate, int seconds, int targets) {
        List<Sensor> radars = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).toList();
        List<RadarLoad> loads = RadarLoad.targets(radars, rate, targets, 1, 17);
        Instant epoch = Instant.parse("2026-06-01T00:00:00Z");
        RadarFeed feed = new RadarFeed(null, loads, 50, epoch, 0, 0, theatre.defaultMarking(), 23, 1);
        record Due(double t, RadarLoad radar) {
        }
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Double.compare(a.t(), b.t()));
        java.util.SplittableRandom phase = new java.util.SplittableRandom(5);
        for (RadarLoad r : loads) {
            queue.add(new Due(phase.nextDouble(r.periodS), r));
        }
        List<Detection> out = new ArrayList<>();
        while (queue.peek().t() < seconds) {
            Due due = queue.poll();
            out.addAll(feed.scan(due.radar(), epoch.plusNanos((long) (due.t() * 1e9))));
            due.radar().advance(due.radar().periodS);
            queue.add(new Due(due.t() + due.radar().periodS, due.radar()));
        }
        return out;
    }
}
