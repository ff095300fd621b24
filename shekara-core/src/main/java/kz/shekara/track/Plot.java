package kz.shekara.track;

import java.time.Instant;
import java.util.Objects;
import kz.shekara.model.Detection;

/**
 * A detection placed in a sector's local east-north frame (metres) with its 1-sigma position error;
 * the measurement the filters work on. {@code source} is the detection it came from (sensor, kind,
 * marking). Immutable.
 */
public record Plot(Instant time, double east, double north, double sigmaM, Detection source) {
    public Plot {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
    }
}
