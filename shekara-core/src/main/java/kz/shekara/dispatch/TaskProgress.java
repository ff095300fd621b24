package kz.shekara.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import kz.shekara.dispatch.DispatchOutput.Acknowledgement;
import kz.shekara.dispatch.DispatchOutput.IncidentStep;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.IncidentStatus;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;
import kz.shekara.theatre.Unit;

/**
 * Moves a task on from what its crew reports: acknowledged by a chat reply or a reported status (a
 * timeline step of the incident), en route once the unit has moved, on scene once it is near. A
 * report cannot make a step earlier than the step it follows (no acknowledgement or en route before
 * the dispatch, no on scene before en route): such a report stays a position of the unit, and is
 * counted ({@link #refused()}), never taken as a step. Not thread-safe: the desk's caller holds one
 * lock.
 */
final class TaskProgress {
    private final ResponseConfig config;
    private final UnitBoard units;
    private final TaskBoard tasks;
    private final IncidentWatch watch;
    private final BiFunction<IncidentWatch.Watched, Instant, IncidentWatch.Target> target;
    private final BiConsumer<Task, List<DispatchOutput>> step;
    private long refused;

    /**
     * @param target the target of a watched incident at an instant
     * @param step   records a task step and puts it out
     */
    TaskProgress(ResponseConfig config, UnitBoard units, TaskBoard tasks, IncidentWatch watch,
                 BiFunction<IncidentWatch.Watched, Instant, IncidentWatch.Target> target,
                 BiConsumer<Task, List<DispatchOutput>> step) {
        this.config = config;
        this.units = units;
        this.tasks = tasks;
        this.watch = watch;
        this.target = target;
        this.step = step;
    }

    /** A chat message: the crew's acknowledgement when it answers its dispatched task. */
    void onChat(ChatMessage m, List<DispatchOutput> out) {
        Optional<Task> t = tasks.ofUnit(m.senderUid()).filter(x -> TaskBoard.acknowledges(m, x, config));
        if (t.isEmpty()) {
            return;
        }
        if (m.time().isBefore(t.get().time())) {
            refused++;
            return;
        }
        acknowledge(t.get(), m.time(), out);
    }

    /** A position of a tasked unit (already recorded on the unit board). */
    void onPosition(Task t, UnitPosition p, List<DispatchOutput> out) {
        // Stamped before the task's last step (a late report, a device clock behind): a position only.
        boolean early = p.time().isBefore(t.time());
        if (t.status() == TaskStatus.DISPATCHED) {
            if (!claimsProgress(p)) {
                return;
            }
            if (early) {
                refused++;
                return;
            }
            acknowledge(t, p.time(), out);
            t = tasks.ofUnit(p.unit()).orElseThrow();
        }
        if (t.status() != TaskStatus.ACKNOWLEDGED && t.status() != TaskStatus.EN_ROUTE) {
            return;
        }
        IncidentWatch.Target at = watch.get(t.incident()).map(w -> target.apply(w, p.time())).orElse(null);
        Unit unit = units.unit(t.unit()).orElseThrow();
        Optional<TaskStatus> next = Arrival.next(config, unit, t, p, at, tasks.acknowledgedAt(t));
        if (next.isEmpty()) {
            return;
        }
        if (early) {
            refused++;
            return;
        }
        if (next.get() == TaskStatus.ON_SCENE && t.status() == TaskStatus.ACKNOWLEDGED) {
            // Near at once: en route and on scene at the same instant, in that order.
            t = move(t, TaskStatus.EN_ROUTE, p.time(), out);
        }
        move(t, next.get(), p.time(), out);
    }

    private Task move(Task t, TaskStatus next, Instant time, List<DispatchOutput> out) {
        double etaS = next == TaskStatus.ON_SCENE ? 0 : t.etaS();
        Task moved = t.next(time, next, t.lat(), t.lon(), etaS, t.unit(), "");
        step.accept(moved, out);
        out.add(incidentStep(t, next == TaskStatus.ON_SCENE ? IncidentStatus.ON_SCENE : IncidentStatus.EN_ROUTE,
                t.unit(), time));
        return moved;
    }

    private static boolean claimsProgress(UnitPosition p) {
        return p.status() == UnitStatus.TASKED || p.status() == UnitStatus.EN_ROUTE
                || p.status() == UnitStatus.ON_SCENE;
    }

    private void acknowledge(Task t, Instant time, List<DispatchOutput> out) {
        Task acked = t.next(time, TaskStatus.ACKNOWLEDGED, t.lat(), t.lon(), t.etaS(), t.unit(), "");
        units.seen(t.unit()).ifPresent(s -> tasks.acknowledgedAt(acked, s.lat(), s.lon()));
        step.accept(acked, out);
        out.add(new Acknowledgement(t.incident(), t.unit(), "task " + t.id(), time));
    }

    /** Reports that would have made a step earlier than the one it follows, since the desk started. */
    long refused() {
        return refused;
    }

    static IncidentStep incidentStep(Task t, IncidentStatus status, String by, Instant time) {
        return new IncidentStep(t.incident(), status, t.unit(), by, "task " + t.id(), time);
    }
}
