package kz.shekara.server.review;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.view.TrackView;

/**
 * The operational picture as it stood at one event time, folded from the event log: live tracks
 * with their trails, every unit's last reported position, the alerts with their lifecycle state and
 * the incidents, each as of {@code at}. Lists are sorted by id (alerts and incidents newest first),
 * so the same log gives the same picture. Immutable.
 *
 * @param from the start of the stretch of log folded (events before it are not in the picture)
 */
public record Picture(Instant at, Instant from, List<TrackView> tracks, List<UnitPosition> units,
                      List<AlertBook.Entry> alerts, List<Incident> incidents) {
    public Picture {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        tracks = List.copyOf(tracks);
        units = List.copyOf(units);
        alerts = List.copyOf(alerts);
        incidents = List.copyOf(incidents);
    }
}
