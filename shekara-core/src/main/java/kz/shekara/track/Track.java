package kz.shekara.track;

import java.time.Instant;
import java.util.Arrays;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TrackStatus;

/**
 * The mutable record of one live track inside a {@link SectorTracker} (the only class that changes
 * it): current state, status, hit/scan counts, the sensors that contributed and the most restrictive
 * marking of its detections. Not thread-safe.
 */
final class Track {
    final String id;
    GaussianState state;
    TrackStatus status = TrackStatus.TENTATIVE;
    Instant lastDetection;
    int hits;
    int scans;
    int misses;
    boolean maritime;
    Marking marking;
    private String[] sensors = new String[0];
    // Bit i set: the sensor with tracker-wide index i (below 64) has seen this track; saves string compares in the loop.
    private long sensorBits;

    Track(String id, GaussianState state, Plot first) {
        this.id = id;
        this.state = state;
        this.lastDetection = first.time();
        this.marking = first.source().marking();
        this.hits = 1;
        this.scans = 1;
        noteSensor(first);
    }

    /** Whether the sensor of index {@code index} (from its tracker's sensor table) has seen this track. */
    boolean seenBy(int index, String sensor) {
        if (index < 64) {
            return (sensorBits >>> index & 1) != 0;
        }
        return seenBy(sensor);
    }

    void noteSensorIndex(int index) {
        if (index < 64) {
            sensorBits |= 1L << index;
        }
    }

    boolean seenBy(String sensor) {
        for (String s : sensors) {
            if (s.equals(sensor)) {
                return true;
            }
        }
        return false;
    }

    void noteSensor(Plot plot) {
        String sensor = plot.source().sensor();
        if (plot.source().kind() == SensorKind.AIS) {
            maritime = true;
        }
        if (!seenBy(sensor)) {
            String[] more = Arrays.copyOf(sensors, sensors.length + 1);
            more[sensors.length] = sensor;
            Arrays.sort(more);
            sensors = more;
        }
        Marking m = plot.source().marking();
        if (m != marking) {
            marking = marking.mostRestrictive(m);
        }
    }

    String[] sensors() {
        return sensors;
    }

    boolean confirmed() {
        return status != TrackStatus.TENTATIVE;
    }
}
