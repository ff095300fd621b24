package kz.shekara.server.review;

import java.time.Instant;

/**
 * Where a replay session stands: its period, the replay time now (event time), the pace, whether it
 * is paused or has played the whole period, and how many logged events it has published since it
 * (last) started from the beginning. Immutable.
 */
public record ReplayState(Instant from, Instant to, Instant time, double speed, boolean paused, boolean ended,
                          long published) {
}
