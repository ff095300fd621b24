package kz.shekara.dispatch;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;
import kz.shekara.model.UnitPosition;
import kz.shekara.model.UnitStatus;

/**
 * The status each unit's response gives it, folded from the task steps: a unit with an active task
 * is tasked (dispatched or acknowledged), en route or on scene as its task says, whatever its device
 * reports; a unit without one is what it last reported of itself (available, or out of service).
 * Position reports move a unit, never reset the status its task gives it. Thread-safe (a concurrent
 * map; each step replaces one entry); O(1) per step and per query.
 */
public final class UnitStatuses {
    private final Map<String, TaskStatus> tasks = new ConcurrentHashMap<>();

    /** Folds a task step in. */
    public void onTask(Task t) {
        if (t.status().active()) {
            tasks.put(t.unit(), t.status());
        } else {
            tasks.remove(t.unit());
        }
    }

    /** The unit's status now, given what its device last reported. */
    public UnitStatus status(String unit, UnitStatus reported) {
        TaskStatus t = tasks.get(unit);
        return t == null ? reported : of(t);
    }

    /** The position with the status the unit's response gives it (the same record when unchanged). */
    public UnitPosition overlay(UnitPosition p) {
        UnitStatus s = status(p.unit(), p.status());
        return s == p.status() ? p : new UnitPosition(p.time(), p.unit(), p.callsign(), p.cotType(), p.lat(),
                p.lon(), p.courseDeg(), p.speedMps(), s, p.marking());
    }

    /** The active task status of every tasked unit, by unit id (a copy). */
    public Map<String, TaskStatus> tasked() {
        return new TreeMap<>(tasks);
    }

    /** Forgets every task (a replay seeking back starts again). */
    public void clear() {
        tasks.clear();
    }

    /** The unit status an active task gives its unit. */
    public static UnitStatus of(TaskStatus t) {
        return switch (t) {
            case DISPATCHED, ACKNOWLEDGED -> UnitStatus.TASKED;
            case EN_ROUTE -> UnitStatus.EN_ROUTE;
            case ON_SCENE -> UnitStatus.ON_SCENE;
            case ENDED -> UnitStatus.AVAILABLE;
        };
    }
}
