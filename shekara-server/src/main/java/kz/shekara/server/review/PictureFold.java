package kz.shekara.server.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.view.TrackView;

/**
 * Folds logged events, in log order, into the {@link Picture} at a time: the logged outputs as they
 * were (track updates, unit positions, alerts and their changes, incident events), never re-running
 * the tracker or the rules. Events after the picture's time are ignored, a track is shown only
 * while its last update is no older than {@code trackTimeout} and is not its end (the live
 * tracker's {@link TrackStatus#DELETED} update), and a trail keeps the last
 * {@code trailPoints} positions. Not thread-safe; one fold per request.
 */
public final class PictureFold {
    private final Instant at;
    private final Instant from;
    private final Duration trackTimeout;
    private final int trailPoints;
    private final Map<String, ArrayDeque<TrackUpdate>> tracks = new TreeMap<>();
    private final Map<String, UnitPosition> units = new TreeMap<>();
    private final AlertBook alerts = new AlertBook();
    private final IncidentBook incidents = new IncidentBook(IncidentConfig.defaults());

    public PictureFold(Instant from, Instant at, Duration trackTimeout, int trailPoints) {
        if (at.isBefore(from) || trailPoints < 1 || trackTimeout.isNegative()) {
            throw new IllegalArgumentException("need from <= at, trailPoints >= 1 and a trackTimeout >= 0");
        }
        this.at = at;
        this.from = from;
        this.trackTimeout = trackTimeout;
        this.trailPoints = trailPoints;
    }

    /** Applies one logged event; events of other types, or later than the picture's time, are ignored. */
    public void apply(DomainEvent event) {
        if (event.time().isAfter(at)) {
            return;
        }
        switch (event) {
            case TrackUpdate t -> addTrack(t);
            case UnitPosition p -> units.merge(p.unit(), p, (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
            case Alert a -> alerts.apply(a);
            case AlertChange c -> alerts.apply(c);
            case IncidentEvent e -> incidents.apply(e);
            default -> {
            }
        }
    }

    private void addTrack(TrackUpdate t) {
        ArrayDeque<TrackUpdate> trail = tracks.computeIfAbsent(t.track(), k -> new ArrayDeque<>());
        if (!trail.isEmpty() && t.time().isBefore(trail.peekLast().time())) {
            return;
        }
        trail.addLast(t);
        while (trail.size() > trailPoints) {
            trail.removeFirst();
        }
    }

    /** The picture of everything applied so far. */
    public Picture picture() {
        Instant cut = at.minus(trackTimeout);
        List<TrackView> live = new ArrayList<>();
        tracks.forEach((id, trail) -> {
            TrackUpdate last = trail.peekLast();
            if (!last.time().isBefore(cut) && last.status() != TrackStatus.DELETED) {
                live.add(new TrackView(last, trail.stream().map(u -> new TrackView.TrailPoint(u.lat(), u.lon())).toList()));
            }
        });
        return new Picture(at, from, live, List.copyOf(units.values()), alerts.list(), incidents.list());
    }
}
