package kz.shekara.server.bus;

import java.util.Objects;
import java.util.function.Function;
import kz.shekara.model.OperatorCommand;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.CommandOutcome;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Release;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Task;
import kz.shekara.model.Detection;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitClaim;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.PostureChange;
import kz.shekara.track.TrackHandover;

/**
 * A named stream of one type of domain event. Events are ordered per partition key (the border
 * sector). When {@code supersedeKey} is non-null, a queued event may be replaced by a newer one with
 * the same supersede key (a unit's newer position replaces its older queued one); events of topics
 * without it are never dropped.
 */
public record Topic<E extends DomainEvent>(String name, Class<E> type, Function<E, String> supersedeKey) {
    /** Detections; an alarm detection (fence, ground sensor, radiation portal) is {@linkplain #urgent urgent}. */
    public static final Topic<Detection> OBSERVATIONS = new Topic<>("observations", Detection.class, null);
    /** A newer position of a unit replaces its queued older one; a TAK emergency (b-a-o-*) is never replaced. */
    public static final Topic<UnitPosition> UNIT_POSITIONS =
            new Topic<>("unit-positions", UnitPosition.class, p -> p.cotType().startsWith("b-a-o-") ? null : p.unit());
    public static final Topic<ChatMessage> MESSAGES = new Topic<>("messages", ChatMessage.class, null);
    public static final Topic<TrackUpdate> TRACKS = new Topic<>("tracks", TrackUpdate.class, null);
    /** Fixed sensors' signs of life without a detection (for the sensor-silent rule). */
    public static final Topic<SensorHeartbeat> HEARTBEATS = new Topic<>("sensor-heartbeats", SensorHeartbeat.class, null);
    /** Raised alerts; never dropped. */
    public static final Topic<Alert> ALERTS = new Topic<>("alerts", Alert.class, null);
    /** Alert acknowledgements and closures (with who, when and the disposition). */
    public static final Topic<AlertChange> ALERT_CHANGES = new Topic<>("alert-changes", AlertChange.class, null);
    /** Incident timeline events: opened, alert added, status changed. */
    public static final Topic<IncidentEvent> INCIDENTS = new Topic<>("incidents", IncidentEvent.class, null);
    /** Sector posture changes set by a commander. */
    public static final Topic<PostureChange> POSTURE = new Topic<>("posture", PostureChange.class, null);
    /** Units' tasks: dispatch, acknowledgement, en route, on scene, moved intercept point, end; never dropped. */
    public static final Topic<Task> TASKS = new Topic<>("tasks", Task.class, null);
    /**
     * Response workers' claims on units for tasks and their releases, keyed by unit (so that one partition orders
     * every claim of a unit: the first claim of a free unit wins it); never dropped. Used on a cluster only.
     */
    public static final Topic<UnitClaim> UNIT_CLAIMS = new Topic<>("unit-claims", UnitClaim.class, null);
    /** Changes of which command holds operational control of a unit. */
    public static final Topic<ControlChange> UNIT_CONTROL = new Topic<>("unit-control", ControlChange.class, null);
    /** Crises declared and ended (each followed by the control changes it makes on {@link #UNIT_CONTROL}). */
    public static final Topic<CrisisEvent> CRISES = new Topic<>("crises", CrisisEvent.class, null);

    /**
     * Tracks handed over between tracker workers of a cluster, keyed by the sector they move into, and
     * the workers' progress marks; never dropped.
     */
    public static final Topic<TrackHandover> HANDOVERS = new Topic<>("track-handovers", TrackHandover.class, null);

    /** Incidents, alerts and tracks released to a partner agency (who, when, why); never dropped. */
    public static final Topic<Release> RELEASES = new Topic<>("releases", Release.class, null);

    /**
     * Operators' commands sent to the desk that owns their sector (from a Kafka {@code api} node), keyed by
     * sector; never dropped.
     */
    public static final Topic<OperatorCommand> COMMANDS = new Topic<>("commands", OperatorCommand.class, null);

    /** What the owning desks made of those commands (applied or refused), keyed by sector; never dropped. */
    public static final Topic<CommandOutcome> COMMAND_OUTCOMES =
            new Topic<>("command-outcomes", CommandOutcome.class, null);

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Whether an event must not wait behind others: an alarm detection on {@link #OBSERVATIONS}. A bus
     * never makes the publisher of an urgent event wait for queue room, and delivers it ahead of the
     * ordinary events queued before it except to subscribers that asked for key order.
     */
    public boolean urgent(E event) {
        return event instanceof Detection d && d.kind().isAlarm() && name.equals(OBSERVATIONS.name);
    }

    public boolean supersedable() {
        return supersedeKey != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topic<?> t && t.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
