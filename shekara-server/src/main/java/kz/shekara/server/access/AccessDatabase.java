package kz.shekara.server.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import kz.shekara.server.store.EventLogs;

/**
 * The event store's database as the accounts and tokens tables see it: one short JDBC connection per
 * operation (logins and account changes are rare), to the same SQLite file or PostgreSQL database as
 * the event log. Thread-safe.
 */
public final class AccessDatabase {
    private final String url;

    private AccessDatabase(String url) {
        this.url = url;
    }

    /**
     * The store at {@code jdbcUrl} (see {@link EventLogs#jdbcUrl}), migrated to the current schema
     * (the accounts tables arrive with the event log's migrations).
     */
    public static AccessDatabase open(String jdbcUrl) {
        EventLogs.migrate(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        return new AccessDatabase(jdbcUrl);
    }

    /** The store {@code db}, already migrated by its caller (the accounts tables arrive with the log's migrations). */
    public static AccessDatabase over(kz.shekara.server.store.StoreDatabase db) {
        return new AccessDatabase(Objects.requireNonNull(db, "db").jdbcUrl());
    }

    Connection connect() throws SQLException {
        return kz.shekara.server.store.StoreDatabase.of(url, null).connect();
    }

    @Override
    public String toString() {
        return url.startsWith("jdbc:sqlite:") ? url : url.replaceAll("password=[^&]*", "password=***");
    }
}
