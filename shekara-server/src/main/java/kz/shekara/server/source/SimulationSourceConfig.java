package kz.shekara.server.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import kz.shekara.sim.ScenarioConfig;

/**
 * How the {@link SimulationSource} runs the exercise scenario. Immutable.
 *
 * @param seed the scenario's random seed: the same seed gives the same scenario
 * @param start event time of the scenario start; null takes the clock's instant at {@code start()},
 *              truncated to the second (for a live demo)
 * @param speed event seconds per wall second (1 = real time); {@code Double.POSITIVE_INFINITY} runs as
 *              fast as the bus takes it
 * @param duration how long the scenario runs in event time; null runs until closed
 * @param scenario what the scenario contains
 */
public record SimulationSourceConfig(long seed, Instant start, double speed, Duration duration,
                                     ScenarioConfig scenario) {
    public SimulationSourceConfig {
        Objects.requireNonNull(scenario, "scenario");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
    }

    /** The built-in demo scenario at real time from the clock's now, running until closed. */
    public static SimulationSourceConfig demo(long seed, double speed) {
        return new SimulationSourceConfig(seed, null, speed, null, ScenarioConfig.DEFAULT);
    }
}
