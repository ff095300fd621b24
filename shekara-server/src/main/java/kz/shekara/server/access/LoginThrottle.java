package kz.shekara.server.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perMinute} login attempts a minute from one remote address (a sliding window), so
 * that guessing passwords of many accounts from one place is slow even before any account locks.
 * Thread-safe.
 */
final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> attempts = new HashMap<>();
    private final int perMinute;
    private final Clock clock;

    LoginThrottle(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts an attempt from {@code address}; false when the address is over its limit (the attempt is not counted). */
    synchronized boolean allow(String address) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        if (attempts.size() >= MAX_ADDRESSES) {
            attempts.values().forEach(q -> trim(q, since));
            attempts.values().removeIf(Deque::isEmpty);
        }
        Deque<Instant> q = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
        trim(q, since);
        if (q.size() >= perMinute) {
            return false;
        }
        q.addLast(now);
        return true;
    }

    private static void trim(Deque<Instant> q, Instant since) {
        while (!q.isEmpty() && !q.peekFirst().isAfter(since)) {
            q.removeFirst();
        }
    }
}
