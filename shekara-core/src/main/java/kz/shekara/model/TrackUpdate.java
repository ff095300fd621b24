package kz.shekara.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The tracker's estimate of one object at one scan time. Position in WGS84 degrees; velocity
 * north/east in m/s; horizontal position covariance in m² in the local east-north frame
 * ({@code covEE}, {@code covEN}, {@code covNN}). {@code sensors} lists every sensor that
 * contributed; the marking is the most restrictive of the contributing detections'.
 * {@code modeProbabilities} are a multiple-model tracker's motion model probabilities (quiet, then
 * manoeuvring; they sum to 1), empty from a single-model tracker or any other source.
 */
public record TrackUpdate(Instant time, String track, String sector, double lat, double lon, double vnMps,
                          double veMps, double covEE, double covEN, double covNN, TrackStatus status,
                          TargetClass targetClass, SortedSet<String> sensors, Marking marking,
                          List<Double> modeProbabilities)
        implements DomainEvent {

    /** An update without motion model probabilities. */
    public TrackUpdate(Instant time, String track, String sector, double lat, double lon, double vnMps, double veMps,
                       double covEE, double covEN, double covNN, TrackStatus status, TargetClass targetClass,
                       SortedSet<String> sensors, Marking marking) {
        this(time, track, sector, lat, lon, vnMps, veMps, covEE, covEN, covNN, status, targetClass, sensors, marking,
                List.of());
    }

    public TrackUpdate {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(targetClass, "targetClass");
        Objects.requireNonNull(marking, "marking");
        Coordinates.check(lat, lon);
        sensors = Collections.unmodifiableSortedSet(new TreeSet<>(sensors));
        modeProbabilities = modeProbabilities == null ? List.of() : List.copyOf(modeProbabilities);
    }

    /** 1-sigma horizontal position error in metres: the root of the mean of the two variances. */
    public double sigmaM() {
        return Math.sqrt((covEE + covNN) / 2);
    }

    public double speedMps() {
        return Math.hypot(vnMps, veMps);
    }
}
