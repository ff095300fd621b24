package kz.shekara.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.Severity;
import kz.shekara.theatre.UnitKind;

/**
 * The measured response to one incident: first detection (the earliest sign of its object in the
 * log), alert (the first alert, when the incident opened), dispatch (the first step to assigned,
 * en route or on scene), on scene, and resolution (resolved or false alarm) — event-time instants,
 * null for steps not (yet) taken — with its sector, the opening position (WGS84 degrees), highest
 * severity, latest status, the responding unit and its kind (null when the unit is not one of the
 * theatre's), and the incident's marking. Immutable.
 */
public record ResponseRecord(String incident, String sector, double lat, double lon, Severity severity,
                             IncidentStatus status, Instant detected, Instant alerted, Instant dispatched,
                             Instant onScene, Instant resolved, String unit, UnitKind unitKind, Marking marking) {
    public ResponseRecord {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(alerted, "alerted");
        Objects.requireNonNull(marking, "marking");
    }

    /** Time from the alert to the unit's dispatch. */
    public Optional<Duration> alertToDispatch() {
        return between(alerted, dispatched);
    }

    /** Time from the dispatch to the unit on scene. */
    public Optional<Duration> dispatchToOnScene() {
        return between(dispatched, onScene);
    }

    /** Time from the first detection to the unit on scene: the response time the system exists to cut. */
    public Optional<Duration> detectionToOnScene() {
        return between(detected != null ? detected : alerted, onScene);
    }

    private static Optional<Duration> between(Instant a, Instant b) {
        return a == null || b == null ? Optional.empty() : Optional.of(Duration.between(a, b));
    }
}
