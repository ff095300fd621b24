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
 * @param associator             {@code gnn} (clustered, spatially indexed), {@code all-pairs} (textbook reference) or
 *                               {@code jpda} (joint probabilistic data association on the GNN's hard decisions)
 * @param motionModel            {@code cv}: one nearly-constant-velocity Kalman filter with {@code accelerationPsd};
 *                               {@code imm}: an interacting multiple model filter of a quiet and a manoeuvring model
 * @param quietAccelerationPsd   the IMM's quiet model (people on foot, parked and drifting), m²/s³ per axis
 * @param manoeuvreAccelerationPsd the IMM's manoeuvring model (vehicles, boats), m²/s³ per axis
 * @param modeSojournS           the IMM's mean time in one model before switching, seconds
 * @param twoPointDensityPerKm2  0: M-of-N confirmation only; above 0: a second detection in the very next scan confirms a
 *                               track at once when its Gaussian density under the track's prediction is at least this,
 *                               per km² (two-point initiation, {@link TwoPointInitiator})
 * @param minCoast               a confirmed track ends after {@code maxMissedScans} misses only once it has also had no
 *                               detection for this long (so that several sensors' scans do not end it sooner than one's)
 * @param singlePlotMisses       misses (scans of a sensor that had seen it, without a plot for it) that end a tentative track
 *                               of one plot; 0: the M-of-N rule alone ends tentative tracks (see {@link MOfNInitiator})
 * @param denseClutterPerKm2     0: the rules above confirm every track; above 0: where the density of plots no confirmed
 *                               track took is above this (per km²) around a tentative track's plot, its track score decides
 *                               instead ({@link ClutterScoredInitiator})
 * @param denseConfirmScore      the track score (a log-likelihood ratio) that confirms a track in dense clutter
 */
public record TrackerConfig(double gateProbability, int confirmHits, int confirmScans, double initialVelocitySigmaMps,
                            double accelerationPsd, int maxMissedScans, Duration maxCoast, double maxPositionSigmaM,
                            Duration reorderWindow, double overlapM, double walkerMaxMps, double vehicleMaxMps,
                            String associator, String motionModel, double quietAccelerationPsd,
                            double manoeuvreAccelerationPsd, double modeSojournS, double twoPointDensityPerKm2,
                            Duration minCoast, int singlePlotMisses, double denseClutterPerKm2,
                            double denseConfirmScore) {

    /**
     * The single-model configuration shipped before the multiple-model filter (one CV model with
     * q = 1 m²/s³, 4-of-5 confirmation): {@code track} with it gives the same output as before.
     */
    public static final TrackerConfig SINGLE_MODEL = new TrackerConfig(0.999, 4, 5, 30, 1.0, 5,
            Duration.ofSeconds(30), 1000, Duration.ofSeconds(2), 2000, 3, 45, "gnn");

    /** Defaults for what moves at a border (see docs/tracker.md for the comparison that chose them). */
    public static final TrackerConfig DEFAULTS = new TrackerConfig(0.999, 4, 5, 30, 1.0, 3, Duration.ofSeconds(30),
            1000, Duration.ofSeconds(2), 2000, 3, 45, "gnn", "imm", 0.001, 1.0, 60, 50, Duration.ofSeconds(3), 1, 1.0, 6.8);

    /** A single-model ({@code cv}) configuration, as the record was before the multiple-model keys. */
    public TrackerConfig(double gateProbability, int confirmHits, int confirmScans, double initialVelocitySigmaMps,
                         double accelerationPsd, int maxMissedScans, Duration maxCoast, double maxPositionSigmaM,
                         Duration reorderWindow, double overlapM, double walkerMaxMps, double vehicleMaxMps,
                         String associator) {
        this(gateProbability, confirmHits, confirmScans, initialVelocitySigmaMps, accelerationPsd, maxMissedScans,
                maxCoast, maxPositionSigmaM, reorderWindow, overlapM, walkerMaxMps, vehicleMaxMps, associator, "cv",
                0.001, 0.1, 60, 0, Duration.ZERO, 0, 0, 6.8);
    }

    public TrackerConfig {
        Objects.requireNonNull(maxCoast, "maxCoast");
        Objects.requireNonNull(reorderWindow, "reorderWindow");
        Objects.requireNonNull(associator, "associator");
        Objects.requireNonNull(motionModel, "motionModel");
        Objects.requireNonNull(minCoast, "minCoast");
        check(gateProbability > 0 && gateProbability < 1, "gateProbability must lie in (0, 1)");
        check(confirmHits >= 1 && confirmScans >= confirmHits, "need 1 <= confirmHits <= confirmScans");
        check(confirmScans <= 32, "confirmScans must be at most 32");
        check(initialVelocitySigmaMps > 0 && initialVelocitySigmaMps < 1000, "initialVelocitySigmaMps must lie in (0, 1000)");
        check(accelerationPsd >= 0 && accelerationPsd < 1e4, "accelerationPsd must lie in [0, 10000)");
        check(maxMissedScans >= 1, "maxMissedScans must be at least 1");
        check(!maxCoast.isNegative() && !maxCoast.isZero(), "maxCoast must be positive");
        check(!minCoast.isNegative() && minCoast.compareTo(maxCoast) <= 0, "minCoast must lie in [0, maxCoast]");
        check(maxPositionSigmaM > 0, "maxPositionSigmaM must be positive");
        check(!reorderWindow.isNegative(), "reorderWindow must not be negative");
        check(overlapM >= 0 && overlapM < 1e6, "overlapM must lie in [0, 1000000)");
        check(walkerMaxMps > 0 && vehicleMaxMps > walkerMaxMps, "need 0 < walkerMaxMps < vehicleMaxMps");
        check(associator.equals("gnn") || associator.equals("all-pairs") || associator.equals("jpda"),
                "associator must be gnn, all-pairs or jpda");
        check(motionModel.equals("cv") || motionModel.equals("imm"), "motionModel must be cv or imm");
        check(quietAccelerationPsd >= 0 && manoeuvreAccelerationPsd > quietAccelerationPsd
                && manoeuvreAccelerationPsd < 1e4, "need 0 <= quietAccelerationPsd < manoeuvreAccelerationPsd < 10000");
        check(modeSojournS > 0 && modeSojournS < 1e6, "modeSojournS must lie in (0, 1000000)");
        check(twoPointDensityPerKm2 >= 0 && twoPointDensityPerKm2 < 1e6, "twoPointDensityPerKm2 must lie in [0, 1000000)");
        check(singlePlotMisses >= 0 && singlePlotMisses <= 32, "singlePlotMisses must lie in [0, 32]");
        check(denseClutterPerKm2 >= 0 && denseClutterPerKm2 < 1e6, "denseClutterPerKm2 must lie in [0, 1000000)");
        check(denseConfirmScore > 0 && denseConfirmScore < 1e3, "denseConfirmScore must lie in (0, 1000)");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("tracker config: " + message);
        }
    }

    /** This configuration with {@code denseClutterPerKm2} replaced (0: counting rules everywhere). */
    public TrackerConfig withDenseClutter(double perKm2) {
        return new TrackerConfig(gateProbability, confirmHits, confirmScans, initialVelocitySigmaMps, accelerationPsd,
                maxMissedScans, maxCoast, maxPositionSigmaM, reorderWindow, overlapM, walkerMaxMps, vehicleMaxMps,
                associator, motionModel, quietAccelerationPsd, manoeuvreAccelerationPsd, modeSojournS, twoPointDensityPerKm2,
                minCoast, singlePlotMisses, perKm2, denseConfirmScore);
    }

    public TrackerConfig withAssociator(String name) {
        return new TrackerConfig(gateProbability, confirmHits, confirmScans, initialVelocitySigmaMps, accelerationPsd,
                maxMissedScans, maxCoast, maxPositionSigmaM, reorderWindow, overlapM, walkerMaxMps, vehicleMaxMps, name,
                motionModel, quietAccelerationPsd, manoeuvreAccelerationPsd, modeSojournS, twoPointDensityPerKm2, minCoast,
                singlePlotMisses, denseClutterPerKm2, denseConfirmScore);
    }
}
