package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.model.Disposition;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Severity;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.InMemoryBus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.config.RulesSettings;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.testing.SettableClock;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/**
 * A node stopped after an incident's closing was logged and before its task's end was: the restarted (or taking
 * over) response service ends that task itself, once, at the closing's time, so the unit is free again; a task
 * whose end was logged is not ended twice.
 */
class UnendedTaskTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Theatre THEATRE = MiniTheatre.theatre();

    private static IncidentEvent opened() {
        return new IncidentEvent(T0, "I-1", IncidentEvent.Change.OPENED, IncidentStatus.OPEN, "AL-1", null, "duty", "",
                null, "west", Severity.HIGH, 41.6, 69.3, MiniTheatre.MARKING);
    }

    private static IncidentEvent resolved() {
        return new IncidentEvent(T0.plusSeconds(30), "I-1", IncidentEvent.Change.STATUS, IncidentStatus.RESOLVED, null,
                "GP-W", "duty", "", Disposition.CONFIRMED, "west", Severity.HIGH, 41.6, 69.3, MiniTheatre.MARKING);
    }

    /** The first step of a task sending GP-W to I-1, as a desk makes it. */
    private static Task dispatched() {
        DispatchDesk desk = new DispatchDesk(ResponseConfig.defaults(), THEATRE, ResponseModels.of(THEATRE),
                new SectorLocator(THEATRE));
        desk.on(opened());
        return desk.confirm(desk.dispatch("I-1", "GP-W", "duty", T0.plusSeconds(10)).task()).stream()
                .filter(o -> o instanceof DispatchOutput.TaskStep).map(o -> ((DispatchOutput.TaskStep) o).task())
                .findFirst().orElseThrow();
    }

    private static TaskView logged(List<StoredEvent> log) {
        TaskView v = new TaskView();
        log.forEach(v::apply);
        return v;
    }

    /** The task steps a response service restored from {@code state} publishes when it starts. */
    private static List<Task> stepsAtStart(TaskView.State state) throws InterruptedException {
        SettableClock clock = new SettableClock(T0.plusSeconds(60));
        List<Task> steps = new CopyOnWriteArrayList<>();
        try (InMemoryBus bus = new InMemoryBus(2, 4096);
             RulesService rules = new RulesService(RulesSettings.defaults(), bus, THEATRE, new SimpleMeterRegistry(), clock);
             ResponseService responder = new ResponseService(ResponseConfig.defaults(), bus, rules, THEATRE,
                     ResponseModels.of(THEATRE), new SectorLocator(THEATRE), clock)) {
            bus.subscribe(Topic.TASKS, "test", steps::add);
            responder.restore(state);
            responder.start();
            bus.drain();
            assertThat(responder.tasks()).as("active tasks after the start").isEmpty();
        }
        return new ArrayList<>(steps);
    }

    @Test
    void aTaskWhoseIncidentClosedBeforeTheStopIsEndedAtTheStartOnceFromTheLogOrASnapshot() throws Exception {
        Task task = dispatched();
        TaskView view = logged(List.of(new StoredEvent(1, "incidents", "west", opened()),
                new StoredEvent(2, "tasks", "west", task),
                new StoredEvent(3, "incidents", "west", resolved())));
        assertThat(view.state().closing()).containsExactly(resolved());
        TaskView fromSnapshot = new TaskView();
        fromSnapshot.restore(view.snapshot());

        for (TaskView v : List.of(view, fromSnapshot)) {
            List<Task> steps = stepsAtStart(v.state());
            assertThat(steps).extracting(Task::id, Task::status, Task::time)
                    .containsExactly(tuple(task.id(), TaskStatus.ENDED, resolved().time()));
            // Logged, the end settles it: a later restart finds nothing left to end.
            v.apply(new StoredEvent(4, "tasks", "west", steps.get(0)));
            assertThat(v.state().closing()).isEmpty();
            assertThat(v.state().tasks()).isEmpty();
        }
    }

    @Test
    void aTaskWhoseEndWasLoggedIsNotEndedAgain() throws Exception {
        Task task = dispatched();
        Task ended = task.next(resolved().time(), TaskStatus.ENDED, task.lat(), task.lon(), Double.NaN, "duty", "");
        TaskView view = logged(List.of(new StoredEvent(1, "incidents", "west", opened()),
                new StoredEvent(2, "tasks", "west", task),
                new StoredEvent(3, "incidents", "west", resolved()),
                new StoredEvent(4, "tasks", "west", ended)));
        assertThat(view.state().closing()).isEmpty();
        assertThat(stepsAtStart(view.state())).isEmpty();
    }
}
