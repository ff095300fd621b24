package kz.shekara.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.Area;
import kz.shekara.planning.TargetMotion;

/**
 * The open incidents and what each is about: its position, sector and status from its incident
 * events, and its target — the latest update of the track of its most recent alert that has one
 * (alerts and incident events may arrive in either order), predicted to the time asked, or the
 * incident's own position, standing still, when no track is known. A track the tracker ended
 * ({@link TrackStatus#DELETED}) is a target standing still at its last known point, never predicted
 * on. Tracks not updated for {@code trackMemory} of event time are forgotten, except an ended track
 * an open incident still follows. Not thread-safe: the desk's caller holds one lock.
 */
final class IncidentWatch {
    /** An open incident as the planner follows it. */
    record Watched(String id, IncidentStatus status, String sector, double lat, double lon, String unit,
                   Marking marking, List<String> alerts) {
    }

    /**
     * Where to send a unit: the target's motion from now, the track it follows (null for none) and
     * the event time that track ended (null while it is live).
     */
    record Target(TargetMotion motion, String track, Instant trackEnded) {
    }

    private final Map<String, Watched> open = new LinkedHashMap<>();
    private final Map<String, String> alertTrack = new HashMap<>();
    private final Map<String, TrackUpdate> tracks = new HashMap<>();
    private final Duration trackMemory;
    private Instant lastPrune = Instant.MIN;

    IncidentWatch(Duration trackMemory) {
        this.trackMemory = trackMemory;
    }

    /** Records the alert's track; returns the open incidents it is in already (their target may change). */
    List<String> onAlert(Alert a) {
        if (a.track() == null) {
            return List.of();
        }
        alertTrack.put(a.id(), a.track());
        List<String> out = new ArrayList<>(1);
        for (Watched w : open.values()) {
            if (w.alerts().contains(a.id())) {
                out.add(w.id());
            }
        }
        return out;
    }

    /** Folds the event in; returns the incident's id while it stays open, else empty (and it is dropped). */
    Optional<Watched> onIncident(IncidentEvent e) {
        Watched w = open.get(e.incident());
        if (e.status().terminal()) {
            open.remove(e.incident());
            if (w != null) {
                w.alerts().forEach(alertTrack::remove);
            }
            return Optional.empty();
        }
        List<String> alerts = new ArrayList<>(w == null ? List.of() : w.alerts());
        if (e.alert() != null && !alerts.contains(e.alert())) {
            alerts.add(e.alert());
        }
        Watched next = new Watched(e.incident(), e.status(), e.sector(), e.lat(), e.lon(),
                e.unit() != null ? e.unit() : w == null ? null : w.unit(), e.marking(), List.copyOf(alerts));
        open.put(e.incident(), next);
        return Optional.of(next);
    }

    /** Records the track; returns the open incidents that follow it. */
    List<String> onTrack(TrackUpdate t) {
        TrackUpdate known = tracks.get(t.track());
        if (known != null && t.time().isBefore(known.time())) {
            return List.of(); // late: what is known of the track (perhaps its end) is newer
        }
        tracks.put(t.track(), t);
        prune(t.time());
        List<String> out = new ArrayList<>(1);
        for (Watched w : open.values()) {
            if (t.track().equals(trackOf(w))) {
                out.add(w.id());
            }
        }
        return out;
    }

    /** Drops the open incidents of the sectors {@code gone} accepts, with the tracks last seen there; returns their ids. */
    List<String> forget(java.util.function.Predicate<String> gone) {
        List<String> ids = new ArrayList<>();
        for (Iterator<Watched> it = open.values().iterator(); it.hasNext(); ) {
            Watched w = it.next();
            if (gone.test(w.sector())) {
                w.alerts().forEach(alertTrack::remove);
                ids.add(w.id());
                it.remove();
            }
        }
        tracks.values().removeIf(t -> gone.test(t.sector()));
        return ids;
    }

    Optional<Watched> get(String id) {
        return Optional.ofNullable(open.get(id));
    }

    Set<String> openIds() {
        return open.keySet();
    }

    /** The incident's target as of {@code now} (event time), within {@code horizonS}, counted in {@code area}. */
    Target target(Watched w, Instant now, double velocitySigmaMps, double horizonS, Area area) {
        String trackId = trackOf(w);
        TrackUpdate t = trackId == null ? null : tracks.get(trackId);
        if (t == null) {
            return new Target(TargetMotion.of(w.lat(), w.lon(), 0, 0, 0, 0, horizonS, area), null, null);
        }
        if (t.status() == TrackStatus.DELETED) {
            return new Target(TargetMotion.of(t.lat(), t.lon(), 0, 0, t.sigmaM(), 0, horizonS, area), t.track(),
                    t.time());
        }
        double ageS = Math.max(0, Duration.between(t.time(), now).toMillis() / 1000.0);
        TargetMotion then = TargetMotion.of(t, velocitySigmaMps, horizonS, null);
        double[] p = then.at(ageS);
        return new Target(TargetMotion.of(p[0], p[1], t.vnMps(), t.veMps(), then.sigmaAt(ageS), velocitySigmaMps,
                horizonS, area), t.track(), null);
    }

    private String trackOf(Watched w) {
        for (int i = w.alerts().size() - 1; i >= 0; i--) {
            String track = alertTrack.get(w.alerts().get(i));
            if (track != null) {
                return track;
            }
        }
        return null;
    }

    private void prune(Instant now) {
        if (Duration.between(lastPrune, now).compareTo(trackMemory) < 0) {
            return;
        }
        lastPrune = now;
        Instant cut = now.minus(trackMemory);
        Set<String> followed = new java.util.HashSet<>();
        open.values().forEach(w -> followed.add(trackOf(w)));
        for (Iterator<TrackUpdate> it = tracks.values().iterator(); it.hasNext(); ) {
            TrackUpdate t = it.next();
            if (t.time().isBefore(cut) && !(t.status() == TrackStatus.DELETED && followed.contains(t.track()))) {
                it.remove();
            }
        }
    }
}
