package kz.shekara.server.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kz.shekara.model.Alert;
import kz.shekara.model.AlertFacts;
import kz.shekara.model.AlertChange;
import kz.shekara.model.AlertState;
import kz.shekara.model.Classification;
import kz.shekara.model.Detection;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Marking;
import kz.shekara.model.RuleKind;
import kz.shekara.model.SensorKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.LogEntry;

/**
 * A log with known events for review tests: track T-1 heading north-east (an update every 30 s
 * from T0 to T0+300 s), a short track T-2 (T0 to T0+60 s), unit GP-UZ01 reporting every 60 s, a
 * detection, and incident INC-1: alert A-1 on T-1 raised at +60 s (CONFIDENTIAL), acknowledged at
 * +90 s, GP-UZ01 assigned at +100 s, alert closed at +240 s, incident resolved at +250 s.
 */
final class ReviewFixture {
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    static final Marking RESTRICTED = Marking.of(Classification.RESTRICTED, "kz-bs", Set.of("kz-mod"));
    static final Marking CONFIDENTIAL = Marking.of(Classification.CONFIDENTIAL, "kz-bs", Set.of("kz-mod"));
    static final String SECTOR = "S1";

    private ReviewFixture() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static double t1Lat(int i) {
        return 41.40 + i * 0.002;
    }

    static double t1Lon(int i) {
        return 69.00 + i * 0.003;
    }

    /** The events, in the order they are logged. */
    static List<LogEntry> entries() {
        List<LogEntry> out = new ArrayList<>();
        for (int s = 0; s <= 300; s += 30) {
            int i = s / 30;
            out.add(entry(Topic.TRACKS, track("T-1", s, t1Lat(i), t1Lon(i))));
            if (s <= 60) {
                out.add(entry(Topic.TRACKS, track("T-2", s, 41.30, 68.90 + i * 0.001)));
            }
            if (s % 60 == 0) {
                out.add(entry(Topic.UNIT_POSITIONS, new UnitPosition(at(s), "GP-UZ01", "Shekara 11", "a-f-G-U-C",
                        41.45 + i * 0.001, 69.05, 180, 8, s < 100 ? UnitStatus.AVAILABLE : UnitStatus.EN_ROUTE, RESTRICTED)));
            }
            if (s == 30) {
                out.add(entry(Topic.OBSERVATIONS, new Detection(at(30), "radar-7", SensorKind.RADAR, t1Lat(1), t1Lon(1), 25, RESTRICTED)));
            }
            if (s == 60) {
                out.add(entry(Topic.ALERTS, new Alert(at(60), "A-1", RuleKind.BORDER_CROSSING, Severity.HIGH, SECTOR, "border-S1",
                        "T-1", null, null, t1Lat(2), t1Lon(2), new TreeSet<>(Set.of("radar-7")), "track T-1 crossed the border",
                        CONFIDENTIAL, new AlertFacts.Crossing(true, new AlertFacts.Place("cp-test", "Test Gate",
                                Map.of("kk", "Сынақ қақпасы", "ru", "Испытательные ворота")), true, at(58)))));
                out.add(entry(Topic.INCIDENTS, new IncidentEvent(at(60), "INC-1", IncidentEvent.Change.OPENED, IncidentStatus.OPEN,
                        "A-1", null, "rules", "", null, SECTOR, Severity.HIGH, t1Lat(2), t1Lon(2), CONFIDENTIAL)));
            }
            if (s == 90) {
                out.add(entry(Topic.ALERT_CHANGES, new AlertChange(at(90), "A-1", AlertState.ACKNOWLEDGED, "op-1", null, "", CONFIDENTIAL)));
                out.add(entry(Topic.INCIDENTS, new IncidentEvent(at(100), "INC-1", IncidentEvent.Change.STATUS,
                        IncidentStatus.ASSIGNED, null, "GP-UZ01", "op-1", "GP-UZ01 tasked <fast>", null, SECTOR, Severity.HIGH,
                        t1Lat(3), t1Lon(3), CONFIDENTIAL)));
            }
            if (s == 240) {
                out.add(entry(Topic.ALERT_CHANGES, new AlertChange(at(240), "A-1", AlertState.CLOSED, "op-1",
                        Disposition.CONFIRMED, "two persons stopped", CONFIDENTIAL)));
                out.add(entry(Topic.INCIDENTS, new IncidentEvent(at(250), "INC-1", IncidentEvent.Change.STATUS,
                        IncidentStatus.RESOLVED, null, null, "op-1", "handed over", Disposition.CONFIRMED, SECTOR, Severity.HIGH,
                        t1Lat(8), t1Lon(8), CONFIDENTIAL)));
            }
        }
        return out;
    }

    static void writeTo(EventLog log) {
        log.append(entries());
    }

    static TrackUpdate track(String id, int s, double lat, double lon) {
        return new TrackUpdate(at(s), id, SECTOR, lat, lon, 6.0, 7.0, 400, 0, 400, TrackStatus.CONFIRMED, TargetClass.WALKER,
                new TreeSet<>(Set.of("radar-7")), RESTRICTED);
    }

    private static <E extends DomainEvent> LogEntry entry(Topic<E> topic, E event) {
        return new LogEntry(topic.name(), SECTOR, event);
    }
}
