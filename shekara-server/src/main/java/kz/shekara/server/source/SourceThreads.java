package kz.shekara.server.source;

/** Stopping a source's feeding thread, the same way for every source. */
final class SourceThreads {
    /** How long close() waits for a feeding thread to finish what it is publishing. */
    private static final long JOIN_MS = 5_000;

    private SourceThreads() {
    }

    /** Interrupts the thread (if any) and waits up to {@value #JOIN_MS} ms for it to end. */
    static void stop(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
