package kz.shekara.server.kafka;

import java.util.function.BooleanSupplier;

/**
 * The bound on events a {@link KafkaBus} has handed to its producer and the cluster has not yet taken:
 * a publisher at the bound waits until the cluster takes some (or the bus closes), and each such wait
 * is counted. Thread-safe.
 */
final class SendWindow {
    private static final long WAIT_MILLIS = 200;

    private final int max;
    private long unsent;
    private long waits;
    private int waiting;

    SendWindow(int max) {
        this.max = max;
    }

    /**
     * Takes a place for one event, waiting while the window is full; IllegalStateException when
     * {@code closed} turns true or the thread is interrupted meanwhile (nothing taken then).
     */
    synchronized void acquire(BooleanSupplier closed) {
        if (unsent >= max) {
            waits++;
            waiting++;
            try {
                while (unsent >= max) {
                    if (closed.getAsBoolean()) {
                        throw new IllegalStateException("bus is closed");
                    }
                    wait(WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
            } finally {
                waiting--;
            }
        }
        unsent++;
    }

    /** Gives back the place of an event the cluster took (or the producer gave up on). */
    synchronized void release() {
        unsent--;
        notifyAll();
    }

    /** Counts a send the producer refused at once (it is tried again). */
    synchronized void refused() {
        waits++;
    }

    /** Wakes every waiting publisher (the bus is closing). */
    synchronized void wake() {
        notifyAll();
    }

    synchronized long unsent() {
        return unsent;
    }

    synchronized long waits() {
        return waits;
    }

    synchronized int waiting() {
        return waiting;
    }
}
