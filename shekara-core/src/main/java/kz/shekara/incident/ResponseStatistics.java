package kz.shekara.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Distributions of response times over the incidents whose alert falls in [from, to): for all of
 * them, per sector and per kind of responding unit, the count, median, 90th percentile and maximum
 * (seconds) of alert → dispatch, dispatch → on scene and detection → on scene. Percentiles
 * interpolate linearly between order statistics (Hyndman and Fan's type 7, the default of R and
 * NumPy). Incidents with no sector or no theatre unit are left out of those groups, not of the
 * totals. Immutable.
 */
public record ResponseStatistics(Instant from, Instant to, Group all, List<Group> sectors, List<Group> unitKinds) {
    public ResponseStatistics {
        sectors = List.copyOf(sectors);
        unitKinds = List.copyOf(unitKinds);
    }

    /** One group's incidents and its three distributions. */
    public record Group(String name, int incidents, Distribution alertToDispatch, Distribution dispatchToOnScene,
                        Distribution detectionToOnScene) {
    }

    /** Count and order statistics in seconds; NaN when the count is 0. Values sorted ascending. */
    public record Distribution(int count, double medianS, double p90S, double maxS, double minS, double p25S,
                               double p75S, List<Double> valuesS) {
        public Distribution {
            valuesS = List.copyOf(valuesS);
        }

        static Distribution of(double[] v) {
            Arrays.sort(v);
            List<Double> values = Arrays.stream(v).boxed().toList();
            if (v.length == 0) {
                return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        values);
            }
            return new Distribution(v.length, quantile(v, 0.5), quantile(v, 0.9), v[v.length - 1], v[0],
                    quantile(v, 0.25), quantile(v, 0.75), values);
        }
    }

    /** The q-quantile (0..1) of ascending values, type 7. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The statistics of the records in [from, to); either bound may be null (open). */
    public static ResponseStatistics of(List<ResponseRecord> records, Instant from, Instant to) {
        List<ResponseRecord> in = records.stream().filter(r -> (from == null || !r.alerted().isBefore(from))
                && (to == null || r.alerted().isBefore(to))).toList();
        return new ResponseStatistics(from, to, group("all", in), groups(in, ResponseRecord::sector),
                groups(in, r -> r.unitKind() == null ? null : r.unitKind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-')));
    }

    private static List<Group> groups(List<ResponseRecord> in, Function<ResponseRecord, String> key) {
        Map<String, List<ResponseRecord>> by = new TreeMap<>();
        for (ResponseRecord r : in) {
            String k = key.apply(r);
            if (k != null) {
                by.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(group(k, v)));
        return out;
    }

    private static Group group(String name, List<ResponseRecord> rs) {
        return new Group(name, rs.size(), dist(rs, ResponseRecord::alertToDispatch),
                dist(rs, ResponseRecord::dispatchToOnScene), dist(rs, ResponseRecord::detectionToOnScene));
    }

    private static Distribution dist(List<ResponseRecord> rs, Function<ResponseRecord, Optional<Duration>> f) {
        return Distribution.of(rs.stream().map(f).flatMap(Optional::stream).mapToDouble(d -> d.toMillis() / 1000.0)
                .toArray());
    }
}
