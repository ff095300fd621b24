package kz.shekara.track;

import kz.shekara.model.TargetClass;

/**
 * A coarse class of a track by its speed (m/s): walker up to {@code walkerMaxMps}, vehicle up to
 * {@code vehicleMaxMps}, fast mover above; vessel when a maritime sensor (AIS) has seen it and it is
 * not a fast mover; unknown while the speed is not known to better than half its value. Not an
 * identification. Immutable.
 */
public record SpeedClassifier(double walkerMaxMps, double vehicleMaxMps) {
    public SpeedClassifier {
        if (!(walkerMaxMps > 0 && vehicleMaxMps > walkerMaxMps)) {
            throw new IllegalArgumentException("need 0 < walkerMax < vehicleMax, got " + walkerMaxMps + ", " + vehicleMaxMps);
        }
    }

    public TargetClass classify(GaussianState s, boolean maritime) {
        double speed = Math.hypot(s.vEast(), s.vNorth());
        double speedSigma = Math.sqrt((s.cov(2, 2) + s.cov(3, 3)) / 2);
        if (speed > vehicleMaxMps && speedSigma < speed / 2) {
            return TargetClass.FAST_MOVER;
        }
        if (maritime) {
            return TargetClass.VESSEL;
        }
        if (speedSigma > Math.max(speed / 2, 1.0)) {
            return TargetClass.UNKNOWN;
        }
        return speed <= walkerMaxMps ? TargetClass.WALKER : TargetClass.VEHICLE;
    }
}
