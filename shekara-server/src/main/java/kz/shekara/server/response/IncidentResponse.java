package kz.shekara.server.response;

import java.time.Instant;
import kz.shekara.model.Task;
import kz.shekara.response.Recommendations;

/**
 * The response to one open incident as of an event time: the target the units are ranked against
 * (its track, or null for a fixed place, and its position in degrees), the ranking, and the
 * incident's active task (null when none). Immutable.
 */
public record IncidentResponse(String incident, Instant time, String track, double targetLat, double targetLon,
                               Recommendations recommendations, Task task) {
}
