package kz.shekara.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.geo.Geodesy;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Severity;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.planning.ResponseModels;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/**
 * The exercise's units answer dispatch, in a demo-like loop without a human device: the scenario's
 * unit reports go to the dispatch desk, its task steps back to the scenario. A patrol dispatched to
 * a point inland stops patrolling, reports itself tasked (acknowledged), launches after its
 * readiness, drives there (en route), reports on scene, and patrols again after the task ends —
 * statuses and task steps in this order, each at a later time than the one before. The hour's
 * statuses, task steps and incident timeline are kept as a file ({@code exercise-response.expected.jsonl}).
 */
class ExerciseResponseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    @Test
    void aDispatchedPatrolAcknowledgesLaunchesArrivesAndReturnsToPatrol() {
        Theatre theatre = FixtureTheatre.standard();
        Simulator sim = new Simulator(theatre, 7, T0, ScenarioConfig.DEFAULT);
        DispatchDesk desk = new DispatchDesk(ResponseConfig.defaults(), theatre, ResponseModels.of(theatre),
                new SectorLocator(theatre));
        double[] point = Geodesy.destination(41.1, 69.5, 300, 6000); // 6 km from the patrol's post, inland
        desk.on(new IncidentEvent(T0.plusSeconds(60), "IN-1", IncidentEvent.Change.OPENED, IncidentStatus.OPEN, "AL-1",
                null, "rules", "", null, "land", Severity.HIGH, point[0], point[1], FixtureTheatre.MARKING));
        List<UnitPosition> reports = new ArrayList<>();
        List<Task> steps = new ArrayList<>();
        List<String> sectors = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        Instant dispatchAt = T0.plusSeconds(120);
        Instant endAt = null;
        for (Instant t = T0; t.isBefore(T0.plus(Duration.ofHours(1))); t = t.plusSeconds(5)) {
            if (t.equals(dispatchAt)) {
                DispatchDesk.Pending p = desk.dispatch("IN-1", "PATROL-1", "duty", t);
                carry(desk.confirm(p.task()), sim, steps, sectors, timeline);
            }
            Task last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (endAt == null && last != null && last.status() == TaskStatus.ON_SCENE
                    && t.isAfter(last.time().plusSeconds(300))) {
                endAt = t;
                carry(desk.on(new IncidentEvent(t, "IN-1", IncidentEvent.Change.STATUS, IncidentStatus.RESOLVED,
                        null, "PATROL-1", "duty", "", kz.shekara.model.Disposition.CONFIRMED, "land", Severity.HIGH,
                        point[0], point[1], FixtureTheatre.MARKING)), sim, steps, sectors, timeline);
            }
            for (SimEvent e : sim.advanceTo(t)) {
                if (e instanceof SimEvent.UnitReport r && r.position().unit().equals("PATROL-1")) {
                    if (reports.isEmpty() || reports.get(reports.size() - 1).status() != r.position().status()) {
                        timeline.add(line(r.position().time(), "unit", r.position().status().code()));
                    }
                    reports.add(r.position());
                    carry(desk.on(r.position()), sim, steps, sectors, timeline);
                }
            }
        }

        assertThat(steps).extracting(Task::status).containsSubsequence(TaskStatus.DISPATCHED,
                TaskStatus.ACKNOWLEDGED, TaskStatus.EN_ROUTE, TaskStatus.ON_SCENE, TaskStatus.ENDED);
        assertThat(steps).extracting(Task::time).isSorted();
        // Every step, the end too (the incident resolved has left the desk's watch), under the incident's sector.
        assertThat(sectors).hasSameSizeAs(steps).containsOnly("land");
        Task acked = first(steps, TaskStatus.ACKNOWLEDGED);
        Task enRoute = first(steps, TaskStatus.EN_ROUTE);
        Task onScene = first(steps, TaskStatus.ON_SCENE);
        assertThat(acked.time()).isAfterOrEqualTo(dispatchAt);
        // Launched after its five minutes of readiness, not moved by its patrol in between.
        assertThat(enRoute.time()).isAfterOrEqualTo(dispatchAt.plus(Duration.ofMinutes(5)));
        UnitPosition atScene = reports.stream().filter(r -> !r.time().isBefore(onScene.time())).findFirst().orElseThrow();
        assertThat(Geodesy.distanceM(atScene.lat(), atScene.lon(), onScene.lat(), onScene.lon()))
                .isLessThan(ResponseConfig.defaults().onSceneGroundM());

        // The unit's own reports: available, tasked, en route, on scene, returning, available again.
        List<UnitStatus> said = new ArrayList<>();
        reports.forEach(r -> {
            if (said.isEmpty() || said.get(said.size() - 1) != r.status()) {
                said.add(r.status());
            }
        });
        assertThat(said).containsExactly(UnitStatus.AVAILABLE, UnitStatus.TASKED, UnitStatus.EN_ROUTE,
                UnitStatus.ON_SCENE, UnitStatus.RETURNING, UnitStatus.AVAILABLE);
        List<UnitPosition> tasked = reports.stream().filter(r -> r.status() == UnitStatus.TASKED).toList();
        assertThat(tasked).extracting(UnitPosition::lat).containsOnly(tasked.get(0).lat()); // stopped, not patrolling
        assertThat(endAt).isNotNull();
        // The whole hour as a file: the unit's statuses, the task's steps and the incident's timeline, in order.
        try (var expected = ExerciseResponseTest.class.getResourceAsStream("exercise-response.expected.jsonl")) {
            assertThat(String.join("\n", timeline) + "\n")
                    .isEqualTo(new String(expected.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(Instant t, String what, String status) {
        return "{\"time\":" + Duration.between(T0, t).toSeconds() + ",\"what\":\"" + what + "\",\"status\":\"" + status
                + "\"}";
    }

    private static Task first(List<Task> steps, TaskStatus s) {
        return steps.stream().filter(t -> t.status() == s).findFirst().orElseThrow();
    }

    /** The desk's task steps go back to the scenario, as the bus carries them in the demo. */
    private static void carry(List<DispatchOutput> out, Simulator sim, List<Task> steps, List<String> sectors,
                              List<String> timeline) {
        for (DispatchOutput o : out) {
            switch (o) {
                case DispatchOutput.TaskStep s -> {
                    steps.add(s.task());
                    sectors.add(s.sector());
                    sim.onTask(s.task());
                    timeline.add(line(s.task().time(), "task", s.task().status().code()));
                }
                case DispatchOutput.IncidentStep s -> timeline.add(line(s.time(), "incident", s.status().code()));
                case DispatchOutput.Acknowledgement a -> timeline.add(line(a.time(), "incident", "acknowledged"));
            }
        }
    }
}
