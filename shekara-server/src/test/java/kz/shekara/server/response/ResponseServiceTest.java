package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.dispatch.IncidentResponse;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.ControlChange;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.TargetClass;
import kz.shekara.model.TrackStatus;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.TrackUpdate;
import kz.shekara.planning.Recommendation;
import kz.shekara.planning.Recommendations;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.config.RulesConfigLoader;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.theatre.TheatreLoader;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import kz.shekara.theatre.Zone;
import kz.shekara.theatre.ZoneKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** The live planner on a real bus with the real rules: ranking, operational control, sector cover. */
class ResponseServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final GeometryFactory GF = new GeometryFactory();
    private final List<IncidentEvent> incidents = new CopyOnWriteArrayList<>();
    private final List<ControlChange> controls = new CopyOnWriteArrayList<>();
    private final List<kz.shekara.model.Alert> alerts = new CopyOnWriteArrayList<>();
    private final SettableClock clock = new SettableClock(T0);
    private InMemoryBus bus;
    private RulesService rules;
    private ResponseService responder;

    private void start(Theatre theatre) {
        start(theatre, RulesSettings.defaults());
    }

    private void start(Theatre theatre, RulesSettings settings) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        bus = new InMemoryBus(2, 4096);
        bus.subscribe(Topic.INCIDENTS, "test", incidents::add);
        bus.subscribe(Topic.UNIT_CONTROL, "test", controls::add);
        bus.subscribe(Topic.ALERTS, "test", alerts::add);
        rules = new RulesService(settings, bus, theatre, meters, clock);
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

    /** A walker crossing from {@code outside} to {@code inside} (degrees), 15 m per 10 s; returns its incident. */
    private String cross(double[] outside, double[] inside, String sector) throws InterruptedException {
        double az = Geodesy.azimuthDeg(outside[0], outside[1], inside[0], inside[1]);
        double[] v = {1.5 * Math.cos(Math.toRadians(az)), 1.5 * Math.sin(Math.toRadians(az))};
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(outside[0], outside[1], az, k * 15.0);
            bus.publish(Topic.TRACKS, sector, new TrackUpdate(T0.plusSeconds(10L * k), "T-1", sector, p[0], p[1], v[0],
                    v[1], 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")),
                    MiniTheatre.MARKING));
        }
        bus.drain();
        return incidentOf("T-1");
    }

    /** The incident opened by the track's crossing alert (other rules may open incidents of their own). */
    private String incidentOf(String track) {
        String alert = alerts.stream().filter(a -> track.equals(a.track())).findFirst().orElseThrow().id();
        return incidents.stream().filter(e -> alert.equals(e.alert())).findFirst().orElseThrow().incident();
    }

    private String crossMini() throws InterruptedException {
        start(MiniTheatre.theatre());
        return cross(new double[] {41.4991, 69.25}, new double[] {41.5018, 69.25}, "west");
    }

    @Test
    void ranksTheDefaultTheatresUnitsByTimeToIntercept() throws Exception {
        Theatre theatre = TheatreLoader.loadDefault();
        start(theatre, RulesConfigLoader.forTheatre(null));
        // A crossing at the middle of sector uz-03's border, from Uzbekistan into Kazakhstan.
        Zone home = theatre.zones(ZoneKind.COUNTRY).stream().filter(z -> z.id().equals("country-kz")).findFirst()
                .orElseThrow();
        Geometry border = theatre.zones(ZoneKind.BORDER).stream().filter(z -> "uz-03".equals(z.sector()))
                .map(Zone::geometry).findFirst().orElseThrow();
        Coordinate[] line = border.getCoordinates();
        Coordinate a = line[line.length / 2];
        Coordinate b = line[line.length / 2 + 1];
        double along = Geodesy.azimuthDeg(a.y, a.x, b.y, b.x);
        double[] mid = {(a.y + b.y) / 2, (a.x + b.x) / 2};
        double[] left = Geodesy.destination(mid[0], mid[1], along - 90, 150);
        double[] right = Geodesy.destination(mid[0], mid[1], along + 90, 150);
        boolean leftIn = home.geometry().contains(GF.createPoint(new Coordinate(left[1], left[0])));
        String incident = cross(leftIn ? right : left, leftIn ? left : right, "uz-03");

        IncidentResponse r = responder.recommendations(incident, null).orElseThrow();
        List<Recommendation> ranked = r.recommendations().ranked();
        assertThat(r.track()).isEqualTo("T-1");
        assertThat(ranked).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ranked).extracting(Recommendation::rank).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, ranked.size()).boxed().toList());
        assertThat(ranked).extracting(Recommendation::etaS).isSorted();
        // The first there is a unit of the sector's own command, within reach of a ground vehicle's drive.
        Recommendation first = ranked.get(0);
        String command = theatre.unit(first.unit()).orElseThrow().command();
        assertThat(command).isEqualTo(theatre.sector("uz-03").orElseThrow().command());
        assertThat(first.etaS()).isLessThan(3600);
        assertThat(first.path()).isNotEmpty();
        // Every theatre unit is either ranked or excluded with a reason.
        assertThat(ranked.size() + r.recommendations().excluded().size()).isEqualTo(theatre.units().size());
    }

    @Test
    void unitsHandedToAnotherCommandDropOutOfTheRankingAndCannotBeDispatched() throws Exception {
        String incident = crossMini();
        assertThat(ids(responder.recommendations(incident, null).orElseThrow().recommendations()))
                .contains("GP-W", "FP-W", "GP-E");

        clock.set(T0.plusSeconds(210));
        responder.setControl("GP-W", "mod-south", "commander", "kz-bs", "crisis declared");
        bus.drain();
        assertThat(controls).extracting(ControlChange::unit, ControlChange::command)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GP-W", "mod-south"));
        Recommendations now = responder.recommendations(incident, null).orElseThrow().recommendations();
        assertThat(ids(now)).doesNotContain("GP-W").contains("FP-W", "GP-E");
        assertThat(now.excluded()).contains(new Recommendations.Excluded("GP-W", "not-under-control"));
        assertThatThrownBy(() -> responder.dispatch(incident, "GP-W", "duty"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kz-mod");

        // Asked as the east command, only the unit it holds counts.
        Recommendations east = responder.recommendations(incident, "east-cmd").orElseThrow().recommendations();
        assertThat(ids(east)).containsExactly("GP-E");
        assertThat(east.excluded()).contains(new Recommendations.Excluded("FP-W", "not-under-control"));

        responder.setControl("GP-W", "west-cmd", "commander", "kz-mod", "crisis over");
        bus.drain();
        assertThat(responder.control()).containsEntry("GP-W", "west-cmd");
        assertThat(ids(responder.recommendations(incident, null).orElseThrow().recommendations())).contains("GP-W");
    }

    @Test
    void warnsWhenTheUnitIsTheLastAvailableOneOfItsSector() throws Exception {
        String incident = crossMini();
        List<Recommendation> ranked = responder.recommendations(incident, null).orElseThrow().recommendations()
                .ranked();
        // East has one unit; west has two until one of them is tasked.
        assertThat(find(ranked, "GP-E").leavesSectorUncovered()).isTrue();
        assertThat(find(ranked, "GP-W").leavesSectorUncovered()).isFalse();
        assertThat(find(ranked, "FP-W").leavesSectorUncovered()).isFalse();

        clock.set(T0.plusSeconds(205));
        responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        String second = crossSecond();
        List<Recommendation> after = responder.recommendations(second, null).orElseThrow().recommendations().ranked();
        assertThat(after).extracting(Recommendation::unit).doesNotContain("GP-W");
        assertThat(find(after, "FP-W").leavesSectorUncovered()).isTrue();
    }

    @Test
    void aUnitTaskedByAnotherDesksTaskIsNeitherRankedNorDispatchedHereUntilThatTaskEnds() throws Exception {
        String incident = crossMini();
        clock.set(T0.plusSeconds(205));
        // Another response worker's desk tasks FP-W to an incident of a sector it holds (not followed here).
        Task other = new Task(T0.plusSeconds(200), "INC-other.FP-W", "INC-other", "FP-W", TaskStatus.DISPATCHED, "T-9",
                41.6, 69.3, 600, "duty", "order", MiniTheatre.MARKING);
        responder.takeElsewhere(other);
        assertThat(ids(responder.recommendations(incident, null).orElseThrow().recommendations()))
                .doesNotContain("FP-W").contains("GP-W");
        assertThatThrownBy(() -> responder.dispatch(incident, "FP-W", "duty"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tasked already");

        responder.takeElsewhere(new Task(T0.plusSeconds(204), other.id(), other.incident(), "FP-W", TaskStatus.ENDED,
                "T-9", 41.6, 69.3, 600, "duty", "ended", MiniTheatre.MARKING));
        assertThat(ids(responder.recommendations(incident, null).orElseThrow().recommendations())).contains("FP-W");

        // The desk's own task steps, read back from the bus, are its own: ending the task frees the unit.
        Task own = responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        responder.takeElsewhere(own);
        assertThat(responder.taskOf("GP-W")).contains(own);
    }

    @Test
    void aSectorGivenUpLeavesItsIncidentsAndTasksAndKeepsTheirUnitsTaskedElsewhere() throws Exception {
        String incident = crossMini();
        clock.set(T0.plusSeconds(205));
        Task task = responder.dispatch(incident, "GP-W", "duty");
        bus.drain();
        assertThat(responder.tasks()).extracting(Task::id).containsExactly(task.id());

        responder.giveUpSectors(List.of("east")); // another sector: nothing of the west leaves
        assertThat(responder.tasks()).extracting(Task::id).containsExactly(task.id());
        responder.giveUpSectors(List.of("west"));
        assertThat(responder.tasks()).as("tasks after giving the west up").isEmpty();
        assertThat(responder.taskOf("GP-W")).isEmpty();
        assertThat(responder.recommendations(incident, null)).as("the incident given up is not followed").isEmpty();
        assertThat(responder.control()).as("units stay").containsKeys("GP-W", "FP-W", "GP-E");
        // The desk that took the west holds the task now: GP-W is tasked for this desk too until that task ends.
        String second = crossSecond();
        assertThat(ids(responder.recommendations(second, null).orElseThrow().recommendations()))
                .doesNotContain("GP-W").contains("FP-W");
        responder.takeElsewhere(new Task(T0.plusSeconds(400), task.id(), task.incident(), "GP-W", TaskStatus.ENDED,
                task.track(), task.lat(), task.lon(), task.etaS(), "duty", "ended", task.marking()));
        assertThat(ids(responder.recommendations(second, null).orElseThrow().recommendations())).contains("GP-W");
    }

    /** A second walker crossing 7 km east of the first (a separate incident), still in the west sector. */
    private String crossSecond() throws InterruptedException {
        double[] out = {41.4991, 69.33};
        double[] in = {41.5018, 69.33};
        for (int k = 0; k <= 20; k++) {
            double[] p = Geodesy.destination(out[0], out[1], Geodesy.azimuthDeg(out[0], out[1], in[0], in[1]), k * 15.0);
            bus.publish(Topic.TRACKS, "west", new TrackUpdate(T0.plusSeconds(300 + 10L * k), "T-2", "west", p[0], p[1],
                    1.5, 0, 100, 0, 100, TrackStatus.CONFIRMED, TargetClass.WALKER, new TreeSet<>(List.of("radar-1")),
                    MiniTheatre.MARKING));
        }
        bus.drain();
        return incidentOf("T-2");
    }

    private static List<String> ids(Recommendations r) {
        return r.ranked().stream().map(Recommendation::unit).toList();
    }

    private static Recommendation find(List<Recommendation> ranked, String unit) {
        return ranked.stream().filter(x -> x.unit().equals(unit)).findFirst().orElseThrow();
    }
}
