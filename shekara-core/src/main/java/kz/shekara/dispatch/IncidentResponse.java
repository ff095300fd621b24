package kz.shekara.dispatch;

import java.time.Instant;
import kz.shekara.model.Task;
import kz.shekara.planning.Recommendations;

/**
 * The response to one open incident as of an event time: the target the units are ranked against
 * (its track, or null for a fixed place, and its position in degrees), the ranking, the
 * incident's active task (null when none), and the event time the track ended (null while it is
 * live; an ended track's target is its last known point). Immutable.
 */
public record IncidentResponse(String incident, Instant time, String track, double targetLat, double targetLon,
                               Recommendations recommendations, Task task, Instant trackEnded) {
}
