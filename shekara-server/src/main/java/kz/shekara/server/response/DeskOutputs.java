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

    void carryOut(List<DispatchOutput> out) {
        for (DispatchOutput o : out) {
            switch (o) {
                case DispatchOutput.TaskStep s -> {
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
