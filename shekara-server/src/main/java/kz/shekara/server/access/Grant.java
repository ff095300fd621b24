package kz.shekara.server.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated request's identity and the actions it may take: those of its role for an account,
 * the one action of its scope for a machine token. {@code session} is the web session it came with,
 * null for a bearer token (which needs no CSRF token). Immutable.
 */
public record Grant(Identity identity, Set<Action> actions, Session session) {
    public Grant {
        Objects.requireNonNull(identity, "identity");
        actions = Set.copyOf(actions);
    }

    /** The grant of an account's identity: its role's actions. */
    public static Grant of(Identity identity, Session session) {
        Set<Action> may = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            if (identity.role().may(a)) {
                may.add(a);
            }
        }
        return new Grant(identity, may, session);
    }

    /** True when this grant covers {@code action}. */
    public boolean may(Action action) {
        return actions.contains(action);
    }
}
