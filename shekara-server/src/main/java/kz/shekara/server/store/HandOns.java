package kz.shekara.server.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The events a {@link LoggedBus} was given to hand on later (once stored) and has not handed on yet: counted up when
 * given, down when handed on, with waits that are woken by each hand-on. Thread-safe.
 */
final class HandOns {
    private long pending; // guarded by this

    /** An event given, to be handed on later. */
    synchronized void given() {
        pending++;
    }

    /** An event handed on (or given up): wakes those waiting. */
    synchronized void handedOn() {
        pending--;
        notifyAll();
    }

    synchronized long pending() {
        return pending;
    }

    /** Waits until none is pending. */
    synchronized void awaitNone() throws InterruptedException {
        while (pending > 0) {
            wait();
        }
    }

    /** Waits until none is pending, at most {@code timeout}; whether none is. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); pending > 0; left = deadline - System.nanoTime()) {
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
