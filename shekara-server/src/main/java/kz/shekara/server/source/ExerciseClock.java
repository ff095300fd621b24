package kz.shekara.server.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The exercise's own "now" when the built-in scenario runs faster than real time: once the scenario
 * has begun at event time {@code eventStart} (wall instant {@code wallStart}), it reads
 * {@code eventStart + (wall now − wallStart) × speed}, the event time the scenario is publishing; before
 * that it reads the wall clock. A scenario that falls behind its schedule (a machine that cannot keep
 * the speed) holds the clock back: it reads no more than one step of the scenario ahead of what the
 * scenario has published, so device reports placed on this clock and the rules' timers never run
 * ahead of the sensors' data (which would make every sensor look silent). Operator commands (acknowledge, dispatch, posture) stamped with it fall
 * between the events they answer, so response times measured in a sped-up demo are in exercise time.
 * Thread-safe: begun once by the scenario's source, read by any thread.
 */
public final class ExerciseClock extends Clock {
    private final Clock wall;
    private final double speed;
    private volatile Anchor anchor;
    private volatile Instant published;

    private record Anchor(Instant eventStart, Instant wallStart, Duration lead) {
    }

    /** A clock that runs {@code speed} (finite, > 0) event seconds per second of {@code wall}. */
    public ExerciseClock(Clock wall, double speed) {
        this.wall = Objects.requireNonNull(wall, "wall");
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be finite and > 0, got " + speed);
        }
        this.speed = speed;
    }

    /**
     * Called by the scenario's source when its pacing begins: {@code eventStart} is due at {@code wallStart},
     * and the scenario publishes in steps of {@code step} event time.
     */
    void begin(Instant eventStart, Instant wallStart, Duration step) {
        published = Objects.requireNonNull(eventStart);
        anchor = new Anchor(eventStart, Objects.requireNonNull(wallStart), Objects.requireNonNull(step));
    }

    /** Called by the scenario's source when it has published everything up to {@code upTo}. */
    void published(Instant upTo) {
        published = upTo;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        Instant now = wall.instant();
        Anchor a = anchor;
        if (a == null) {
            return now;
        }
        long wallNanos = Duration.between(a.wallStart(), now).toNanos();
        Instant scheduled = a.eventStart().plusNanos(Math.round(wallNanos * speed));
        Instant reached = published.plus(a.lead());
        return scheduled.isAfter(reached) ? reached : scheduled;
    }

    @Override
    public ZoneId getZone() {
        return wall.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the exercise clock keeps its wall clock's zone");
    }
}
