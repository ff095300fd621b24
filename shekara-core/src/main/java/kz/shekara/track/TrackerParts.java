package kz.shekara.track;

import java.util.List;

/**
 * The components of one tracker, assembled in one place from a {@link TrackerConfig}: Kalman
 * predictor and updater, Mahalanobis gater, associator, M-of-N initiator, deleters, classifier.
 * All immutable, so one set serves every sector. Thread-safe.
 */
public record TrackerParts(Predictor predictor, Updater updater, Gater gater, DataAssociator associator,
                           Initiator initiator, Deleter deleter, SpeedClassifier classifier) {

    public static TrackerParts from(TrackerConfig c) {
        Updater updater = new KalmanUpdater();
        Gater gater = MahalanobisGater.ofProbability(updater, c.gateProbability());
        DataAssociator associator = c.associator().equals("all-pairs") ? new AllPairsGnnAssociator(gater)
                : new GnnAssociator(gater);
        Deleter deleter = new AnyDeleter(List.of(new MissedScanDeleter(c.maxMissedScans(), c.maxCoast()),
                new CovarianceDeleter(c.maxPositionSigmaM())));
        return new TrackerParts(new CvKalmanPredictor(c.accelerationPsd()), updater, gater, associator,
                new MOfNInitiator(c.confirmHits(), c.confirmScans(), c.initialVelocitySigmaMps()), deleter,
                new SpeedClassifier(c.walkerMaxMps(), c.vehicleMaxMps()));
    }
}
