package kz.shekara.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a simulated or surveyed object really was at a time: the ground truth that tracker output
 * is scored against. Degrees; velocity north/east in m/s. Not a bus event.
 */
public record TruthState(Instant time, String target, double lat, double lon, double vnMps, double veMps) {
    public TruthState {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(target, "target");
        Coordinates.check(lat, lon);
    }
}
