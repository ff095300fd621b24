package kz.shekara.server.access;

import java.util.Locale;

/**
 * What a machine token may do: {@code feed} reads its agency's partner feed (a partner system),
 * {@code ingest} sends sensor data (a sensor gateway), {@code metrics} reads the server's metrics (a
 * Prometheus scraper). A token may take exactly one action.
 */
public enum TokenScope {
    FEED(Action.FEED),
    INGEST(Action.INGEST),
    METRICS(Action.METRICS);

    private final Action action;

    TokenScope(Action action) {
        this.action = action;
    }

    /** The one action a token of this scope may take. */
    public Action action() {
        return action;
    }

    /** The lower-case name used on the command line and in the tokens table. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code id}; IllegalArgumentException naming the scopes otherwise. */
    public static TokenScope of(String id) {
        for (TokenScope s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown token scope '" + id + "'; scopes: ingest, feed, metrics");
    }
}
