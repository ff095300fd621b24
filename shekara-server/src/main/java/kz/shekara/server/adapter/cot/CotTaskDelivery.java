package kz.shekara.server.adapter.cot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import kz.shekara.model.Task;

/**
 * Delivers units' tasks to their TAK devices: each step's waypoint (which says the task's status:
 * dispatched, acknowledged, en route, on scene), and the order when a step carries one, to the devices
 * connected under the unit's uid only; an ended task's waypoint is deleted (the deletion says it ended). Keeps
 * each unit's latest active step and the step that carried its order, so a device that connects or
 * identifies itself later gets its task then. Thread-safe.
 */
final class CotTaskDelivery {
    /** Writes encoded bytes to one connection under a replace key (null: never replaced). */
    interface Sender {
        void send(CotConnection c, byte[] bytes, String key);
    }

    private final String agency;
    private final CotEncoder encoder;
    private final List<CotConnection> connections;
    private final Sender sender;
    private final Map<String, Task> steps = new ConcurrentHashMap<>();
    private final Map<String, Task> orders = new ConcurrentHashMap<>();
    private volatile TaskCot taskCot;

    /** @param agency the agency the server's devices belong to, or null: tasks not released to it are never sent */
    CotTaskDelivery(String agency, CotEncoder encoder, List<CotConnection> connections, Sender sender) {
        this.agency = agency;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    synchronized void deliverWith(TaskCot cot) {
        if (taskCot != null) {
            throw new IllegalStateException("tasks are delivered already");
        }
        taskCot = Objects.requireNonNull(cot, "cot");
    }

    void restore(List<Task> latestSteps, List<Task> latestOrders) {
        for (Task t : latestSteps) {
            if (t.status().active() && releasable(t)) {
                steps.put(t.unit(), t);
            }
        }
        for (Task t : latestOrders) {
            if (steps.containsKey(t.unit()) && steps.get(t.unit()).id().equals(t.id())) {
                orders.put(t.unit(), t);
            }
        }
    }

    /** One step from the bus. */
    void task(Task t) {
        if (!releasable(t)) {
            return;
        }
        if (!t.status().active()) {
            steps.remove(t.unit());
            orders.remove(t.unit());
            sendTo(t.unit(), taskCot.delete(t));
            return;
        }
        steps.put(t.unit(), t);
        if (!t.message().isEmpty()) {
            orders.put(t.unit(), t);
        }
        for (CotConnection c : connections) {
            if (t.unit().equals(c.uid())) {
                deliver(c, t, t.message().isEmpty() ? null : t);
            }
        }
    }

    /** A connection has just told its uid: its unit's pending task goes to it. */
    void identified(CotConnection c) {
        Task pending = taskCot == null ? null : steps.get(c.uid());
        if (pending != null) {
            deliver(c, pending, orders.get(c.uid()));
        }
    }

    int sendTo(String uid, CotEvent event) {
        byte[] bytes = encoder.encode(event);
        int n = 0;
        for (CotConnection c : connections) {
            if (uid.equals(c.uid())) {
                sender.send(c, bytes, event.uid());
                n++;
            }
        }
        return n;
    }

    private void deliver(CotConnection c, Task step, Task order) {
        TaskCot cot = taskCot;
        CotEvent w = cot.waypoint(step);
        sender.send(c, encoder.encode(w), w.uid());
        if (order != null) {
            sender.send(c, encoder.encode(cot.chat(order, c.callsign())), null);
        }
    }

    private boolean releasable(Task t) {
        return agency == null || t.marking().releasableTo(agency);
    }
}
