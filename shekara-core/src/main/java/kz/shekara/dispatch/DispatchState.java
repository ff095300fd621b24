package kz.shekara.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Alert;
import kz.shekara.model.ControlChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.PostureChange;

/**
 * What a {@link DispatchDesk} takes back after a restart, as rebuilt from the log: sector postures,
 * operational control changes, unit positions, tracks, alerts with a track and the open incidents'
 * events, each oldest first; the latest step of every active task, where each acknowledged task's
 * unit stood when its crew acknowledged, the sector each active task was logged under (by task id: its
 * incident's, kept by its later steps also once the incident has left the log's open ones), and the
 * latest event time seen. Immutable.
 */
public record DispatchState(Instant now, List<PostureChange> postures, List<ControlChange> controls,
                            List<UnitPosition> positions, List<TrackUpdate> tracks, List<Alert> alerts,
                            List<IncidentEvent> incidents, List<Task> tasks, List<AckPoint> acks,
                            Map<String, String> sectors) {

    /** Where a tasked unit stood (WGS-84 degrees) when its crew acknowledged task {@code task}. */
    public record AckPoint(String task, double lat, double lon) {
    }

    public DispatchState {
        postures = List.copyOf(postures);
        controls = List.copyOf(controls);
        positions = List.copyOf(positions);
        tracks = List.copyOf(tracks);
        alerts = List.copyOf(alerts);
        incidents = List.copyOf(incidents);
        tasks = List.copyOf(tasks);
        acks = List.copyOf(acks);
        sectors = Map.copyOf(sectors);
    }
}
