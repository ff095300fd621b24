package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.Alert;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TargetClass;
import kz.shekara.model.Task;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The target's track ends while a unit is on its way: the task's waypoint stays where it was (no
 * prediction from a track that is gone), the incident stays open and its response says the track
 * ended, with the target at the track's last known point. On a real bus with the real rules.
 */
class TrackEndResponseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final double[] OUTSIDE = {41.4991, 69.25};
    private static final double[] INSIDE = {41.5018, 69.25};
    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private final Theatre theatre = MiniTheatre.theatre();
    private InMemoryBus bus;
    private RulesService rules;
    private ResponseService responder;

    @BeforeEach
    void start() {
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.ALERTS, "test", alerts::add);
        bus.subscribe(Topic.TASKS, "test", tasks::add);
        rules = new RulesService(RulesSettings.defaults(), bus, theatre, new SimpleMeterRegistry(), clock);
        rules.start();
        responder = new ResponseService(ResponseConfig.defaults(), bus, rules, theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre), clock);
        responder.start();
    }

    @AfterEach
    void stop() {
        responder.close();
        rules.close();
        bus.close();
    }

    @Test
    void anEndedTargetKeepsTheWaypointWhereItWasAndTheIncidentSaysTheTrackEnded() throws Exception {
        String incident = crossAndDispatch();
        Task dispatched = tasks.getLast();
        TrackUpdate ended = walker(26, TrackStatus.DELETED);
        bus.publish(Topic.TRACKS, "west", ended);
        // Topics of different sectors are different partitions: the end must be in before the unit moves.
        bus.drain();
        bus.publish(Topic.UNIT_POSITIONS, "east", eastPatrolAt(1200));
        bus.drain();

        assertThat(tasks.getLast()).as("no new intercept point from an ended track").isEqualTo(dispatched);
        IncidentResponse r = responder.recommendations(incident, null).orElseThrow();
        assertThat(r.track()).isEqualTo("T-1");
        assertThat(r.trackEnded()).isEqualTo(ended.time());
        assertThat(r.targetLat()).isEqualTo(ended.lat());
        assertThat(r.targetLon()).isEqualTo(ended.lon());
        assertThat(r.task().lat()).isEqualTo(dispatched.lat());
        assertThat(r.recommendations().ranked()).isNotEmpty();
        assertThat(incidents.getLast().status().terminal()).as("the incident stays open").isFalse();

        // A late update from before the end does not bring the track back to life.
        bus.publish(Topic.TRACKS, "west", walker(25, TrackStatus.CONFIRMED));
        bus.drain();
        bus.publish(Topic.UNIT_POSITIONS, "east", eastPatrolAt(1300));
        bus.drain();
        assertThat(responder.recommendations(incident, null).orElseThrow().trackEnded()).isEqualTo(ended.time());
        assertThat(tasks.getLast()).isEqualTo(dispatched);
    }

    @Test
    void aLiveTargetGoingOnMovesTheWaypoint() throws Exception {
        String incident = crossAndDispatch();
        Task dispatched = tasks.getLast();
        bus.publish(Topic.TRACKS, "west", walker(26, TrackStatus.COASTING));
        bus.publish(Topic.UNIT_POSITIONS, "east", eastPatrolAt(1200));
        bus.drain();

        assertThat(tasks.getLast().lat()).isNotEqualTo(dispatched.lat());
        assertThat(responder.recommendations(incident, null).orElseThrow().trackEnded()).isNull();
    }

    /** A walker crossing north, 15 m per 10 s, then the GP-W patrol dispatched to it; returns the incident. */
    private String crossAndDispatch() throws InterruptedException {
        for (int k = 0; k <= 20; k++) {
            bus.publish(Topic.TRACKS, "west", walker(k, TrackStatus.CONFIRMED));
        }
        bus.drain();
        String alert = alerts.stream().filter(a -> "T-1".equals(a.track())).findFirst().orElseThrow().id();
        String incident = incidents.stream().filter(e -> alert.equals(e.alert())).findFirst().orElseThrow().incident();
        clock.set(T0.plusSeconds(205));
        responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        assertThat(tasks).hasSize(1);
        return incident;
    }

    private static TrackUpdate walker(int k, TrackStatus status) {
        double az = Geodesy.azimuthDeg(OUTSIDE[0], OUTSIDE[1], INSIDE[0], INSIDE[1]);
        double[] p = Geodesy.destination(OUTSIDE[0], OUTSIDE[1], az, k * 15.0);
        return new TrackUpdate(T0.plusSeconds(10L * k), "T-1", "west", p[0], p[1], 1.5, 0, 100, 0, 100, status,
                TargetClass.WALKER, new TreeSet<>(List.of("radar-1")), MiniTheatre.MARKING);
    }

    private static UnitPosition eastPatrolAt(int s) {
        return new UnitPosition(T0.plusSeconds(s), "GP-E", "Shekara 21", "a-f-G-E-V", 41.56, 69.75, Double.NaN,
                Double.NaN, UnitStatus.AVAILABLE, MiniTheatre.MARKING);
    }
}
