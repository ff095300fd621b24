package kz.shekara.track;

import java.time.Instant;
import java.util.List;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;

/** Small builders shared by the tracker tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Marking MARKING = Marking.of(Classification.RESTRICTED, "border-guard", List.of("police"));

    private Fixtures() {
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }

    static Plot plot(double t, double east, double north, double sigma) {
        return plot(t, east, north, sigma, "radar-1");
    }

    static Plot plot(double t, double east, double north, double sigma, String sensor) {
        return new Plot(at(t), east, north, sigma, new Detection(at(t), sensor, SensorKind.RADAR, 43, 68, sigma, MARKING));
    }
}
