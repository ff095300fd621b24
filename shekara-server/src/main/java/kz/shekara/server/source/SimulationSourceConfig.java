package kz.shekara.server.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kz.shekara.sim.ScenarioConfig;
import kz.shekara.sim.SensorFailure;

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
 * @param failures sensors that fall silent during the scenario
 */
public record SimulationSourceConfig(long seed, Instant start, double speed, Duration duration,
                                     ScenarioConfig scenario, List<SensorFailure> failures) {
    public SimulationSourceConfig {
        Objects.requireNonNull(scenario, "scenario");
        failures = List.copyOf(failures);
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
    }

    /** A scenario in which every sensor keeps working. */
    public SimulationSourceConfig(long seed, Instant start, double speed, Duration duration, ScenarioConfig scenario) {
        this(seed, start, speed, duration, scenario, List.of());
    }

    /** The built-in demo scenario at real time from the clock's now, running until closed; no sensor fails. */
    public static SimulationSourceConfig demo(long seed, double speed) {
        return new SimulationSourceConfig(seed, null, speed, null, ScenarioConfig.DEFAULT);
    }

    /** The same run with these sensor failures. */
    public SimulationSourceConfig withFailures(List<SensorFailure> failures) {
        return new SimulationSourceConfig(seed, start, speed, duration, scenario, failures);
    }
}
