package kz.shekara.track.metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kz.shekara.geo.LocalFrame;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.TruthState;

/**
 * Scores tracker output against ground truth. At each truth time the estimate set is the latest
 * frame of track reports (all reports sharing one time) at or before it, no older than
 * {@code maxAgeS}, each extrapolated by its velocity to the truth time; both sets go into a local
 * east-north frame and {@link Gospa} gives GOSPA and OSPA. Over the run: the means, the number of
 * distinct track ids assigned to each true target (fragmentation; 1 is ideal), and false tracks —
 * ids assigned to a target in fewer than half of the frames they appear in — with the longest such
 * track's life. Stateless; thread-safe.
 *
 * @param cutoffM GOSPA/OSPA cut-off c, metres
 * @param order   GOSPA/OSPA order p
 * @param maxAgeS how old a frame of track reports may be and still count, seconds
 */
public record TrackScorer(double cutoffM, double order, double maxAgeS) {

    public TrackScorer {
        if (!(cutoffM > 0) || !(order >= 1) || !(maxAgeS >= 0)) {
            throw new IllegalArgumentException("need cutoff > 0, order >= 1, maxAge >= 0");
        }
    }

    public Score score(List<TruthState> truth, List<TrackUpdate> tracks) {
        TreeMap<Instant, List<TruthState>> truthByTime = new TreeMap<>();
        truth.forEach(t -> truthByTime.computeIfAbsent(t.time(), k -> new ArrayList<>()).add(t));
        TreeMap<Instant, List<TrackUpdate>> frames = new TreeMap<>();
        tracks.forEach(t -> frames.computeIfAbsent(t.time(), k -> new ArrayList<>()).add(t));
        if (truthByTime.isEmpty()) {
            throw new IllegalArgumentException("no truth to score against");
        }
        TruthState first = truthByTime.firstEntry().getValue().get(0);
        LocalFrame frame = new LocalFrame(first.lat(), first.lon());
        Map<String, Set<String>> idsPerTruth = new LinkedHashMap<>();
        Map<String, int[]> trackFrames = new HashMap<>(); // [frames seen, frames assigned]
        Map<String, Instant[]> trackLife = new HashMap<>();
        double gospaSum = 0;
        double ospaSum = 0;
        double missedSum = 0;
        double falseSum = 0;
        double[] en = new double[2];
        for (Map.Entry<Instant, List<TruthState>> e : truthByTime.entrySet()) {
            Instant t = e.getKey();
            List<TruthState> ts = e.getValue();
            Map.Entry<Instant, List<TrackUpdate>> f = frames.floorEntry(t);
            List<TrackUpdate> est = f == null || secondsBetween(f.getKey(), t) > maxAgeS ? List.of() : f.getValue();
            double[][] x = new double[ts.size()][];
            for (int i = 0; i < x.length; i++) {
                frame.toEastNorth(ts.get(i).lat(), ts.get(i).lon(), en);
                x[i] = en.clone();
            }
            double[][] y = new double[est.size()][];
            for (int j = 0; j < y.length; j++) {
                TrackUpdate u = est.get(j);
                frame.toEastNorth(u.lat(), u.lon(), en);
                double dt = secondsBetween(u.time(), t);
                y[j] = new double[] {en[0] + u.veMps() * dt, en[1] + u.vnMps() * dt};
            }
            Gospa.Result r = Gospa.evaluate(x, y, cutoffM, order);
            gospaSum += r.gospa();
            ospaSum += r.ospa();
            missedSum += r.missed();
            falseSum += r.falseCount();
            boolean[] assigned = new boolean[y.length];
            for (int i = 0; i < x.length; i++) {
                idsPerTruth.computeIfAbsent(ts.get(i).target(), k -> new HashSet<>());
                if (r.pairs()[i] >= 0) {
                    assigned[r.pairs()[i]] = true;
                    idsPerTruth.get(ts.get(i).target()).add(est.get(r.pairs()[i]).track());
                }
            }
            for (int j = 0; j < y.length; j++) {
                String id = est.get(j).track();
                int[] c = trackFrames.computeIfAbsent(id, k -> new int[2]);
                c[0]++;
                c[1] += assigned[j] ? 1 : 0;
                Instant[] life = trackLife.computeIfAbsent(id, k -> new Instant[] {t, t});
                life[1] = t;
            }
        }
        int scans = truthByTime.size();
        int tracked = 0;
        int ids = 0;
        for (Set<String> s : idsPerTruth.values()) {
            if (!s.isEmpty()) {
                tracked++;
                ids += s.size();
            }
        }
        int falseTracks = 0;
        double longestFalseS = 0;
        for (Map.Entry<String, int[]> e : trackFrames.entrySet()) {
            if (e.getValue()[1] * 2 < e.getValue()[0]) {
                falseTracks++;
                Instant[] life = trackLife.get(e.getKey());
                longestFalseS = Math.max(longestFalseS, secondsBetween(life[0], life[1]));
            }
        }
        return new Score(scans, gospaSum / scans, ospaSum / scans, missedSum / scans, falseSum / scans,
                idsPerTruth.size(), tracked, tracked == 0 ? 0 : (double) ids / tracked, trackFrames.size(), falseTracks,
                longestFalseS);
    }

    private static double secondsBetween(Instant a, Instant b) {
        return (b.getEpochSecond() - a.getEpochSecond()) + (b.getNano() - a.getNano()) * 1e-9;
    }
}
