package kz.shekara.server.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web sessions in memory (a restart logs everyone out): each ends after {@code idle} without a
 * request and after {@code max} since login. Ids and CSRF tokens are 256 random bits. Thread-safe.
 */
final class Sessions {
    private record Entry(Session session, Instant lastSeen, Instant checked) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Duration max;
    private final Clock clock;

    Sessions(Duration idle, Duration max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    Session open(Identity identity) {
        Instant now = clock.instant();
        byId.values().removeIf(e -> expired(e, now));
        Session s = new Session(secret(), secret(), identity, now);
        byId.put(s.id(), new Entry(s, now, now));
        return s;
    }

    /** The live session {@code id}, touched; empty when unknown or expired (then it is removed). */
    Optional<Session> use(String id) {
        Instant now = clock.instant();
        Entry e = id == null ? null : byId.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (expired(e, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        byId.computeIfPresent(id, (k, old) -> new Entry(old.session(), now, old.checked()));
        return Optional.of(e.session());
    }

    /** True when the session's account was last checked against the store longer than {@code every} ago; marks it checked. */
    boolean dueForCheck(String id, Duration every) {
        Instant now = clock.instant();
        Entry e = byId.get(id);
        if (e == null || now.isBefore(e.checked().plus(every))) {
            return false;
        }
        byId.computeIfPresent(id, (k, old) -> new Entry(old.session(), old.lastSeen(), now));
        return true;
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of {@code user}; returns how many there were. */
    int closeAll(String user) {
        int[] n = {0};
        byId.values().removeIf(e -> {
            boolean his = e.session().identity().name().equals(user);
            n[0] += his ? 1 : 0;
            return his;
        });
        return n[0];
    }

    int size() {
        return byId.size();
    }

    private boolean expired(Entry e, Instant now) {
        return !now.isBefore(e.lastSeen().plus(idle)) || !now.isBefore(e.session().created().plus(max));
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
