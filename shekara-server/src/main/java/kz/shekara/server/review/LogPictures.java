package kz.shekara.server.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import kz.shekara.incident.AlertBook;
import kz.shekara.incident.Incident;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.Marking;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.server.config.LiveStateConfig;

/**
 * Reads the after-action review's views from the event log, by time range and by entity, without
 * writing to it: the picture at a time (the logged events of a window before it, folded by
 * {@link PictureFold}) and one incident's file. Everything comes from the log, so a review shows what
 * operators saw at the time and the same log always gives the same answer. Thread-safe (each call
 * reads on its own connection).
 */
public final class LogPictures {
    /** How far back before the asked time the picture is folded from, by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** The longest window a caller may ask for. */
    public static final Duration MAX_WINDOW = Duration.ofDays(2);
    /** The topics a picture is folded from (the raw detections, the bulk of a log, are left unread). */
    static final java.util.Set<String> PICTURE_TOPICS = java.util.Set.of(Topic.TRACKS.name(), Topic.UNIT_POSITIONS.name(),
            Topic.ALERTS.name(), Topic.ALERT_CHANGES.name(), Topic.INCIDENTS.name());
    /** How long before an incident opened its units' positions are still part of its file. */
    static final Duration LEAD = Duration.ofMinutes(10);

    private final EventLog log;
    private final Duration trackTimeout;
    private final int trailPoints;

    public LogPictures(EventLog log) {
        this.log = Objects.requireNonNull(log, "log");
        LiveStateConfig live = LiveStateConfig.defaults();
        this.trackTimeout = live.trackTimeout();
        this.trailPoints = live.trailPoints();
    }

    /** The picture at {@code at} folded from the logged events in [at - window, at]. */
    public Picture at(Instant at, Duration window) {
        if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be from 0 to " + MAX_WINDOW + ", got " + window);
        }
        Instant from = at.minus(window);
        PictureFold fold = new PictureFold(from, at, trackTimeout, trailPoints);
        try (Stream<StoredEvent> events = log.readTimeRange(from, at.plusNanos(1), PICTURE_TOPICS)) {
            events.forEach(e -> fold.apply(e.event()));
        }
        return fold.picture();
    }

    /**
     * The picture at {@code at} for reviewing one incident: folded from an hour before the incident
     * opened (or before {@code at}, whichever is earlier), so its alerts are all in it. Empty for an
     * unknown incident.
     */
    public Optional<Picture> incidentPicture(String incident, Instant at) {
        return opened(incident).map(opened -> {
            Instant from = (opened.isBefore(at) ? opened : at).minus(DEFAULT_WINDOW);
            return at(at, Duration.between(from, at));
        });
    }

    private Optional<Instant> opened(String incident) {
        try (Stream<StoredEvent> events = log.readEntity(Topic.INCIDENTS.name(), incident)) {
            return events.map(StoredEvent::event).filter(e -> e instanceof IncidentEvent)
                    .map(e -> e.time()).findFirst();
        }
    }

    /** One incident's file, or empty when the log holds no such incident. */
    public Optional<IncidentFile> incident(String id) {
        IncidentBook book = new IncidentBook(IncidentConfig.defaults());
        read(Topic.INCIDENTS, id, IncidentEvent.class).forEach(book::apply);
        Optional<Incident> found = book.get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Incident i = found.get();
        Marking marking = i.marking();
        Instant to = i.updated();
        List<IncidentFile.AlertHistory> alerts = new ArrayList<>();
        TreeSet<String> trackIds = new TreeSet<>(i.tracks());
        for (String alertId : i.alerts()) {
            AlertBook one = new AlertBook();
            read(Topic.ALERTS, alertId, Alert.class).forEach(one::apply);
            List<AlertChange> changes = read(Topic.ALERT_CHANGES, alertId, AlertChange.class);
            changes.forEach(one::apply);
            Optional<AlertBook.Entry> entry = one.get(alertId);
            if (entry.isEmpty()) {
                continue; // the alert fell out of the log (retention): the timeline still names it
            }
            alerts.add(new IncidentFile.AlertHistory(entry.get(), changes));
            marking = marking.mostRestrictive(entry.get().alert().marking());
            if (entry.get().alert().track() != null) {
                trackIds.add(entry.get().alert().track());
            }
            for (AlertChange c : changes) {
                to = c.time().isAfter(to) ? c.time() : to;
            }
        }
        TreeMap<String, List<TrackUpdate>> tracks = new TreeMap<>();
        for (String t : trackIds) {
            List<TrackUpdate> path = read(Topic.TRACKS, t, TrackUpdate.class);
            tracks.put(t, path);
            for (TrackUpdate u : path) {
                marking = marking.mostRestrictive(u.marking());
            }
        }
        TreeMap<String, List<UnitPosition>> units = new TreeMap<>();
        Instant unitsFrom = i.opened().minus(LEAD);
        for (IncidentEvent e : i.timeline()) {
            if (e.unit() != null && !units.containsKey(e.unit())) {
                Instant end = to;
                List<UnitPosition> ps = read(Topic.UNIT_POSITIONS, e.unit(), UnitPosition.class).stream()
                        .filter(p -> !p.time().isBefore(unitsFrom) && !p.time().isAfter(end)).toList();
                units.put(e.unit(), ps);
                for (UnitPosition p : ps) {
                    marking = marking.mostRestrictive(p.marking());
                }
            }
        }
        Incident withTracks = new Incident(i.id(), i.status(), i.severity(), i.sector(), i.lat(), i.lon(), i.opened(),
                i.updated(), i.alerts(), trackIds, i.unit(), i.disposition(), i.timeline(), i.marking());
        return Optional.of(new IncidentFile(withTracks, i.opened(), to, alerts, tracks, units, marking));
    }

    private <T> List<T> read(Topic<?> topic, String entity, Class<T> type) {
        try (Stream<StoredEvent> events = log.readEntity(topic.name(), entity)) {
            return events.map(StoredEvent::event).filter(type::isInstance).map(type::cast).toList();
        }
    }
}
