package kz.shekara.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens table: machine tokens for sensor gateways and partner systems, sent as
 * {@code Authorization: Bearer <secret>}. A token's secret (256 random bits, prefixed {@code shk_}) is
 * shown once when issued and kept only as its SHA-256, so a stolen table gives no usable token.
 * Thread-safe.
 */
public final class TokenStore {
    private static final String PREFIX = "shk_";
    private static final String COLUMNS = "name, agency, scope, created, revoked, account";
    private final AccessDatabase db;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(AccessDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Issues a token of no account and returns its secret, which is not kept; IllegalArgumentException when the name exists. */
    public String issue(String name, String agency, TokenScope scope, Instant created) {
        return issue(name, agency, scope, null, created);
    }

    /**
     * Issues a token belonging to {@code account} (null: none; it stops working while that account is
     * disabled) and returns its secret, which is not kept; IllegalArgumentException when the name exists.
     */
    public String issue(String name, String agency, TokenScope scope, String account, Instant created) {
        AccountStore.checkUser(name);
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("token '" + name + "' exists");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        update("issue token " + name, "INSERT INTO tokens (name, agency, scope, token_sha256, created, revoked, account)"
                + " VALUES (?, ?, ?, ?, ?, NULL, ?)", name, agency, scope.id(), sha256(token), created.toString(), account);
        return token;
    }

    /** The valid token whose secret is {@code secret}, if any: not revoked, and its account (if it has one) not disabled. */
    public Optional<Token> bySecret(String secret) {
        return query("look up a token", "SELECT " + COLUMNS + " FROM tokens t WHERE token_sha256 = ? AND revoked IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.username = t.account AND a.disabled <> 0)",
                sha256(secret)).stream().findFirst();
    }

    /** The token named {@code name}, revoked or not. */
    public Optional<Token> find(String name) {
        return query("find token " + name, "SELECT " + COLUMNS + " FROM tokens WHERE name = ?", name).stream().findFirst();
    }

    /** Every token, by name. */
    public List<Token> list() {
        return query("list tokens", "SELECT " + COLUMNS + " FROM tokens ORDER BY name");
    }

    /** Revokes a token from {@code when} on; false when there is no such valid token. */
    public boolean revoke(String name, Instant when) {
        return update("revoke token " + name, "UPDATE tokens SET revoked = ? WHERE name = ? AND revoked IS NULL",
                when.toString(), name) > 0;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private int update(String what, String sql, Object... args) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            AccountStore.bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new AccessStoreException(what, e);
        }
    }

    private List<Token> query(String what, String sql, Object... args) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            AccountStore.bind(ps, args);
            List<Token> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String revoked = rs.getString(5);
                    out.add(new Token(rs.getString(1), rs.getString(2), TokenScope.of(rs.getString(3)),
                            Instant.parse(rs.getString(4)), revoked == null ? null : Instant.parse(revoked),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AccessStoreException(what, e);
        }
    }
}
