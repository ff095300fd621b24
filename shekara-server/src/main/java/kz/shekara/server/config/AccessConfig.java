package kz.shekara.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Web sessions and logins: a session ends after {@code sessionIdle} without a request and after
 * {@code sessionMax} whatever happens; {@code maxFailures} failed logins in a row lock an account
 * for {@code lockout}; an address may try at most {@code loginsPerMinute} logins a minute (right or
 * wrong). Validated on construction; immutable.
 */
public record AccessConfig(Duration sessionIdle, Duration sessionMax, int maxFailures, Duration lockout,
                           int loginsPerMinute) {
    public AccessConfig {
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionMax, "sessionMax");
        Objects.requireNonNull(lockout, "lockout");
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMax.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("access needs 0 < sessionIdle <= sessionMax, got "
                    + sessionIdle + ", " + sessionMax);
        }
        if (maxFailures < 1 || loginsPerMinute < 1) {
            throw new IllegalArgumentException("access maxFailures and loginsPerMinute must be >= 1");
        }
        if (lockout.isNegative()) {
            throw new IllegalArgumentException("access lockout must be >= 0, got " + lockout);
        }
    }

    /** Sessions idle out after 30 minutes and end after 12 hours; 5 failures lock for 15 minutes; 10 logins a minute per address. */
    public static AccessConfig defaults() {
        return new AccessConfig(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15), 10);
    }
}
