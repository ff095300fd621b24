package kz.shekara.server.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kz.shekara.model.DomainEvent;
import kz.shekara.server.bus.Bus;
import kz.shekara.server.bus.Topic;
import kz.shekara.server.store.EventLog;
import kz.shekara.server.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a stored period of the event log onto a bus: every logged event with event time in the
 * period, in log (seq) order, under the topic and key it was logged with, paced by event time times
 * the speed. It only reads the log. Each event is first given to {@code sink} (on the replay
 * thread, in log order) and then published. Pause, resume, speed and seek are thread-safe commands;
 * a seek back starts again from the period's start (after {@code reset}) and plays up to the target
 * as fast as possible, so the picture after a seek equals that of an unbroken play. Runs on its own
 * thread.
 */
public final class LogReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogReplay.class);
    private static final long MAX_WAIT_MS = 50;
    private static final Duration SEEK_TIMEOUT = Duration.ofMinutes(5);

    /** Takes each replayed event before it is published; for views that need log order across topics. */
    @FunctionalInterface
    public interface Sink {
        void accept(StoredEvent event);
    }

    private final EventLog log;
    private final Bus bus;
    private final Clock clock;
    private final Sink sink;
    private final Runnable reset;
    private final Instant from;
    private final Instant to;
    private final Map<String, Topic<DomainEvent>> topics = new HashMap<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private double speed;
    private boolean paused;
    private boolean done;
    private boolean closed;
    private Instant cursor;
    private long published;
    private Instant seekTarget;
    private CompletableFuture<Void> seekDone;
    private Instant wallStart;
    private Instant eventStart;
    private Thread thread;

    /**
     * @param reset clears every view fed by this replay (before a seek back); runs on the replay thread
     */
    public LogReplay(EventLog log, ReplayPeriod period, Bus bus, Clock clock, Sink sink, Runnable reset) {
        this.log = Objects.requireNonNull(log, "log");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.from = period.from();
        this.to = period.to();
        this.speed = period.speed();
        this.cursor = from;
    }

    /** Starts playing (or starts paused, to be resumed or sought). */
    public synchronized void start(boolean startPaused) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        paused = startPaused;
        thread = Thread.ofPlatform().daemon().name("log-replay").start(this::run);
    }

    /** Completes when the whole period has been published once. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    public synchronized ReplayState state() {
        return new ReplayState(from, to, time(), speed, paused, done, published);
    }

    public synchronized void pause() {
        if (!paused) {
            cursor = time();
            paused = true;
            notifyAll();
        }
    }

    public synchronized void resume() {
        if (paused) {
            paused = false;
            rebase();
            notifyAll();
        }
    }

    /** Sets the pace: event seconds per wall second, 0 = as fast as possible. */
    public synchronized void speed(double eventSecondsPerWallSecond) {
        ReplayPeriod.checkSpeed(eventSecondsPerWallSecond);
        cursor = time();
        speed = eventSecondsPerWallSecond;
        rebase();
        notifyAll();
    }

    /**
     * Moves the replay to {@code target} (inside the period) and returns once every event up to it has
     * been published; the replay then stays paused or goes on playing as before.
     *
     * @throws IllegalArgumentException when the target lies outside the period
     */
    public void seek(Instant target) throws InterruptedException {
        if (target.isBefore(from) || target.isAfter(to)) {
            throw new IllegalArgumentException("seek target " + target + " is outside the replay period " + from + " .. " + to);
        }
        CompletableFuture<Void> f;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("replay is closed");
            }
            if (seekDone != null) {
                seekDone.cancel(false);
            }
            seekTarget = target;
            seekDone = f = new CompletableFuture<>();
            notifyAll();
        }
        try {
            f.get(SEEK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("seek to " + target + " did not complete: " + e, e);
        } catch (java.util.concurrent.CancellationException e) {
            return; // a newer seek took its place
        }
        bus.drain();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The replay time now: the cursor, advanced by the wall time elapsed when playing at a pace. */
    private Instant time() {
        if (paused || done || speed == 0 || wallStart == null) {
            return cursor;
        }
        long wallNs = Duration.between(wallStart, clock.instant()).toNanos();
        Instant t = eventStart.plusNanos((long) (wallNs * speed));
        return t.isAfter(to) ? to : t.isBefore(cursor) ? cursor : t;
    }

    private void rebase() {
        wallStart = clock.instant();
        eventStart = cursor;
    }

    private void run() {
        try {
            play();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("replay of the log from {} to {} failed", from, to, e);
            ended.completeExceptionally(e);
        }
    }

    private void play() throws InterruptedException {
        Stream<StoredEvent> stream = log.readTimeRange(from, to);
        try {
            Iterator<StoredEvent> it = stream.iterator();
            StoredEvent next = it.hasNext() ? it.next() : null;
            synchronized (this) {
                rebase();
            }
            while (true) {
                Instant fastUntil = null;
                CompletableFuture<Void> seekFuture = null;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (seekTarget != null) {
                        fastUntil = seekTarget;
                        seekFuture = seekDone;
                        seekTarget = null;
                    }
                }
                if (fastUntil != null) {
                    if (fastUntil.isBefore(cursorNow())) {
                        stream.close();
                        reset.run();
                        stream = log.readTimeRange(from, to);
                        it = stream.iterator();
                        next = it.hasNext() ? it.next() : null;
                        synchronized (this) {
                            published = 0;
                        }
                    }
                    while (next != null && !next.event().time().isAfter(fastUntil)) {
                        publish(next);
                        next = it.hasNext() ? it.next() : null;
                    }
                    synchronized (this) {
                        cursor = fastUntil;
                        done = next == null && fastUntil.equals(to);
                        rebase();
                    }
                    seekFuture.complete(null);
                    continue;
                }
                if (next == null) {
                    finish();
                    continue;
                }
                if (awaitDue(next.event().time())) {
                    publish(next);
                    next = it.hasNext() ? it.next() : null;
                }
            }
        } finally {
            stream.close();
        }
    }

    private synchronized Instant cursorNow() {
        return time();
    }

    /** Marks the period played through and waits for a command (a seek can play it again). */
    private synchronized void finish() throws InterruptedException {
        if (!done) {
            done = true;
            cursor = to;
            LOG.info("replayed {} logged events from {} to {}", published, from, to);
            ended.complete(null);
        }
        if (seekTarget == null && !closed) {
            wait(MAX_WAIT_MS);
        }
    }

    /**
     * Waits until event time {@code t} is due; returns false, without waiting it out, when a
     * command (seek, close) came in meanwhile.
     */
    private synchronized boolean awaitDue(Instant t) throws InterruptedException {
        while (true) {
            if (closed || seekTarget != null) {
                return false;
            }
            if (!paused && (speed == 0 || !time().isBefore(t))) {
                return true;
            }
            long waitMs = MAX_WAIT_MS;
            if (!paused) {
                long eventNs = Duration.between(time(), t).toNanos();
                waitMs = Math.max(1, Math.min(MAX_WAIT_MS, (long) (eventNs / speed / 1e6)));
            }
            wait(waitMs);
        }
    }

    private void publish(StoredEvent e) {
        sink.accept(e);
        Topic<DomainEvent> topic = topics.computeIfAbsent(e.topic(), n -> new Topic<>(n, DomainEvent.class, null));
        bus.publish(topic, e.key(), e.event());
        synchronized (this) {
            published++;
            if (e.event().time().isAfter(cursor)) {
                cursor = e.event().time();
            }
        }
    }
}
