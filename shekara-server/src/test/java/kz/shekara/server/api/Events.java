package kz.shekara.server.api;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Detection;
import kz.shekara.model.Marking;
import kz.shekara.model.SensorKind;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;

/** Domain events for the web tests, at fixed event times from {@link #T0}. */
final class Events {
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    static final Marking EXERCISE = FixtureTheatre.HOME.asExercise();

    private Events() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static UnitPosition unit(String id, String callsign, String cotType, int s, double lat, double lon, UnitStatus status) {
        return new UnitPosition(at(s), id, callsign, cotType, lat, lon, 90, 20, status, EXERCISE);
    }

    static Detection detection(String sensor, SensorKind kind, int s, double lat, double lon) {
        return new Detection(at(s), sensor, kind, lat, lon, 25, EXERCISE);
    }

    static TrackUpdate track(String id, int s, double lat, double lon) {
        return new TrackUpdate(at(s), id, "south-uz", lat, lon, 1.0, 2.0, 400, 50, 900, TrackStatus.CONFIRMED,
                TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), EXERCISE);
    }

    /** The tracker's last word on a track it ended (live only). */
    static TrackUpdate ended(String id, int s, double lat, double lon) {
        TrackUpdate u = track(id, s, lat, lon);
        return new TrackUpdate(u.time(), id, u.sector(), lat, lon, u.vnMps(), u.veMps(), u.covEE(), u.covEN(), u.covNN(),
                TrackStatus.DELETED, u.targetClass(), u.sensors(), u.marking());
    }

    static ChatMessage chat(String id, int s, String text) {
        return new ChatMessage(at(s), id, "ANDROID-7", "Kyran 2", "All Chat Rooms", text, 41.5, 69.2, EXERCISE);
    }
}
