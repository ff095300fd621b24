package kz.shekara.server.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The accounts table and the account groups: add, find, list, disable, set a password or the groups, and count failed logins (a lockout
 * once {@code maxFailures} follow one another). User names are 1 to 64 letters, digits, '.', '_' or
 * '-'. Thread-safe: every call is its own statement.
 */
public final class AccountStore {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String COLUMNS =
            "username, role, agency, password_hash, disabled, failed_logins, locked_until, created";

    private final AccessDatabase db;

    public AccountStore(AccessDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Checks a user name; IllegalArgumentException saying what is allowed otherwise. */
    public static String checkUser(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user name must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + user + "'");
        }
        return user;
    }

    /** Adds an account in no group; IllegalArgumentException when the user exists. */
    public void add(String user, Role role, String agency, String passwordHash, Instant created) {
        add(user, role, agency, passwordHash, created, Set.of());
    }

    /** Adds an account in {@code groups} (beyond its agency); IllegalArgumentException when the user exists or a group name is bad. */
    public void add(String user, Role role, String agency, String passwordHash, Instant created, Set<String> groups) {
        checkUser(user);
        groups.forEach(AccountStore::checkGroup);
        if (find(user).isPresent()) {
            throw new IllegalArgumentException("user '" + user + "' exists");
        }
        update("add " + user, "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, 0, 0, NULL, ?)",
                user, role.id(), agency, passwordHash, created.toString());
        setGroups(user, groups);
    }

    /** Checks a group name (as a user name: 1 to 64 letters, digits, '.', '_' or '-'); IllegalArgumentException otherwise. */
    public static String checkGroup(String group) {
        if (group == null || !USER.matcher(group).matches()) {
            throw new IllegalArgumentException("group name must be 1 to 64 letters, digits, '.', '_' or '-', got '"
                    + group + "'");
        }
        return group;
    }

    /**
     * Makes {@code groups} the account's groups beyond its agency (none: it routes in its agency
     * only), in one transaction; false when there is no such user.
     */
    public boolean setGroups(String user, Set<String> groups) {
        groups.forEach(AccountStore::checkGroup);
        if (find(user).isEmpty()) {
            return false;
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM account_groups WHERE username = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO account_groups (username, group_name) VALUES (?, ?)")) {
                del.setString(1, user);
                del.executeUpdate();
                for (String g : new TreeSet<>(groups)) {
                    ins.setString(1, user);
                    ins.setString(2, g);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccessStoreException("set the groups of " + user, e);
        }
        return true;
    }

    /** The account of {@code user}, if any. */
    public Optional<Account> find(String user) {
        List<Account> found = query("find " + user, "SELECT " + COLUMNS + " FROM accounts WHERE username = ?", user);
        return found.stream().findFirst();
    }

    /** Every account, by user name. */
    public List<Account> list() {
        return query("list", "SELECT " + COLUMNS + " FROM accounts ORDER BY username");
    }

    /** True when the table holds no account. */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /** Disables an account (its sessions end at their next request); false when there is no such user. */
    public boolean disable(String user) {
        return update("disable " + user, "UPDATE accounts SET disabled = 1 WHERE username = ?", user) > 0;
    }

    /** Enables a disabled account again, with no failures counted and no lockout; false when there is no such user. */
    public boolean enable(String user) {
        return update("enable " + user, "UPDATE accounts SET disabled = 0, failed_logins = 0, locked_until = NULL"
                + " WHERE username = ?", user) > 0;
    }

    /** Sets a new password hash, clears failures and lockout; false when there is no such user. */
    public boolean setPassword(String user, String passwordHash) {
        return update("set the password of " + user, "UPDATE accounts SET password_hash = ?, failed_logins = 0,"
                + " locked_until = NULL WHERE username = ?", passwordHash, user) > 0;
    }

    /** Records a failed login; from the {@code maxFailures}-th in a row the account is locked until {@code lockUntil}. */
    public void failed(String user, int maxFailures, Instant lockUntil) {
        update("count a failed login of " + user, "UPDATE accounts SET failed_logins = failed_logins + 1,"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END WHERE username = ?",
                maxFailures, lockUntil.toString(), user);
        update("reset the failures of " + user, "UPDATE accounts SET failed_logins = 0 WHERE username = ?"
                + " AND failed_logins >= ?", user, maxFailures);
    }

    /** Records a successful login: failures counted from zero again, no lockout. */
    public void succeeded(String user) {
        update("record a login of " + user, "UPDATE accounts SET failed_logins = 0, locked_until = NULL"
                + " WHERE username = ?", user);
    }

    private int update(String what, String sql, Object... args) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new AccessStoreException(what, e);
        }
    }

    private List<Account> query(String what, String sql, Object... args) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Account> out = new ArrayList<>();
            Map<String, Set<String>> groups = groups(c, args.length == 1 ? (String) args[0] : null);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String locked = rs.getString(7);
                    out.add(new Account(rs.getString(1), Role.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getInt(5) != 0, rs.getInt(6), locked == null ? null : Instant.parse(locked),
                            Instant.parse(rs.getString(8)), groups.getOrDefault(rs.getString(1), Set.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AccessStoreException(what, e);
        }
    }

    /** The groups of {@code user} (null: of every account), by user. */
    private static Map<String, Set<String>> groups(Connection c, String user) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        String sql = "SELECT username, group_name FROM account_groups" + (user == null ? "" : " WHERE username = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (user != null) {
                ps.setString(1, user);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) args[i]);
            }
        }
    }
}
