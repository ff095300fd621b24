package kz.shekara.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;

/**
 * The components a server has started, closed in the reverse order of their start; a component that
 * fails to close is logged and the others are still closed. Not thread-safe: its owner serialises
 * pushes and {@link #closeAll}.
 */
public final class ClosingStack {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Logger log;

    /** A stack that reports close failures to {@code log}. */
    public ClosingStack(Logger log) {
        this.log = log;
    }

    /** Records a started component. */
    public void push(AutoCloseable component) {
        started.push(component);
    }

    /** Closes every recorded component, the latest first, and forgets them. */
    public void closeAll() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
