package kz.shekara.server.view;

import java.util.List;
import java.util.Objects;
import kz.shekara.model.TrackUpdate;

/**
 * A live track: its latest update and its short trail (older positions, oldest first, each
 * {@code [lat, lon]} in degrees, ending with the latest). Immutable.
 */
public record TrackView(TrackUpdate latest, List<TrailPoint> trail) {
    public TrackView {
        Objects.requireNonNull(latest, "latest");
        trail = List.copyOf(trail);
    }

    /** One past position of a track, degrees. */
    public record TrailPoint(double lat, double lon) {
    }
}
