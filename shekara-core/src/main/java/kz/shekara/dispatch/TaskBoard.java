package kz.shekara.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kz.shekara.model.ChatMessage;
import kz.shekara.model.Task;
import kz.shekara.model.TaskStatus;

/**
 * The active tasks, by incident and by unit (one each at a time), the sector of each task's incident
 * (remembered when the task is made: every step of the task is keyed by it, also once the incident
 * has left the desk's watch), and where each unit stood when its crew acknowledged (to tell when it
 * starts to move). Decides whether a chat message from a
 * tasked unit acknowledges its task: any reply to the operations centre's chat, or a text holding
 * one of the acknowledgement words. Not thread-safe: the desk's caller holds one lock.
 */
final class TaskBoard {
    private static final int MAX_ENDED = 1_000;
    private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Task> byIncident = new HashMap<>();
    private final Map<String, Task> byUnit = new HashMap<>();
    private final Map<String, double[]> ackedAt = new HashMap<>();
    private final Map<String, String> sectors = new HashMap<>();
    private final List<Task> ended = new ArrayList<>();

    /** A task made (dispatched, or taken back from the log) under its incident's {@code sector} (null: none). */
    void open(Task t, String sector) {
        if (sector != null) {
            sectors.put(t.id(), sector);
        }
        apply(t);
    }

    /** The sector of the task's incident, as remembered when the task was made; null when none. */
    String sectorOf(Task t) {
        return sectors.get(t.id());
    }

    void apply(Task t) {
        if (t.status().active()) {
            byIncident.put(t.incident(), t);
            byUnit.put(t.unit(), t);
        } else {
            byIncident.remove(t.incident());
            byUnit.remove(t.unit());
            ackedAt.remove(t.id());
            sectors.remove(t.id());
            ended.add(t);
            if (ended.size() > MAX_ENDED) {
                ended.remove(0);
            }
        }
    }

    /** Drops a task that never took effect (its dispatch was refused). */
    void forget(Task t) {
        byIncident.remove(t.incident(), t);
        byUnit.remove(t.unit(), t);
        if (!byIncident.containsKey(t.incident()) || !byIncident.get(t.incident()).id().equals(t.id())) {
            sectors.remove(t.id());
        }
    }

    /** Whether the task is this board's: active here, or among the last that ended here. */
    boolean knows(String task) {
        return byIncident.values().stream().anyMatch(t -> t.id().equals(task))
                || ended.stream().anyMatch(t -> t.id().equals(task));
    }

    Optional<Task> ofIncident(String incident) {
        return Optional.ofNullable(byIncident.get(incident));
    }

    Optional<Task> ofUnit(String unit) {
        return Optional.ofNullable(byUnit.get(unit));
    }

    /** Every active task, by task id. */
    List<Task> active() {
        List<Task> l = new ArrayList<>(byIncident.values());
        l.sort(java.util.Comparator.comparing(Task::id));
        return l;
    }

    /** The last step of every task that ended, oldest first. */
    List<Task> ended() {
        return List.copyOf(ended);
    }

    void acknowledgedAt(Task t, double lat, double lon) {
        acknowledgedAt(t.id(), lat, lon);
    }

    void acknowledgedAt(String task, double lat, double lon) {
        ackedAt.put(task, new double[] {lat, lon});
    }

    Optional<double[]> acknowledgedAt(Task t) {
        return Optional.ofNullable(ackedAt.get(t.id()));
    }

    /** True when the message acknowledges the sender's dispatched task. */
    static boolean acknowledges(ChatMessage m, Task t, ResponseConfig config) {
        if (t.status() != TaskStatus.DISPATCHED || !m.senderUid().equals(t.unit())) {
            return false;
        }
        if (m.chatroom().equals(config.centreUid()) || m.chatroom().equals(config.centreCallsign())) {
            return true;
        }
        for (String w : WORD.split(m.text().toLowerCase(Locale.ROOT))) {
            if (config.ackWords().contains(w)) {
                return true;
            }
        }
        return false;
    }
}
