package kz.shekara.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.incident.IncidentBook;
import kz.shekara.incident.IncidentConfig;
import kz.shekara.model.Alert;
import kz.shekara.model.Disposition;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.sim.FixtureTheatre;

/**
 * A log of four incidents on the fixture theatre with response times worked by hand (seconds after
 * {@link #T0}); incident events come from a real {@link IncidentBook}:
 * <ul>
 * <li>land, track T-1 first seen at 0, alert 60, PATROL-1 assigned 120, en route 130, on scene 720, resolved 900;</li>
 * <li>sea, sensor alarm (no track) 3600, HELI-1 assigned 3900, on scene 5100, false alarm 6000;</li>
 * <li>land, track T-2 first seen 7000, alert 7200, PATROL-1 assigned 7320, on scene 7800, resolved 8000;</li>
 * <li>land, alert 9000, still open.</li>
 * </ul>
 * Land: alert → dispatch 60, 120; dispatch → on scene 600, 480; detection → on scene 720, 800.
 * Sea: 300, 1200, 1500.
 */
public final class ResponseFixtures {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private ResponseFixtures() {
    }

    /**
     * Who and where: two sectors with a point in each (degrees), a ground unit and a helicopter.
     * The first sector hosts incidents 1, 3 and 4 (about 10 km apart), the second incident 2.
     */
    public record Cast(String land, double landLat, double landLon, String sea, double seaLat, double seaLon,
                       String patrol, String heli) {
        public static final Cast FIXTURE = new Cast("land", 41.2, 69.3, "sea", 41.25, 68.5, "PATROL-1", "HELI-1");
    }

    /** The events in log order, on the core's fixture theatre. */
    public static List<DomainEvent> log() {
        return log(Cast.FIXTURE);
    }

    /** The events in log order, for the given cast. */
    public static List<DomainEvent> log(Cast c) {
        IncidentBook book = new IncidentBook(IncidentConfig.defaults());
        List<DomainEvent> out = new ArrayList<>();
        out.add(track("T-1", 0, c.land(), c.landLat(), c.landLon()));
        out.add(track("T-1", 30, c.land(), c.landLat() + 0.001, c.landLon()));
        String a = open(book, out, alert("AL-1", 60, c.land(), "T-1", RuleKind.BORDER_CROSSING, c.landLat(), c.landLon()));
        out.add(book.change(a, IncidentStatus.ASSIGNED, c.patrol(), "op", "", null, t(120)));
        out.add(book.change(a, IncidentStatus.EN_ROUTE, null, c.patrol(), "", null, t(130)));
        out.add(book.change(a, IncidentStatus.ON_SCENE, null, c.patrol(), "", null, t(720)));
        out.add(book.change(a, IncidentStatus.RESOLVED, null, "op", "", Disposition.CONFIRMED, t(900)));
        String b = open(book, out, alert("AL-2", 3600, c.sea(), null, RuleKind.SENSOR_ALARM, c.seaLat(), c.seaLon()));
        out.add(book.change(b, IncidentStatus.ASSIGNED, c.heli(), "op", "", null, t(3900)));
        out.add(book.change(b, IncidentStatus.ON_SCENE, null, c.heli(), "", null, t(5100)));
        out.add(book.change(b, IncidentStatus.FALSE_ALARM, null, "op", "", null, t(6000)));
        out.add(track("T-2", 7000, c.land(), c.landLat() + 0.05, c.landLon() + 0.05));
        String c3 = open(book, out, alert("AL-3", 7200, c.land(), "T-2", RuleKind.BORDER_CROSSING, c.landLat() + 0.05, c.landLon() + 0.05));
        out.add(book.change(c3, IncidentStatus.ASSIGNED, c.patrol(), "op", "", null, t(7320)));
        out.add(book.change(c3, IncidentStatus.ON_SCENE, null, c.patrol(), "", null, t(7800)));
        out.add(book.change(c3, IncidentStatus.RESOLVED, null, "op", "", Disposition.CONFIRMED, t(8000)));
        open(book, out, alert("AL-4", 9000, c.land(), null, RuleKind.SENSOR_ALARM, c.landLat() - 0.05, c.landLon() - 0.05));
        return out;
    }

    private static String open(IncidentBook book, List<DomainEvent> out, Alert a) {
        out.add(a);
        List<IncidentEvent> e = book.onAlert(a);
        out.addAll(e);
        return e.get(0).incident();
    }

    public static Instant t(long s) {
        return T0.plusSeconds(s);
    }

    static TrackUpdate track(String id, long s, double lat, double lon) {
        return track(id, s, "land", lat, lon);
    }

    static TrackUpdate track(String id, long s, String sector, double lat, double lon) {
        return new TrackUpdate(t(s), id, sector, lat, lon, 0, 1, 100, 0, 100, TrackStatus.CONFIRMED,
                TargetClass.values()[0], new TreeSet<>(List.of("radar-land")), FixtureTheatre.MARKING);
    }

    static Alert alert(String id, long s, String sector, String track, RuleKind rule, double lat, double lon) {
        return new Alert(t(s), id, rule, Severity.HIGH, sector, null, track, track == null ? "fence-1" : null, null,
                lat, lon, new TreeSet<>(List.of("radar-land")), rule.code(), FixtureTheatre.MARKING);
    }
}
