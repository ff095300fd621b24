package kz.shekara.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertChange;
import kz.shekara.model.ControlChange;
import kz.shekara.model.Detection;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.SensorHeartbeat;
import kz.shekara.model.Task;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.rules.PostureChange;
import kz.shekara.rules.RuleEngine;
import kz.shekara.rules.RulesConfig;
import kz.shekara.theatre.Posture;
import kz.shekara.theatre.Theatre;

/**
 * The operations centre's alert desk: the rule engine, the alert lifecycle, incident grouping and
 * the effectiveness statistics, fed the same way live and in batch. Each input returns the events
 * it produced (alerts, alert changes, incident events), in order, already applied to the views;
 * the caller publishes or writes them. Sensor-health alerts (a sensor silent, then back) stay on
 * their own board: they open no incident. Unit positions reach the rules with the status the unit's
 * task and operational control give it ({@link UnitCoverage}), so a sector left without an
 * available unit is seen when its last one is tasked or transferred. Operator commands return the
 * one event they produced.
 * Rebuilding from a log: feed the inputs again and {@link #apply} the operator events in time order.
 * Not thread-safe: one thread at a time (the live service holds a lock).
 */
public final class AlertDesk {
    private final Theatre theatre;
    private final RuleEngine engine;
    private final AlertBook alerts = new AlertBook();
    private final IncidentBook incidents;
    private final AlertStatistics statistics = new AlertStatistics();
    private final UnitCoverage coverage;
    /** Sectors given up to another desk and not taken back, and the alerts of them the books dropped. */
    private final java.util.Set<String> givenUp = new java.util.HashSet<>();
    private final java.util.Set<String> alertsGivenUp = new java.util.HashSet<>();

    public AlertDesk(Theatre theatre, RulesConfig rules, IncidentConfig incidentConfig) {
        this.theatre = theatre;
        this.engine = new RuleEngine(theatre, rules);
        this.incidents = new IncidentBook(incidentConfig);
        this.coverage = new UnitCoverage(theatre);
    }

    public List<DomainEvent> onTrack(TrackUpdate u) {
        return settle(engine.onTrack(u));
    }

    public List<DomainEvent> onDetection(Detection d) {
        return settle(engine.onDetection(d));
    }

    /** See {@link RuleEngine#changedBy}: whether this detection could change the desk. Thread-safe. */
    public boolean changedBy(Detection d, Instant sensorFedUpTo) {
        return engine.changedBy(d, sensorFedUpTo);
    }

    public List<DomainEvent> onHeartbeat(SensorHeartbeat h) {
        return settle(engine.onHeartbeat(h));
    }

    public List<DomainEvent> onUnit(UnitPosition p) {
        return settle(engine.onUnit(coverage.onPosition(p)));
    }

    /** A task step: the unit's status for sector coverage changes with it (see {@link UnitCoverage}). */
    public List<DomainEvent> onTask(Task t) {
        return coverage.onTask(t).map(p -> settle(engine.onUnit(p))).orElse(List.of());
    }

    /** A change of operational control: a unit lent to another command no longer covers its sector. */
    public List<DomainEvent> onControl(ControlChange c) {
        return coverage.onControl(c).map(p -> settle(engine.onUnit(p))).orElse(List.of());
    }

    /** See {@link RuleEngine#expectSensors}: the sensors a feed carries, expected to report from now on. */
    public void expectSensors(java.util.Collection<String> sensors, kz.shekara.model.Marking feedMarking) {
        engine.expectSensors(sensors, feedMarking);
    }

    /** See {@link RuleEngine#forgetSensors}: sensors no longer this desk's to watch. */
    public void forgetSensors(java.util.Collection<String> sensors) {
        engine.forgetSensors(sensors);
    }

    /**
     * Gives the sectors named up (to another desk that shares the sectors with this one: a rules worker of a
     * cluster): their alerts, incidents and what the statistics counted of them leave the books, the rules drop
     * the state of the tracks last seen there (dwell timers, active alert keys) and stop watching their sensors
     * for silence (until heard). From then on, until they are {@link #takeSectors taken} back, what the rules
     * would raise for them of no track (a sensor's silence or alarm, a sector void) and any change of an alert
     * given up are dropped: nothing more is raised or changed for them here. An alert of a track is raised as
     * before by the desk that holds the track, whatever the sector of its zone. Postures stay.
     */
    public void giveUpSectors(java.util.Collection<String> sectors) {
        givenUp.addAll(sectors);
        java.util.Set<String> gone = new java.util.HashSet<>(sectors);
        engine.forgetSensors(theatre.sensors().stream().filter(s -> gone.contains(s.sector()))
                .map(kz.shekara.theatre.Sensor::id).toList());
        engine.forgetTracksIn(gone::contains);
        List<String> dropped = alerts.forget(gone::contains);
        alertsGivenUp.addAll(dropped);
        statistics.forget(dropped, incidents.forget(gone::contains));
    }

    /** Takes sectors given up back (their outputs folded in again): they are worked as before. */
    public void takeSectors(java.util.Collection<String> sectors) {
        givenUp.removeAll(sectors);
        alertsGivenUp.removeIf(id -> alerts.get(id).isPresent());
    }

    /** Whether an output is for a sector given up: an alert of no track there, or a change of an alert given up. */
    private boolean givenUp(DomainEvent e) {
        return switch (e) {
            case Alert a -> a.track() == null && givenUp.contains(a.sector());
            case AlertChange c -> alertsGivenUp.contains(c.alert()) && alerts.get(c.alert()).isEmpty();
            default -> false;
        };
    }

    /** Moves event time forward (the live clock's tick). */
    public List<DomainEvent> advance(Instant now) {
        return settle(engine.advance(now));
    }

    private List<DomainEvent> settle(List<DomainEvent> raised) {
        if (raised.isEmpty()) {
            return raised;
        }
        List<DomainEvent> out = new ArrayList<>(raised.size() * 2);
        for (DomainEvent e : raised) {
            if (known(e) || givenUp(e)) {
                continue;
            }
            out.add(e);
            if (e instanceof Alert a) {
                alerts.apply(a);
                statistics.apply(a);
                if (a.rule().sensorHealth()) {
                    continue; // the sensor-health board, not an incident
                }
                for (IncidentEvent ie : incidents.onAlert(a)) {
                    statistics.apply(ie);
                    out.add(ie);
                }
            } else if (e instanceof AlertChange c) {
                alerts.apply(c);
                statistics.apply(c);
            }
        }
        return out;
    }

    /**
     * Whether the rules raised again what the books already hold: an alert of a known id (ids are made
     * from the finding and its time, so the same finding at the same time is the same alert), or a change
     * that would not move its alert on. It happens when a desk rebuilt from another desk's outputs
     * handles again the inputs that desk handled last (a worker that took over a lost worker's sectors);
     * never when one desk sees its inputs once.
     */
    private boolean known(DomainEvent e) {
        return switch (e) {
            case Alert a -> alerts.get(a.id()).isPresent();
            case AlertChange c -> !movesOn(c);
            default -> false;
        };
    }

    /** Whether the change moves its alert's state on (an unknown alert's change is passed through). */
    private boolean movesOn(AlertChange c) {
        return alerts.get(c.alert()).map(entry -> c.state().ordinal() > entry.state().ordinal()).orElse(true);
    }

    public AlertChange acknowledge(String alert, String by, Instant time) {
        return alerts.acknowledge(alert, by, time);
    }

    public AlertChange close(String alert, String by, Disposition disposition, String note, Instant time) {
        AlertChange c = alerts.close(alert, by, disposition, note, time);
        statistics.apply(c);
        return c;
    }

    public IncidentEvent changeIncident(String incident, IncidentStatus next, String unit, String by, String note,
                                        Disposition disposition, Instant time) {
        IncidentEvent e = incidents.change(incident, next, unit, by, note, disposition, time);
        statistics.apply(e);
        return e;
    }

    /** Puts a crew's acknowledgement of its task on the incident's timeline (see {@link IncidentBook#acknowledge}). */
    public IncidentEvent acknowledgeIncident(String incident, String unit, String note, Instant time) {
        IncidentEvent e = incidents.acknowledge(incident, unit, note, time);
        statistics.apply(e);
        return e;
    }

    /**
     * A commander's posture change for a sector, with a reason.
     *
     * @throws IllegalArgumentException for an unknown sector or a missing reason
     */
    public PostureChange setPosture(String sector, Posture posture, String by, String reason, Instant time) {
        PostureChange c = new PostureChange(time, sector, posture, by, reason, theatre.defaultMarking());
        engine.apply(c);
        return c;
    }

    /** Folds an operator event from the log (alert change, incident status change, posture change). */
    public void apply(DomainEvent e) {
        switch (e) {
            case AlertChange c -> {
                alerts.apply(c);
                statistics.apply(c);
            }
            case IncidentEvent ie when ie.change() == IncidentEvent.Change.STATUS
                    || ie.change() == IncidentEvent.Change.ACKNOWLEDGED -> {
                incidents.apply(ie);
                statistics.apply(ie);
            }
            case PostureChange p -> engine.apply(p);
            default -> {
            }
        }
    }

    /**
     * Folds an event this desk (or one like it) produced, read back from the log — an alert, an alert
     * change, an incident event of any kind, a posture change — into the books, the statistics and
     * the postures, without running the rules. Folding every logged output in log order gives the
     * alerts, incidents (timelines and tracks included), statistics and postures of the desk that
     * produced them; the rules' own short-lived state (dwell timers, active alert keys) is not
     * restored. Other events are ignored. Folding is idempotent: an alert, alert change or incident
     * event the books already hold (or a change that would move an alert back) is passed by, so the
     * outputs of sectors this desk once held can be folded in again.
     */
    public void fold(DomainEvent e) {
        if (known(e) || e instanceof IncidentEvent ie && incidents.has(ie)) {
            return;
        }
        switch (e) {
            case Alert a -> {
                alerts.apply(a);
                statistics.apply(a);
            }
            case AlertChange c -> {
                alerts.apply(c);
                statistics.apply(c);
            }
            case IncidentEvent ie -> {
                String track = ie.alert() == null ? null
                        : alerts.get(ie.alert()).map(entry -> entry.alert().track()).orElse(null);
                incidents.apply(ie, track);
                statistics.apply(ie);
            }
            case PostureChange p -> {
                if (engine.postures().containsKey(p.sector())) { // a sector the theatre no longer has is skipped
                    engine.apply(p);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Rebuilds from the log, one logged event at a time in log order: an event this desk produces
     * (see {@link #fold}) is folded in; an input (track, detection, unit position, heartbeat) runs the
     * rules only to bring their state (dwell timers, active alert keys) up to date, and what they
     * raise is dropped, since it is already in the log. Replaying the whole log this way gives a desk
     * that goes on exactly as the one that wrote it would have, as far as that one was driven by
     * logged events alone (not by idle ticks); replaying a recent stretch of inputs (after folding all
     * outputs) brings back the rules' state for what is still going on.
     */
    public void replay(DomainEvent e) {
        switch (e) {
            case TrackUpdate u -> engine.onTrack(u);
            case Detection d -> engine.onDetection(d);
            case UnitPosition p -> engine.onUnit(coverage.onPosition(p));
            case Task t -> coverage.onTask(t).ifPresent(engine::onUnit);
            case ControlChange c -> coverage.onControl(c).ifPresent(engine::onUnit);
            case SensorHeartbeat h -> engine.onHeartbeat(h);
            default -> fold(e);
        }
    }

    public AlertBook alerts() {
        return alerts;
    }

    public IncidentBook incidents() {
        return incidents;
    }

    public AlertStatistics.Snapshot statistics() {
        return statistics.snapshot();
    }

    public Map<String, Posture> postures() {
        return engine.postures();
    }

    public Posture posture(String sector) {
        return engine.posture(sector);
    }

    public Theatre theatre() {
        return theatre;
    }
}
