package kz.shekara.server.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of the accounts table: a user of the web map and API in one of the theatre's agencies,
 * with the Argon2id hash of its password, whether it is disabled, its failed logins in a row, until
 * when it is locked (null when not) and the named groups it belongs to beyond its agency (a TAK
 * device of the account routes in its agency and in each of them), in name order. Immutable.
 */
public record Account(String user, Role role, String agency, String passwordHash, boolean disabled,
                      int failedLogins, Instant lockedUntil, Instant created, Set<String> groups) {
    public Account {
        groups = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(created, "created");
    }

    /** True while a lockout is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** The identity a login of this account gives. */
    public Identity identity() {
        return new Identity(user, role, agency, Identity.Kind.ACCOUNT);
    }
}
