package kz.shekara.server.store;

import java.util.List;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.CommandOutcome;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Release;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Task;
import kz.shekara.rules.PostureChange;
import kz.shekara.model.Detection;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitClaim;
import kz.shekara.model.UnitPosition;
import kz.shekara.track.TrackHandover;

/**
 * Every domain event type the log stores, one line each. A new event type (alert, incident, task,
 * posture change, operator action) is added here with a new tag; tags are part of the stored data
 * and must never change.
 */
public final class EventTypes {
    /** The registered types, in no particular order. */
    public static final List<EventType<?>> ALL = List.of(
            EventType.of("detection", Detection.class, Detection::sensor),
            EventType.of("unit-position", UnitPosition.class, UnitPosition::unit),
            EventType.of("chat-message", ChatMessage.class, ChatMessage::id),
            EventType.of("track-update", TrackUpdate.class, TrackUpdate::track),
            EventType.of("alert", Alert.class, Alert::id),
            EventType.of("alert-change", AlertChange.class, AlertChange::alert),
            EventType.of("incident-event", IncidentEvent.class, IncidentEvent::incident),
            EventType.of("sensor-heartbeat", SensorHeartbeat.class, SensorHeartbeat::sensor),
            EventType.of("posture-change", PostureChange.class, PostureChange::sector),
            EventType.of("task", Task.class, Task::id),
            EventType.of("control-change", ControlChange.class, ControlChange::unit),
            EventType.of("crisis-event", CrisisEvent.class, CrisisEvent::crisis),
            EventType.of("release", Release.class, Release::object),
            EventType.of("operator-command", OperatorCommand.class, OperatorCommand::target),
            EventType.of("command-outcome", CommandOutcome.class, CommandOutcome::command),
            EventType.of("track-handover", TrackHandover.class, TrackHandover::toSector),
            EventType.of("unit-claim", UnitClaim.class, UnitClaim::unit));

    private EventTypes() {
    }
}
