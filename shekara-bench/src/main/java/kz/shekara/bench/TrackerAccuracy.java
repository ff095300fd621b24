package kz.shekara.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Sector;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.track.MultiSectorTracker;
import kz.shekara.track.TrackerConfig;
import kz.shekara.sim.TrackingScenario;
import kz.shekara.track.metric.Score;
import kz.shekara.track.metric.TrackScorer;

/**
 * The accuracy side of a tracker speed change: runs {@link TrackingScenario#standard} (given targets,
 * 3 minutes, given seed) through the single-sector pipeline with the default and the all-pairs
 * associator, prints GOSPA, OSPA, fragmentation and false tracks, and a SHA-256 of every track report
 * (so two builds can be shown to give byte-identical output). Run:
 * {@code java -cp shekara-bench/target/benchmarks.jar kz.shekara.bench.TrackerAccuracy 1000 1}.
 */
public final class TrackerAccuracy {
    private static final TrackScorer SCORER = new TrackScorer(100, 2, 3.5);

    private TrackerAccuracy() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        TrackingScenario.Data data = TrackingScenario.standard(targets, Duration.ofMinutes(3), seed).generate();
        for (String associator : List.of("gnn", "jpda", "all-pairs")) {
            if (associator.equals("all-pairs") && targets > 200) {
                continue;
            }
            List<TrackUpdate> out = run(TrackerConfig.DEFAULTS.withAssociator(associator), data);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (TrackUpdate t : out) {
                sha.update(t.toString().getBytes(StandardCharsets.UTF_8));
            }
            Score s = SCORER.score(data.truth(), out);
            System.out.printf("targets %d seed %d associator %s: reports %d sha256 %s%n%s", targets, seed, associator,
                    out.size(), HexFormat.of().formatHex(sha.digest()), s.report(SCORER.cutoffM()));
        }
    }

    private static List<TrackUpdate> run(TrackerConfig config, TrackingScenario.Data data) {
        Sector sector = new Sector("S1", "bench", "south", "UZ", Posture.NORMAL, 43.0, 68.0);
        MultiSectorTracker tracker = new MultiSectorTracker(config, List.of(sector),
                SectorLocator.ofOrigins(List.of(sector)));
        List<TrackUpdate> out = new ArrayList<>();
        for (Detection d : data.detections()) {
            out.addAll(tracker.accept(d));
        }
        out.addAll(tracker.flush());
        return out;
    }
}
