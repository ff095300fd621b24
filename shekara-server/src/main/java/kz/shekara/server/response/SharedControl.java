package kz.shekara.server.response;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import kz.shekara.dispatch.ControlOfRecord;
import kz.shekara.dispatch.DispatchOutput;
import kz.shekara.model.ControlChange;
import kz.shekara.model.Refusal;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.ReadBack;
import kz.shekara.server.bus.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The units' operational control on a node of a cluster, the same on every node: a single-unit transfer made
 * here is not applied at once but {@linkplain #propose proposed} on {@link Topic#UNIT_CONTROL} (keyed by its unit,
 * so every change of a unit lies in one partition), and every node takes the topic's changes in that
 * partition's order ({@link #take}, read whole from its start), each by the same rule ({@link ControlOfRecord}):
 * a transfer takes effect only when it was made from the unit's holder as the topic has it so far, so of two
 * transfers of one unit made from the same holder on two nodes at the same moment the first recorded stands and
 * the other changes nothing. The proposing node waits (at most {@code wait}) for its change to come back: taken,
 * it is applied here as everywhere and answered; not taken, its operator gets the refusal (409). A proposal not
 * back within the wait is answered as relayed (null) and counted ({@code shekara.control.unanswered}); it is
 * carried out when it comes, as any node's. The changes crises make take effect as they come (a node may have
 * applied them already from the crises topic: see {@link SharedCrises}). Thread-safe: the desk's lock.
 */
final class SharedControl {
    private static final Logger LOG = LoggerFactory.getLogger(SharedControl.class);

    private final Bus bus;
    private final Object lock;
    private final ControlOfRecord record;
    private final Function<ControlChange, List<DispatchOutput>> deliver;
    private final Consumer<List<DispatchOutput>> carryOut;
    private final Duration wait;
    private final ReadBack<ControlChange, ControlChange> proposals;

    /**
     * @param ownCommand a unit's own command (the theatre's): its holder until a change of it takes effect
     * @param lock       the lock of the control and dispatch desks
     * @param deliver    applies a change that took effect to the desks (under {@code lock}), as one node takes a
     *                   change read from the bus
     * @param carryOut   carries out what the dispatch desk decided (outside the lock)
     */
    SharedControl(Bus bus, Function<String, String> ownCommand, Object lock,
                  Function<ControlChange, List<DispatchOutput>> deliver, Consumer<List<DispatchOutput>> carryOut,
                  Duration wait, Counter unanswered) {
        this.bus = bus;
        this.lock = lock;
        this.record = new ControlOfRecord(ownCommand);
        this.deliver = deliver;
        this.carryOut = carryOut;
        this.wait = wait;
        this.proposals = new ReadBack<>(wait, unanswered, false);
    }

    /**
     * Makes a transfer of this node's operator ({@code made}, under the lock), records it and waits for its turn
     * in the record: the change as it took effect; null when it was not back within the wait.
     *
     * @throws Refusal.Conflict when it was recorded after a change of the unit from another holder than its own
     */
    ControlChange propose(Supplier<ControlChange> made) {
        ControlChange c;
        synchronized (lock) {
            c = made.get(); // refused here as on one node (no such unit, undefined command, another agency's unit)
        }
        Optional<ControlChange> taken = proposals.await(c, () -> bus.publish(Topic.UNIT_CONTROL, c.unit(), c));
        if (taken.isEmpty() && !Thread.currentThread().isInterrupted()) {
            LOG.info("transfer of unit {} to {}: not back from the unit-control topic within {}; carried out when it"
                    + " comes, if it takes effect", c.unit(), c.command(), wait);
        }
        return taken.orElse(null);
    }

    /** A control change read from the topic, in its partition's order. */
    void take(ControlChange c) {
        Optional<String> refused;
        List<DispatchOutput> out = List.of();
        synchronized (lock) {
            refused = record.refusal(c);
            if (refused.isEmpty()) {
                record.take(c);
                out = deliver.apply(c);
            }
        }
        if (refused.isPresent()) {
            LOG.info("transfer of unit {} to {} by {} did not take effect: {}", c.unit(), c.command(), c.by(),
                    refused.get());
            proposals.refuse(c, new Refusal.Conflict(refused.get()));
            return;
        }
        carryOut.accept(out);
        proposals.answer(c, c);
    }
}
