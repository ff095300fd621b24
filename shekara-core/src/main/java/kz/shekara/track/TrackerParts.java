package kz.shekara.track;

import java.util.ArrayList;
import java.util.List;

/**
 * The components of one tracker, assembled in one place from a {@link TrackerConfig}: Kalman (or
 * interacting multiple model) predictor and updater, Mahalanobis gater, associator, M-of-N initiator, deleters, classifier.
 * All immutable, so one set serves every sector. Thread-safe.
 */
public record TrackerParts(Predictor predictor, Updater updater, Gater gater, DataAssociator associator,
                           Initiator initiator, Deleter deleter, SpeedClassifier classifier) {
    /** The detection probability joint association assumes: the theatre's radars' typical one (see docs/tracker.md). */
    static final double JPDA_DETECTION_PROBABILITY = 0.9;
    /** A tentative track in dense clutter is abandoned after this many times N scans without confirmation. */
    static final int DENSE_MAX_SCANS_PER_N = 4;

    public static TrackerParts from(TrackerConfig c) {
        boolean imm = c.motionModel().equals("imm");
        Updater updater = imm ? new ImmUpdater() : new KalmanUpdater();
        Predictor predictor = imm ? new ImmPredictor(new double[] {c.quietAccelerationPsd(), c.manoeuvreAccelerationPsd()},
                new double[] {0.5, 0.5}, c.modeSojournS()) : new CvKalmanPredictor(c.accelerationPsd());
        Gater gater = MahalanobisGater.ofProbability(updater, c.gateProbability());
        DataAssociator associator = switch (c.associator()) {
            case "all-pairs" -> new AllPairsGnnAssociator(gater);
            case "jpda" -> new JpdaAssociator(gater, JPDA_DETECTION_PROBABILITY, c.gateProbability());
            default -> new GnnAssociator(gater);
        };
        List<Deleter> deleters = new ArrayList<>(List.of(new MissedScanDeleter(c.maxMissedScans(), c.minCoast(), c.maxCoast()),
                new CovarianceDeleter(c.maxPositionSigmaM())));
        if (c.twoPointDensityPerKm2() > 0) {
            // A track confirmed on two plots ends after two misses before its third plot (see ProvisionalTrackDeleter).
            deleters.add(new ProvisionalTrackDeleter(3, 2));
        }
        Deleter deleter = new AnyDeleter(deleters);
        Initiator initiator = c.twoPointDensityPerKm2() > 0
                ? new TwoPointInitiator(c.twoPointDensityPerKm2(), c.confirmHits(), c.confirmScans(), c.initialVelocitySigmaMps(),
                        c.singlePlotMisses())
                : new MOfNInitiator(c.confirmHits(), c.confirmScans(), c.initialVelocitySigmaMps(), c.singlePlotMisses());
        if (c.denseClutterPerKm2() > 0) {
            initiator = new ClutterScoredInitiator(initiator, c.denseClutterPerKm2(), c.denseConfirmScore(),
                    DENSE_MAX_SCANS_PER_N * c.confirmScans());
        }
        return new TrackerParts(predictor, updater, gater, associator,
                initiator, deleter,
                new SpeedClassifier(c.walkerMaxMps(), c.vehicleMaxMps()));
    }
}
