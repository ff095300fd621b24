package kz.shekara.rules;

import java.time.Instant;
import kz.shekara.model.Detection;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;

/**
 * One rule: it sees the events it cares for, in event-time order, and reports findings through the
 * {@link RuleContext}. A rule may keep state (per track, sensor, unit); it is driven by one thread
 * at a time and must give the same findings for the same events. {@link #onTime} is called when
 * event time (the watermark) advances, before the event that advanced it.
 */
public interface Rule {
    RuleKind kind();

    default void onTrack(TrackUpdate update, RuleContext ctx) {
    }

    /**
     * A detection. Unless {@link #needsRepeat} says otherwise for it, a detection no later than one
     * already fed from the same sensor must change nothing here (the live service skips those).
     */
    default void onDetection(Detection detection, RuleContext ctx) {
    }

    /**
     * Whether this rule must see the detection even when the engine has already been fed one from the
     * same sensor at the same or a later time (an alarm, for the sensor-alarm rule). False for a rule
     * that uses only a detection's time and sensor, or none; must not read mutable state, since it is
     * asked without the caller's lock.
     */
    default boolean needsRepeat(Detection detection) {
        return false;
    }

    default void onHeartbeat(SensorHeartbeat heartbeat, RuleContext ctx) {
    }

    default void onUnit(UnitPosition position, RuleContext ctx) {
    }

    default void onTime(Instant now, RuleContext ctx) {
    }

    /** The track has ended (no update for the track timeout): drop its state; the engine re-arms its keys. */
    default void forgetTrack(String track, RuleContext ctx) {
    }
}
