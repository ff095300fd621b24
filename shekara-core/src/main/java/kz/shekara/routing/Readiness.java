package kz.shekara.routing;

import java.time.Duration;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Posture;

/**
 * How long a unit takes from tasking to moving, by the alert posture of its sector: its normal
 * readiness times a factor per posture (crews on standby launch faster). A unit already moving
 * (en route or returning) is retasked without a launch delay. Immutable.
 */
public record Readiness(double normalFactor, double elevatedFactor, double highFactor) {
    /** Normal readiness at normal posture, half at elevated, a quarter at high. */
    public static final Readiness DEFAULT = new Readiness(1.0, 0.5, 0.25);

    public Readiness {
        for (double f : new double[] {normalFactor, elevatedFactor, highFactor}) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("readiness factor must be in [0, 1]: " + f);
            }
        }
    }

    /** Launch delay in seconds for a unit of the given readiness, status and sector posture. */
    public double launchS(Duration readiness, UnitStatus status, Posture posture) {
        if (status == UnitStatus.EN_ROUTE || status == UnitStatus.RETURNING) {
            return 0;
        }
        double factor = switch (posture) {
            case NORMAL -> normalFactor;
            case ELEVATED -> elevatedFactor;
            case HIGH -> highFactor;
        };
        return readiness.toMillis() / 1000.0 * factor;
    }
}
