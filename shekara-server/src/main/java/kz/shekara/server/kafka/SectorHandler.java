package kz.shekara.server.kafka;

import java.util.List;
import kz.shekara.model.DomainEvent;

/**
 * A worker that keeps state per partition number over several input topics keyed alike (by sector), so
 * that partition {@code p} of every input topic is one set of sectors (see {@link SectorSubscription}).
 * When it takes a partition it is given what the partition's previous owner published and handled, to
 * rebuild that partition's state before any new input of it; then the inputs from the group's committed
 * offsets on. Called from one thread, the subscription's.
 */
public interface SectorHandler {
    /**
     * Partition {@code partition} is this worker's now. {@code outputs}: the records of the output topics
     * on that partition (and of the output topics keyed otherwise, all of them), each topic in offset
     * order, topics in the order the subscription names them. {@code inputs}: the input records below the
     * group's committed offsets and within the subscription's input window of the latest of them, every
     * input topic of the partition merged by event time (those of {@link #inputsReadWhole} from the partition's start). Rebuild from them; send nothing.
     */
    void rebuild(int partition, List<DomainEvent> outputs, List<DomainEvent> inputs);

    /** An input record from the committed offset on: handle it (its outputs are sent before its offset is committed). */
    void accept(int partition, DomainEvent event);

    /** Blocks until what was handled so far has been handed to the bus (before a commit). */
    void handedOn();

    /** The partition has left this worker. */
    void revoked(int partition);

    /**
     * The input topics whose records below the committed offsets are read back whole, from the partition's
     * start, not only within the input window (inputs that are the state a taker must follow however old: the
     * dispatch desk's incident events); none by default.
     */
    default java.util.Set<kz.shekara.server.bus.Topic<?>> inputsReadWhole() {
        return java.util.Set.of();
    }
}
