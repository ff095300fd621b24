package kz.shekara.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.RuleKind;
import kz.shekara.model.Severity;
import kz.shekara.rules.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grouping with the track index and the grid gives the incident the rule itself names: the
 * earliest-opened open incident of the alert's track, else the earliest-opened open incident whose
 * latest alert is within the radius and the window — checked against that rule written as a plain
 * scan of every incident, over random alerts near the border, across the antimeridian and near a pole.
 */
class IncidentBookTest {

    /** The grouping rule as a scan of every incident, in opening order. */
    private static final class Reference {
        final List<Ref> incidents = new ArrayList<>();

        static final class Ref {
            String id;
            double lat;
            double lon;
            Instant lastAlert;
            boolean open = true;
            final Set<String> tracks = new HashSet<>();
        }

        String find(Alert a, IncidentConfig config) {
            if (a.track() != null) {
                for (Ref r : incidents) {
                    if (r.open && r.tracks.contains(a.track())) {
                        return r.id;
                    }
                }
            }
            for (Ref r : incidents) {
                if (r.open && Duration.between(r.lastAlert, a.time()).abs().compareTo(config.window()) <= 0
                        && Geodesy.distanceM(r.lat, r.lon, a.lat(), a.lon()) <= config.radiusM()) {
                    return r.id;
                }
            }
            return null;
        }

        void apply(IncidentEvent e, String track) {
            Ref r = incidents.stream().filter(x -> x.id.equals(e.incident())).findFirst().orElse(null);
            if (r == null) {
                r = new Ref();
                r.id = e.incident();
                incidents.add(r);
            }
            r.lat = e.lat();
            r.lon = e.lon();
            if (e.alert() != null) {
                r.lastAlert = e.time();
            }
            if (track != null) {
                r.tracks.add(track);
            }
            r.open = !e.status().terminal();
        }
    }

    @ParameterizedTest(name = "radius {0} m, window {1} s, around {2}, {3}")
    @CsvSource({
            "2000, 900, 43.0, 77.0",
            "0, 900, 43.0, 77.0",
            "2000, 0, 43.0, 77.0",
            "5000, 600, 10.0, 179.98",
            "3000, 600, 79.9, 20.0",
            "2000, 900, 85.0, -40.0",
            "80000, 900, 43.0, 77.0"})
    void groupsAsAScanOfEveryIncidentWould(double radiusM, long windowS, double lat0, double lon0) {
        IncidentConfig config = new IncidentConfig(radiusM, Duration.ofSeconds(windowS));
        IncidentBook book = new IncidentBook(config);
        Reference reference = new Reference();
        SplittableRandom random = new SplittableRandom(11);
        Instant t = Fixtures.EPOCH;
        int joined = 0;
        for (int i = 0; i < 3000; i++) {
            t = t.plusMillis(random.nextLong(0, 2_000));
            double spread = Math.max(radiusM, 500) * 4 / 111_000;
            double lat = Math.max(-89.9, Math.min(89.9, lat0 + random.nextDouble(-spread, spread)));
            double lon = lon0 + random.nextDouble(-spread, spread) / Math.cos(Math.toRadians(Math.min(89, Math.abs(lat0))));
            lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
            String track = random.nextInt(3) == 0 ? null : "T-" + random.nextInt(400);
            Alert a = new Alert(t, "AL-" + i, RuleKind.APPROACH, Severity.MEDIUM, "south", null, track, null, null,
                    lat, lon, new TreeSet<>(), "test", Fixtures.MARKING);
            String expected = reference.find(a, config);
            List<IncidentEvent> events = book.onAlert(a);
            assertThat(events).hasSize(1);
            IncidentEvent e = events.get(0);
            assertThat(e.change() == IncidentEvent.Change.OPENED ? null : e.incident()).as("incident for %s", a)
                    .isEqualTo(expected);
            joined += expected == null ? 0 : 1;
            reference.apply(e, track);
            if (random.nextInt(10) == 0) { // an operator closes one of the open incidents
                List<Reference.Ref> open = reference.incidents.stream().filter(r -> r.open).toList();
                Reference.Ref r = open.get(random.nextInt(open.size()));
                IncidentEvent closed = book.change(r.id, IncidentStatus.FALSE_ALARM, null, "op", null, null, t);
                reference.apply(closed, null);
            }
        }
        assertThat(joined).as("alerts that joined an incident").isBetween(100, 2900);
    }
}
