package kz.shekara.server.response;

import java.util.List;
import java.util.NoSuchElementException;
import kz.shekara.dispatch.DispatchDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.server.alertdesk.RulesService;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what the dispatch desk decided, in its order: publishes the task steps (a task's end also releases its
 * unit's claim, on a cluster of response workers) and moves the incidents on through the rules' desk; and a dispatch
 * the desk planned, through the unit's claim. Thread-safe.
 */
final class DeskOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(DeskOutputs.class);

    private final Bus bus;
    private final RulesService rules;
    /** The claims that decide which desk tasks a unit, on a cluster of response workers; null: this desk alone. */
    private volatile UnitClaims claims;
    /** The active tasks of every desk of a cluster, as read back from the tasks topic, by id (none in one process). */
    private final java.util.Map<String, kz.shekara.model.Task> read = new java.util.HashMap<>();
    /** Ids of tasks ended (read, or ended here), the latest 10,000: a step of one read late does not list it again. */
    private final java.util.Map<String, Boolean> ended = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };

    DeskOutputs(Bus bus, RulesService rules) {
        this.bus = bus;
        this.rules = rules;
    }

    void claimUnits(UnitClaims with) {
        claims = with;
    }

    /** The claims in use; null when the desk decides alone. */
    UnitClaims claims() {
        return claims;
    }

    /**
     * Carries out a dispatch {@code desk} planned: claims the unit (on a cluster: refused when another desk claimed
     * it first), assigns the incident to it, then confirms the task and publishes it. A refusal on the way cancels
     * the task (and gives the claim back) and is thrown. The desk is locked only around its own calls.
     */
    kz.shekara.model.Task dispatch(DispatchDesk desk, DispatchDesk.Pending pending) {
        UnitClaims c = claims;
        try {
            if (c != null) {
                c.claim(pending.task(), pending.sector()); // refused when another desk claimed the unit first
            }
        } catch (RuntimeException e) {
            synchronized (desk) {
                desk.cancel(pending.task());
            }
            throw e;
        }
        DispatchOutput.IncidentStep a = pending.assignment();
        try {
            rules.changeIncident(a.incident(), a.status(), a.unit(), a.by(), a.note(), null, a.time());
        } catch (RuntimeException e) {
            synchronized (desk) {
                desk.cancel(pending.task());
            }
            if (c != null) {
                c.release(pending.task(), pending.sector());
            }
            throw e;
        }
        List<DispatchOutput> out;
        synchronized (desk) {
            out = desk.confirm(pending.task());
        }
        carryOut(out);
        return pending.task();
    }

    /** A task step read from the tasks topic (any desk's, this one's too): kept for {@link #withCluster}. */
    synchronized void read(kz.shekara.model.Task t) {
        if (!t.status().active()) {
            read.remove(t.id());
            ended.put(t.id(), Boolean.TRUE);
        } else if (!ended.containsKey(t.id())) {
            read.merge(t.id(), t, (before, now) -> now.time().isBefore(before.time()) ? before : now);
        }
    }

    /** {@code own} and then the active tasks of the cluster read so far ({@link #read}) that are not among them. */
    synchronized List<kz.shekara.model.Task> withCluster(List<kz.shekara.model.Task> own) {
        if (read.isEmpty()) {
            return own;
        }
        java.util.Map<String, kz.shekara.model.Task> all = new java.util.LinkedHashMap<>();
        own.forEach(t -> all.put(t.id(), t));
        new java.util.TreeMap<>(read).values().forEach(t -> all.putIfAbsent(t.id(), t));
        return List.copyOf(all.values());
    }

    void carryOut(List<DispatchOutput> out) {
        for (DispatchOutput o : out) {
            switch (o) {
                case DispatchOutput.TaskStep s -> {
                    if (!s.task().status().active()) {
                        synchronized (this) { // ended here: its earlier steps read back late do not list it again
                            read.remove(s.task().id());
                            ended.put(s.task().id(), Boolean.TRUE);
                        }
                    }
                    bus.publish(Topic.TASKS, s.sector() == null ? "-" : s.sector(), s.task());
                    UnitClaims c = claims;
                    if (c != null && !s.task().status().active()) {
                        c.release(s.task(), s.sector()); // the task is over: its unit is free for any desk
                    }
                }
                case DispatchOutput.Acknowledgement a -> {
                    try {
                        rules.acknowledgeIncident(a.incident(), a.unit(), a.note(), a.time());
                    } catch (IllegalStateException | NoSuchElementException e) {
                        LOG.debug("acknowledgement of {} not on its timeline: {}", a.incident(), e.getMessage());
                    }
                }
                case DispatchOutput.IncidentStep i -> {
                    try {
                        rules.changeIncident(i.incident(), i.status(), i.unit(), i.by(), i.note(), null, i.time());
                    } catch (IllegalStateException | NoSuchElementException e) {
                        // The operator moved the incident on already (or closed it): the task step stands.
                        LOG.debug("incident {} not moved to {}: {}", i.incident(), i.status().code(), e.getMessage());
                    }
                }
            }
        }
    }
}
