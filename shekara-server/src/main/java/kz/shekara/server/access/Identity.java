package kz.shekara.server.access;

import java.util.Objects;

/**
 * Who made a request, once authenticated: an account (web login), a machine token, or a device
 * certificate. {@code name} is the actor recorded in every command it issues ({@code by}) and in the
 * audit trail. Immutable.
 */
public record Identity(String name, Role role, String agency, Kind kind) {
    /** How the identity was proven. */
    public enum Kind { ACCOUNT, TOKEN, CERTIFICATE }

    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(kind, "kind");
    }
}
