package kz.shekara.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;

/**
 * The sea distances of many boats to the points of one target's predicted path (the positions a
 * search along the path evaluates), worked out from the target's side: each point is snapped to
 * open water once, and each station (the open water a boat heads for first, shared by the boats of
 * one base) gets its leg to a point once, on first use, for every boat heading from there. A boat's
 * distance to a point is then its own way into the water plus that leg: the same metres, summed in
 * the same order, as the route {@link SeaTravelTime#from(SeaTravelTime.Start, SeaTravelTime.Ends)}
 * gives, without building a route per boat and point. Made by {@link SeaTravelTime.Ends#samples};
 * not thread-safe: one ranking at a time.
 */
public final class SeaSamples {
    private final SeaTravelTime model;
    private final SeaTravelTime.Ends ends;
    private final Coordinate[] end;
    private final double[] snapEndM;
    private final Map<Coordinate, Integer> stations = new HashMap<>();
    private final List<SeaTravelTime.Start> stationStarts = new ArrayList<>();
    private final List<double[]> legs = new ArrayList<>();
    private final List<double[]> leastLegs = new ArrayList<>();

    SeaSamples(SeaTravelTime model, SeaTravelTime.Ends ends, List<double[]> points) {
        this.model = model;
        this.ends = ends;
        this.end = new Coordinate[points.size()];
        this.snapEndM = new double[points.size()];
        for (int k = 0; k < end.length; k++) {
            double[] p = points.get(k);
            end[k] = ends.end(p[0], p[1]);
            snapEndM[k] = end[k] == null ? Double.NaN : SeaTravelTime.snapM(end[k], p[0], p[1]);
        }
    }

    public int size() {
        return end.length;
    }

    /** Whether point {@code k} is within the snap distance of open water (else no boat reaches it). */
    public boolean nearWater(int k) {
        return end[k] != null;
    }

    /**
     * The station of a boat's prepared start, numbered from 0 in order of first use; -1 when the boat
     * is too far inland to reach open water at all.
     */
    public int station(SeaTravelTime.Start start) {
        if (start.model() != model) {
            throw new IllegalArgumentException("start prepared by another sea model");
        }
        if (start.water() == null) {
            return -1;
        }
        return stations.computeIfAbsent(start.water(), w -> {
            stationStarts.add(start);
            legs.add(unknown(end.length));
            leastLegs.add(unknown(end.length));
            return legs.size() - 1;
        });
    }

    private static double[] unknown(int n) {
        double[] row = new double[n];
        Arrays.fill(row, Double.NaN);
        return row;
    }

    /**
     * A lower bound of {@link #metres}, much cheaper when the station's leg to the point is not yet
     * known (no check of what sees what); NaN where no boat reaches the point.
     */
    public double leastMetres(SeaTravelTime.Start start, int station, int k) {
        if (end[k] == null) {
            return Double.NaN;
        }
        double leg = legs.get(station)[k];
        if (Double.isNaN(leg)) {
            double[] row = leastLegs.get(station);
            leg = row[k];
            if (Double.isNaN(leg)) {
                leg = ends.leastLegM(stationStarts.get(station), end[k]);
                row[k] = leg;
            }
        }
        return SeaTravelTime.metres(start, leg, snapEndM[k]);
    }

    /**
     * Metres by sea from the boat of {@code start} (at {@code station}) to point {@code k}, before
     * its endurance is counted; NaN when no way over open water leads there. The station's leg to
     * the point is worked out on first use.
     */
    public double metres(SeaTravelTime.Start start, int station, int k) {
        if (end[k] == null) {
            return Double.NaN;
        }
        double[] row = legs.get(station);
        double leg = row[k];
        if (Double.isNaN(leg)) {
            leg = ends.leg(stationStarts.get(station), end[k]).m();
            row[k] = leg;
        }
        return leg == Double.POSITIVE_INFINITY ? Double.NaN : SeaTravelTime.metres(start, leg, snapEndM[k]);
    }
}
