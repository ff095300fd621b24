package kz.shekara.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.track.TrackerState;

/**
 * What the live tracker holds under {@link AlertLatencyBench}'s load: the plots of
 * {@link TheatreTrackerCpu} (real movers on the theatre's radars plus clutter filling the rate) fed
 * through one live {@link MultiSectorTracker}, and at the end of every few seconds of event time a
 * census of its live tracks from {@link MultiSectorTracker#state()}: by status, and the tentative ones
 * by hits, scans, misses, time since their last plot and number of sensors. Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.TrackCensus [rate] [seconds] [every] [targets]}
 * (defaults 50000 20 5 1500; {@code -Dshekara.bench.config=single} for the previous configuration,
 * {@code -Dshekara.bench.tracker=name=value,…} to change {@link TrackerConfig} keys as
 * {@link ReferenceComparison}'s {@code --variants} do).
 */
public final class TrackCensus {
    private TrackCensus() {
    }

    public static void main(String[] args) throws Exception {
        double[] given = {50_000, 20, 5, 1500};
        for (int i = 0; i < Math.min(args.length, given.length); i++) {
            given[i] = Double.parseDouble(args[i]);
        }
        double rate = given[0];
        int seconds = (int) given[1];
        int every = (int) given[2];
        int targets = (int) given[3];
        TrackerConfig config = TheatreTrackerCpu.CONFIG;
        String changes = System.getProperty("shekara.bench.tracker", "");
        if (!changes.isBlank()) {
            config = ReferenceComparison.override(config, changes);
        }
        System.out.println("tracker: " + config);
        Theatre theatre = TheatreLoader.loadDefault();
        List<Detection> plots = TheatreTrackerCpu.plots(theatre, rate, seconds, targets);
        long radars = theatre.sensors().stream().filter(s -> s.kind() == SensorKind.RADAR).count();
        System.out.printf(Locale.ROOT, "%,d plots over %d s of event time (%,.0f/s) from %d radars, %d real movers%n",
                plots.size(), seconds, plots.size() / (double) seconds, radars, targets);
        MultiSectorTracker tracker = new MultiSectorTracker(config, theatre.sectors(), new SectorLocator(theatre),
                MultiSectorTracker.Mode.LIVE);
        Instant start = plots.getFirst().time();
        Instant next = start.plusSeconds(every);
        for (Detection d : plots) {
            if (!d.time().isBefore(next)) {
                census(tracker.state(), next);
                next = next.plusSeconds(every);
            }
            tracker.accept(d);
        }
        census(tracker.state(), plots.getLast().time());
    }

    private static void census(TrackerState state, Instant at) {
        Map<TrackStatus, Integer> byStatus = new TreeMap<>();
        Map<Integer, Integer> hits = new TreeMap<>();
        Map<Integer, Integer> scans = new TreeMap<>();
        Map<Integer, Integer> misses = new TreeMap<>();
        Map<Integer, Integer> sensors = new TreeMap<>();
        Map<Long, Integer> quietS = new TreeMap<>();
        Map<String, int[]> bySensor = new TreeMap<>();
        int confirmedFewHits = 0;
        for (TrackerState.Sector s : state.sectors()) {
            for (TrackerState.TrackRecord t : s.tracks()) {
                byStatus.merge(t.status(), 1, Integer::sum);
                String sensor = t.sensors().size() == 1 ? t.sensors().getFirst() : "several";
                bySensor.computeIfAbsent(sensor, k -> new int[2])[t.status() == TrackStatus.TENTATIVE ? 0 : 1]++;
                if (t.status() != TrackStatus.TENTATIVE) {
                    confirmedFewHits += t.hits() < 4 ? 1 : 0;
                    continue;
                }
                hits.merge(Math.min(t.hits(), 5), 1, Integer::sum);
                scans.merge(Math.min(t.scans(), 6), 1, Integer::sum);
                misses.merge(Math.min(t.misses(), 5), 1, Integer::sum);
                sensors.merge(Math.min(t.sensors().size(), 4), 1, Integer::sum);
                quietS.merge(Math.min(Duration.between(t.lastDetection(), at).toSeconds(), 6), 1, Integer::sum);
            }
        }
        int live = byStatus.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "%s: %,d live tracks %s; confirmed or coasting with under 4 plots %,d%n", at, live,
                byStatus, confirmedFewHits);
        System.out.printf(Locale.ROOT, "  tentative by hits %s, by scans %s, by misses %s, by sensors %s, "
                + "by whole seconds since their last plot %s%n", hits, scans, misses, sensors, quietS);
        StringBuilder line = new StringBuilder("  by sensor, tentative/confirmed or coasting:");
        bySensor.forEach((sensor, n) -> line.append(' ').append(sensor).append(' ').append(n[0]).append('/').append(n[1]));
        System.out.println(line);
    }
}
