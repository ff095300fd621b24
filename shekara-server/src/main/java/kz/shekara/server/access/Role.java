package kz.shekara.server.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an account is for, and so which {@link Action}s it may take. An operator works the alert
 * desk and the response; a commander also sets postures, transfers control and declares a crisis;
 * an analyst reads, reviews and exports; a partner reads only what was released to its agency; an
 * admin keeps accounts, certificates and the audit trail and takes no operational action.
 */
public enum Role {
    OPERATOR(EnumSet.of(Action.READ, Action.ALERT, Action.DISPATCH, Action.CHAT, Action.RELEASE)),
    COMMANDER(EnumSet.of(Action.READ, Action.ALERT, Action.DISPATCH, Action.CHAT, Action.RELEASE,
            Action.POSTURE, Action.CONTROL, Action.CRISIS, Action.REVIEW)),
    ANALYST(EnumSet.of(Action.READ, Action.REVIEW, Action.EXPORT)),
    PARTNER(EnumSet.of(Action.FEED)),
    ADMIN(EnumSet.of(Action.ACCOUNTS, Action.CERTIFICATES, Action.AUDIT));

    private final Set<Action> actions;

    Role(Set<Action> actions) {
        this.actions = actions;
    }

    /** True when this role may take the action. */
    public boolean may(Action action) {
        return actions.contains(action);
    }

    /** The lower-case name used in the API, the command line and the accounts table. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (any case); IllegalArgumentException naming the roles when there is none. */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "'; roles: operator, commander, analyst, partner, admin");
    }
}
