package kz.shekara.sim;

import java.time.Instant;
import java.util.Objects;
import kz.shekara.model.Detection;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.TruthState;
import kz.shekara.model.UnitPosition;

/**
 * One output of the {@link Simulator} at an event time: a sensor detection, a sensor's heartbeat,
 * a friendly unit's position report, or the ground truth of a simulated mover. Immutable.
 */
public sealed interface SimEvent {
    Instant time();

    /** A detection by a theatre sensor: a real mover seen with noise, or clutter. */
    record Observation(Detection detection) implements SimEvent {
        public Observation {
            Objects.requireNonNull(detection, "detection");
        }

        @Override
        public Instant time() {
            return detection.time();
        }
    }

    /** A friendly unit's position report. */
    record UnitReport(UnitPosition position) implements SimEvent {
        public UnitReport {
            Objects.requireNonNull(position, "position");
        }

        @Override
        public Instant time() {
            return position.time();
        }
    }

    /** A sensor's sign of life: its scan had nothing to report, but it is up and watching. */
    record Heartbeat(SensorHeartbeat heartbeat) implements SimEvent {
        public Heartbeat {
            Objects.requireNonNull(heartbeat, "heartbeat");
        }

        @Override
        public Instant time() {
            return heartbeat.time();
        }
    }

    /** Where a simulated mover really is. */
    record Truth(TruthState state) implements SimEvent {
        public Truth {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public Instant time() {
            return state.time();
        }
    }
}
