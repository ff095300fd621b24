package kz.shekara.server.response;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.shekara.dispatch.ControlDesk;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.model.ControlChange;
import kz.shekara.model.CrisisEvent;
import kz.shekara.model.Refusal;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.ReadBack;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crises of a node of a cluster, the same on every node: a crisis declared or ended here is not taken at
 * once but {@linkplain #propose proposed} on {@link Topic#CRISES} (keyed by its command, so every event of a
 * command's crises lies in one partition), and every node takes the topic's events in that partition's order
 * ({@link #take}, read whole from its start), each by the same rule ({@link kz.shekara.dispatch.CrisesInForce}):
 * of two declarations for one command, or two ends of one crisis, made on two nodes at the same moment, the
 * first recorded stands and the other changes nothing. The proposing node waits (at most {@code wait}) for its
 * event to come back: taken, it publishes the control changes the crisis makes (on {@link Topic#UNIT_CONTROL},
 * computed from its control at that point) and answers with them; not taken, its operator gets the refusal
 * (409). Every other node hands a declared crisis's units to its command at once (the changes a declaration
 * makes depend on the theatre only; the proposer's copies, when they come, change nothing), but not a unit
 * whose last change it knows is not older than the declaration (read first from {@link Topic#UNIT_CONTROL}: a
 * node that joins reads both topics from their start, in no common order), and takes an end's changes from
 * {@link Topic#UNIT_CONTROL}. A proposal not back within the wait is answered as relayed (null)
 * and counted ({@code shekara.crises.unanswered}); it is carried out when it comes. Thread-safe: the desk's lock.
 */
final class SharedCrises {
    private static final Logger LOG = LoggerFactory.getLogger(SharedCrises.class);

    private final Bus bus;
    private final ControlDesk controls;
    private final Object lock;
    private final Function<List<ControlChange>, List<DispatchOutput>> apply;
    private final Consumer<List<DispatchOutput>> carryOut;
    private final Duration wait;
    // Kept when late: a proposal back after its wait is still carried out by this node as its own.
    private final ReadBack<CrisisEvent, ControlDesk.Outcome> proposals;

    /**
     * @param lock     the lock of {@code controls} and the dispatch desk
     * @param apply    gives the dispatch desk control changes the control desk made (under {@code lock})
     * @param carryOut carries out what the dispatch desk decided (outside the lock)
     */
    SharedCrises(Bus bus, ControlDesk controls, Object lock, Function<List<ControlChange>, List<DispatchOutput>> apply,
                 Consumer<List<DispatchOutput>> carryOut, Duration wait, Counter unanswered) {
        this.bus = bus;
        this.controls = controls;
        this.lock = lock;
        this.apply = apply;
        this.carryOut = carryOut;
        this.wait = wait;
        this.proposals = new ReadBack<>(wait, unanswered, true);
        synchronized (lock) {
            controls.forgetCrises(); // folded again from the start of the topic
        }
    }

    /**
     * Makes a crisis event of this node's operator ({@code made}, under the lock), records it and waits for its
     * turn in the record: the outcome, the refusal of an event that did not take effect, or null when it was not
     * back within the wait.
     */
    ControlDesk.Outcome propose(Supplier<CrisisEvent> made) {
        CrisisEvent e;
        synchronized (lock) {
            e = made.get(); // refused here as on one node (unknown command, a crisis in force as seen here, …)
        }
        java.util.Optional<ControlDesk.Outcome> outcome = proposals.await(e, () -> bus.publish(Topic.CRISES, e.command(), e));
        if (outcome.isEmpty() && !Thread.currentThread().isInterrupted()) {
            LOG.info("crisis {} {}: not back from the crises topic within {}; carried out when it comes", e.crisis(),
                    e.status(), wait);
        }
        return outcome.orElse(null);
    }

    /** A crisis event read from the topic, in its partition's order. */
    void take(CrisisEvent e) {
        boolean mine = proposals.isOwn(e);
        ControlDesk.Outcome taken = null;
        Refusal.Conflict refused = null;
        List<DispatchOutput> out = List.of();
        synchronized (lock) {
            if (mine || e.status() == CrisisEvent.Status.DECLARED) {
                try {
                    taken = mine ? controls.take(e) : controls.takeRecorded(e);
                    out = apply.apply(taken.changes());
                } catch (Refusal.Conflict c) {
                    refused = c;
                }
            } else {
                controls.onCrisis(e); // an end made elsewhere: its changes come from the node that made it
            }
        }
        if (refused != null) {
            LOG.info("crisis {} {} by {} did not take effect: {}", e.crisis(), e.status(), e.by(),
                    refused.getMessage());
        }
        if (!mine) {
            carryOut.accept(out);
        } else if (taken == null) {
            proposals.refuse(e, refused);
        } else {
            for (ControlChange c : taken.changes()) {
                bus.publish(Topic.UNIT_CONTROL, c.unit(), c);
            }
            carryOut.accept(out);
            proposals.answer(e, taken);
        }
    }
}
