package kz.shekara.server.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import kz.shekara.sim.Simulator;

/**
 * What the {@link JsonlReplaySource} replays and how fast. Immutable.
 *
 * @param detections a detections JSONL file (docs/formats.md)
 * @param units an optional unit positions JSONL file, merged with the detections by time; null for none
 * @param epoch the instant that numeric times (seconds since the scenario start) count from
 * @param speed event seconds per wall second; {@code Double.POSITIVE_INFINITY} replays as fast as the bus takes it
 * @param exercise mark everything replayed as exercise data (a recording re-fed is not live data)
 */
public record ReplayConfig(Path detections, Path units, Instant epoch, double speed, boolean exercise) {
    public ReplayConfig {
        Objects.requireNonNull(detections, "detections");
        Objects.requireNonNull(epoch, "epoch");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0 (Infinity: as fast as possible), got " + speed);
        }
    }

    /** A detections file replayed as fast as possible, numeric times from the simulator's default start, as exercise. */
    public static ReplayConfig of(Path detections) {
        return new ReplayConfig(detections, null, Simulator.DEFAULT_START, Double.POSITIVE_INFINITY, true);
    }

    public ReplayConfig withUnits(Path unitsFile) {
        return new ReplayConfig(detections, unitsFile, epoch, speed, exercise);
    }

    public ReplayConfig withSpeed(double eventSecondsPerWallSecond) {
        return new ReplayConfig(detections, units, epoch, eventSecondsPerWallSecond, exercise);
    }

    public ReplayConfig withEpoch(Instant start) {
        return new ReplayConfig(detections, units, start, speed, exercise);
    }
}
