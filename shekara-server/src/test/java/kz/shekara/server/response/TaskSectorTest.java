package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.dispatch.ResponseConfig;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.IncidentEvent;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Severity;
import kz.shekara.model.TaskStatus;
import kz.shekara.planning.ResponseModels;
import kz.shekara.server.store.StoredEvent;
import kz.shekara.theatre.SectorLocator;
import kz.shekara.theatre.Theatre;
import org.junit.jupiter.api.Test;

/**
 * Every step of a task is put out under its incident's sector (the tasks topic's key, on Kafka its partition):
 * the sector a task remembers from when it was made, or taken back from the log, also once its incident has
 * left the desk's watch (closed, or its sector given up to another desk).
 */
class TaskSectorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final Theatre THEATRE = MiniTheatre.theatre();

    private static DispatchDesk desk() {
        return new DispatchDesk(ResponseConfig.defaults(), THEATRE, ResponseModels.of(THEATRE),
                new SectorLocator(THEATRE));
    }

    private static IncidentEvent opened() {
        return new IncidentEvent(T0, "I-1", IncidentEvent.Change.OPENED, IncidentStatus.OPEN, "AL-1", null, "duty", "",
                null, "west", Severity.HIGH, 41.6, 69.3, MiniTheatre.MARKING);
    }

    private static IncidentEvent resolved(int s) {
        return new IncidentEvent(T0.plusSeconds(s), "I-1", IncidentEvent.Change.STATUS, IncidentStatus.RESOLVED, null,
                "GP-W", "duty", "", kz.shekara.model.Disposition.CONFIRMED, "west", Severity.HIGH, 41.6, 69.3,
                MiniTheatre.MARKING);
    }

    /** The crew's answer in the operations centre's chat: acknowledges its dispatched task. */
    private static ChatMessage ack(int s) {
        return new ChatMessage(T0.plusSeconds(s), "m" + s, "GP-W", "Shekara 11", "shekara-ops", "ok", Double.NaN,
                Double.NaN, MiniTheatre.MARKING);
    }

    private static List<DispatchOutput.TaskStep> steps(List<DispatchOutput> out) {
        return out.stream().filter(o -> o instanceof DispatchOutput.TaskStep)
                .map(o -> (DispatchOutput.TaskStep) o).toList();
    }

    /** Opens the incident on {@code desk} and dispatches a unit to it: the task's first step. */
    private static DispatchOutput.TaskStep dispatched(DispatchDesk desk) {
        desk.on(opened());
        return steps(desk.confirm(desk.dispatch("I-1", "GP-W", "duty", T0.plusSeconds(10)).task())).get(0);
    }

    /** A log read back: each event under the key it was published with. */
    private static TaskView logged(List<StoredEvent> log) {
        TaskView v = new TaskView();
        log.forEach(v::apply);
        return v;
    }

    @Test
    void everyStepFromDispatchToEndIsKeyedByTheIncidentsSector() {
        DispatchDesk desk = desk();
        List<DispatchOutput.TaskStep> steps = new ArrayList<>(List.of(dispatched(desk)));
        steps.addAll(steps(desk.on(ack(20))));
        steps.addAll(steps(desk.on(resolved(30)))); // the incident leaves the watch before its task ends

        assertThat(steps).extracting(s -> s.task().status(), DispatchOutput.TaskStep::sector).containsExactly(
                tuple(TaskStatus.DISPATCHED, "west"), tuple(TaskStatus.ACKNOWLEDGED, "west"),
                tuple(TaskStatus.ENDED, "west"));
    }

    @Test
    void aTaskTakenBackFromTheLogOrASnapshotKeepsItsSectorOnceItsIncidentHasLeft() {
        DispatchOutput.TaskStep dispatched = dispatched(desk());
        // The incident resolved is in the log, the task's end is not (the node stopped between the two).
        TaskView view = logged(List.of(new StoredEvent(1, "incidents", "west", opened()),
                new StoredEvent(2, "tasks", dispatched.sector(), dispatched.task()),
                new StoredEvent(3, "incidents", "west", resolved(15))));
        TaskView fromSnapshot = new TaskView();
        fromSnapshot.restore(view.snapshot());

        for (TaskView v : List.of(view, fromSnapshot)) {
            DispatchDesk restarted = desk();
            restarted.restore(v.state().toDesk());
            assertThat(steps(restarted.on(ack(20))))
                    .extracting(s -> s.task().status(), DispatchOutput.TaskStep::sector)
                    .containsExactly(tuple(TaskStatus.ACKNOWLEDGED, "west"));
        }
    }

    @Test
    void sectorsGivenUpTakeTheirTasksAlongAndTheTakerKeysTheirStepsByTheIncidentsSector() {
        DispatchDesk giver = desk();
        DispatchOutput.TaskStep dispatched = dispatched(giver);

        giver.giveUpSectors(Set.of("west"));
        assertThat(giver.tasks()).isEmpty();
        assertThat(giver.on(ack(20))).isEmpty(); // every worker takes the crews' chat: the task is not stepped here

        // The taker folds what the giver published (read back from the topics, no key kept) as a rebuild does.
        TaskView rebuilt = logged(List.<DomainEvent>of(opened(), dispatched.task()).stream()
                .map(e -> new StoredEvent(0, "-", "-", e)).toList());
        DispatchDesk taker = desk();
        taker.restore(rebuilt.state().toDesk());
        List<DispatchOutput.TaskStep> steps = new ArrayList<>(steps(taker.on(ack(20))));
        steps.addAll(steps(taker.on(resolved(30))));
        assertThat(steps).extracting(s -> s.task().status(), DispatchOutput.TaskStep::sector).containsExactly(
                tuple(TaskStatus.ACKNOWLEDGED, "west"), tuple(TaskStatus.ENDED, "west"));
    }
}
