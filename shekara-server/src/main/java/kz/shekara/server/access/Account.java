package kz.shekara.server.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the accounts table: a user of the web map and API in one of the theatre's agencies,
 * with the Argon2id hash of its password, whether it is disabled, its failed logins in a row and
 * until when it is locked (null when not). Immutable.
 */
public record Account(String user, Role role, String agency, String passwordHash, boolean disabled,
                      int failedLogins, Instant lockedUntil, Instant created) {
    public Account {
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
