package kz.shekara.server.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the tokens table (the secret itself is never kept, only its SHA-256); {@code revoked}
 * null while valid; {@code account} the account it belongs to (refused while that account is
 * disabled), null for none. Immutable.
 */
public record Token(String name, String agency, TokenScope scope, Instant created, Instant revoked, String account) {
    public Token {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(created, "created");
    }

    /**
     * The identity a request with this token has: named {@code token:<name>}, of its agency, with the
     * partner role (it reads nothing but what the scope allows, see {@link TokenScope}).
     */
    public Identity identity() {
        return new Identity("token:" + name, Role.PARTNER, agency, Identity.Kind.TOKEN);
    }
}
