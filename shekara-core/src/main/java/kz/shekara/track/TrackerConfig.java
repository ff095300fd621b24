package kz.shekara.track;

import java.time.Duration;
import java.util.Objects;

/**
 * Tracker parameters, validated once at construction. Units in the names; times as Durations.
 *
 * @param gateProbability        chi-square gate probability for 2-D plots (0.999 → threshold 13.8)
 * @param confirmHits            M of M-of-N confirmation
 * @param confirmScans           N of M-of-N confirmation
 * @param initialVelocitySigmaMps 1-sigma velocity of a new tentative track (covers the fastest mover)
 * @param accelerationPsd        process noise: white-acceleration power spectral density, m²/s³ per axis
 * @param maxMissedScans         consecutive missed scans (from sensors that had seen it) that end a confirmed track
 * @param maxCoast               time without any detection that ends a track
 * @param maxPositionSigmaM      1-sigma position error beyond which a track is deleted
 * @param reorderWindow          how late a detection may arrive (event time) and still be used
 * @param overlapM               width of the zone beyond a sector's edge in which its tracks still take detections
 * @param walkerMaxMps           speed up to which a track is classed a walker
 * @param vehicleMaxMps          speed up to which a track is classed a vehicle (faster: fast mover)
 * @param associator             {@code gnn} (clustered, spatially indexed) or {@code all-pairs} (textbook reference)
 */
public record TrackerConfig(double gateProbability, int confirmHits, int confirmScans, double initialVelocitySigmaMps,
                            double accelerationPsd, int maxMissedScans, Duration maxCoast, double maxPositionSigmaM,
                            Duration reorderWindow, double overlapM, double walkerMaxMps, double vehicleMaxMps,
                            String associator) {

    /** Defaults that work on the simulator's output: ground and sea movers, radars of 10–50 m sigma, 1–5 s periods. */
    public static final TrackerConfig DEFAULTS = new TrackerConfig(0.999, 4, 5, 30, 1.0, 5, Duration.ofSeconds(30),
            1000, Duration.ofSeconds(2), 2000, 3, 45, "gnn");

    public TrackerConfig {
        Objects.requireNonNull(maxCoast, "maxCoast");
        Objects.requireNonNull(reorderWindow, "reorderWindow");
        Objects.requireNonNull(associator, "associator");
        check(gateProbability > 0 && gateProbability < 1, "gateProbability must lie in (0, 1)");
        check(confirmHits >= 1 && confirmScans >= confirmHits, "need 1 <= confirmHits <= confirmScans");
        check(confirmScans <= 32, "confirmScans must be at most 32");
        check(initialVelocitySigmaMps > 0 && initialVelocitySigmaMps < 1000, "initialVelocitySigmaMps must lie in (0, 1000)");
        check(accelerationPsd >= 0 && accelerationPsd < 1e4, "accelerationPsd must lie in [0, 10000)");
        check(maxMissedScans >= 1, "maxMissedScans must be at least 1");
        check(!maxCoast.isNegative() && !maxCoast.isZero(), "maxCoast must be positive");
        check(maxPositionSigmaM > 0, "maxPositionSigmaM must be positive");
        check(!reorderWindow.isNegative(), "reorderWindow must not be negative");
        check(overlapM >= 0 && overlapM < 1e6, "overlapM must lie in [0, 1000000)");
        check(walkerMaxMps > 0 && vehicleMaxMps > walkerMaxMps, "need 0 < walkerMaxMps < vehicleMaxMps");
        check(associator.equals("gnn") || associator.equals("all-pairs"), "associator must be gnn or all-pairs");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("tracker config: " + message);
        }
    }

    public TrackerConfig withAssociator(String name) {
        return new TrackerConfig(gateProbability, confirmHits, confirmScans, initialVelocitySigmaMps, accelerationPsd,
                maxMissedScans, maxCoast, maxPositionSigmaM, reorderWindow, overlapM, walkerMaxMps, vehicleMaxMps, name);
    }
}
