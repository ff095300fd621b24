package kz.shekara.server.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Which certificate user holds each TAK device uid, in the access database (table
 * {@code uid_holdings}): the first to speak for a uid holds it, across restarts, so that a restart
 * does not let another certificate take it. One short statement per uid not yet held in this
 * process (the caller keeps what it learnt). Thread-safe; the database decides a race.
 */
public final class UidHoldings {
    private final AccessDatabase db;
    private final Clock clock;

    /** @param clock wall time, stamped on a new holding */
    public UidHoldings(AccessDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes {@code holder} hold {@code uid} unless someone does; returns who holds it now (
     * {@code holder} when it was free). {@link AccessStoreException} when the store cannot answer.
     */
    public String hold(String uid, String holder) {
        try (Connection c = db.connect()) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO uid_holdings (uid, holder, since)"
                    + " VALUES (?, ?, ?) ON CONFLICT (uid) DO NOTHING")) {
                AccountStore.bind(ins, uid, holder, clock.instant().toString());
                ins.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT holder FROM uid_holdings WHERE uid = ?")) {
                q.setString(1, uid);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getString(1) : holder;
                }
            }
        } catch (SQLException e) {
            throw new AccessStoreException("hold uid " + uid, e);
        }
    }
}
