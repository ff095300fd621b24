package kz.shekara.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of a target's predicted path that the search along it evaluates
 * ({@link InterceptPlanner#search}): in each interval the target is inside the area, its start,
 * then steps of {@code stepS} up to and including its end. For a target standing still, its one
 * position at time 0. {@code opens[k]} tells whether sample k starts an interval (no sample before
 * it to bisect from). Arrays are not copied: the holder does not change them.
 */
record PathSamples(double[] times, boolean[] opens, List<double[]> points) {

    static PathSamples of(TargetMotion target, double stepS) {
        if (target.stationary()) {
            return new PathSamples(new double[] {0}, new boolean[] {true},
                    List.of(new double[] {target.lat(), target.lon()}));
        }
        List<Double> times = new ArrayList<>();
        List<Boolean> opens = new ArrayList<>();
        for (double[] in : target.inside()) {
            boolean opening = true;
            // The same steps, to the same doubles, as the scan of InterceptPlanner.search.
            for (double t = in[0]; ; t = Math.min(t + stepS, in[1])) {
                times.add(t);
                opens.add(opening);
                opening = false;
                if (t >= in[1]) {
                    break;
                }
            }
        }
        double[] ts = new double[times.size()];
        boolean[] os = new boolean[ts.length];
        List<double[]> points = new ArrayList<>(ts.length);
        for (int k = 0; k < ts.length; k++) {
            ts[k] = times.get(k);
            os[k] = opens.get(k);
            points.add(target.at(ts[k]));
        }
        return new PathSamples(ts, os, List.copyOf(points));
    }

    int size() {
        return times.length;
    }
}
