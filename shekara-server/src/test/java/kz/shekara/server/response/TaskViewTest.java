package kz.shekara.server.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.DomainEvent;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.server.store.EventCodec;
import kz.shekara.server.store.StoredEvent;
import org.junit.jupiter.api.Test;

/** The responder's log view: latest task steps, acknowledgement points, control, crises; snapshot round trip. */
class TaskViewTest {
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private static Task task(int s, String incident, String unit, TaskStatus status, String message) {
        return new Task(T0.plusSeconds(s), incident + "." + unit, incident, unit, status, null, 41.6, 69.3, 600, "duty",
                message, MiniTheatre.MARKING);
    }

    private static UnitPosition at(int s, String unit, double lat) {
        return new UnitPosition(T0.plusSeconds(s), unit, unit, "a-f-G-U-C", lat, 69.3, Double.NaN, Double.NaN,
                UnitStatus.AVAILABLE, MiniTheatre.MARKING);
    }

    private static TaskView fed(List<DomainEvent> events) {
        TaskView v = new TaskView();
        long seq = 0;
        for (DomainEvent e : events) {
            v.apply(new StoredEvent(++seq, "t", "k", e));
        }
        return v;
    }

    private static String json(TaskView.State s) throws Exception {
        return EventCodec.standard().mapper().writeValueAsString(s);
    }

    @Test
    void keepsTheLatestStepOfActiveTasksOnlyAndWhereTheCrewAcknowledged() throws Exception {
        List<DomainEvent> log = new ArrayList<>(List.of(
                at(0, "GP-W", 41.50),
                task(10, "I-1", "GP-W", TaskStatus.DISPATCHED, "respond to I-1"),
                task(20, "I-2", "GP-E", TaskStatus.DISPATCHED, "respond to I-2"),
                at(30, "GP-W", 41.52),
                task(30, "I-1", "GP-W", TaskStatus.ACKNOWLEDGED, ""),
                at(40, "GP-W", 41.55),
                new ControlChange(T0.plusSeconds(45), "GP-E", "outside", "duty", "", MiniTheatre.MARKING),
                task(50, "I-2", "GP-E", TaskStatus.ENDED, "")));
        TaskView.State s = fed(log).state();
        assertThat(s.tasks()).extracting(Task::id, Task::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("I-1.GP-W", TaskStatus.ACKNOWLEDGED));
        assertThat(s.orders()).extracting(Task::message).containsExactly("respond to I-1");
        assertThat(s.acks()).containsExactly(new TaskView.AckPoint("I-1.GP-W", 41.52, 69.3));
        assertThat(s.positions()).extracting(UnitPosition::lat).containsExactly(41.55);
        assertThat(s.controls()).extracting(ControlChange::command).containsExactly("outside");
        assertThat(s.now()).isEqualTo(T0.plusSeconds(50));

        TaskView restored = new TaskView();
        restored.restore(fed(log).snapshot());
        assertThat(json(restored.state())).isEqualTo(json(s));
    }

    @Test
    void keepsTheCrisesInForceThroughASnapshotAndReadsAnOlderSnapshotWithoutThem() throws Exception {
        CrisisEvent west = new CrisisEvent(T0, "west-cmd-20260301T060000Z", CrisisEvent.Status.DECLARED, "west-cmd",
                "mod-south", "commander", "incursion", MiniTheatre.MARKING);
        CrisisEvent east = new CrisisEvent(T0.plusSeconds(5), "east-cmd-20260301T060005Z",
                CrisisEvent.Status.DECLARED, "east-cmd", "mod-south", "commander", "incursion", MiniTheatre.MARKING);
        CrisisEvent eastEnded = new CrisisEvent(T0.plusSeconds(9), east.crisis(), CrisisEvent.Status.ENDED,
                "east-cmd", "mod-south", "commander", "over", MiniTheatre.MARKING);
        List<DomainEvent> log = List.of(west,
                new ControlChange(T0, "GP-W", "mod-south", "commander", "incursion", west.crisis(), MiniTheatre.MARKING),
                east, eastEnded);
        TaskView.State s = fed(log).state();
        assertThat(s.crises()).containsExactly(west);
        assertThat(s.controls()).singleElement().satisfies(c -> assertThat(c.crisis()).isEqualTo(west.crisis()));
        TaskView restored = new TaskView();
        restored.restore(fed(log).snapshot());
        assertThat(restored.state().crises()).containsExactly(west);

        // A snapshot written before crises existed has no such field: no crisis is in force.
        String old = json(fed(List.of(at(0, "GP-W", 41.5))).state()).replace(",\"crises\":[]", "");
        assertThat(old).doesNotContain("crises");
        TaskView fromOld = new TaskView();
        fromOld.restore(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(fromOld.state().crises()).isEmpty();
        assertThat(fromOld.state().positions()).hasSize(1);
    }

    @Test
    void aTransferRecordedAfterARivalFromTheSameHolderChangesNothingAlsoAfterASnapshot() {
        ControlChange first = new ControlChange(T0, "GP-W", "east-cmd", "west-cmd", "commander-a", "r", null,
                MiniTheatre.MARKING);
        ControlChange rival = new ControlChange(T0, "GP-W", "mod-south", "west-cmd", "commander-b", "r", null,
                MiniTheatre.MARKING);
        ControlChange fromFirst = new ControlChange(T0.plusSeconds(5), "GP-W", "west-cmd", "east-cmd", "commander-b",
                "r", null, MiniTheatre.MARKING);
        TaskView view = new TaskView(MiniTheatre.theatre());
        view.apply(new StoredEvent(1, "unit-control", "GP-W", first));
        view.apply(new StoredEvent(2, "unit-control", "GP-W", rival));
        assertThat(view.state().controls()).containsExactly(first);

        TaskView restored = new TaskView(MiniTheatre.theatre());
        restored.restore(view.snapshot());
        restored.apply(new StoredEvent(3, "unit-control", "GP-W", rival));
        assertThat(restored.state().controls()).containsExactly(first);
        restored.apply(new StoredEvent(4, "unit-control", "GP-W", fromFirst));
        assertThat(restored.state().controls()).containsExactly(fromFirst);
    }
}
