package org.mailgate.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.mailgate.gateway.store.Database;

/**
 * Web UI and API accounts in the shared store: bcrypt passwords, lockout after repeated
 * failures, and API tokens (kept only as SHA-256 hashes).
 */
public final class Users {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private final Database db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final SecureRandom random = new SecureRandom();

    public Users(Database db, Clock clock, int maxFailures, Duration lockout) {
        this.db = db;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    public record User(String name, Role role, Instant created, boolean disabled, Instant lockedUntil) {
    }

    /** What a login attempt came to. */
    public enum LoginResult { OK, BAD_CREDENTIALS, LOCKED }

    /** Adds an account, or replaces the role and password of an existing one. */
    public void add(String name, Role role, String password) throws SQLException {
        if (!name.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new IllegalArgumentException("a user name is 1-128 letters, digits or . _ @ -");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String hash = Passwords.hash(password);
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE web_user SET role = ?, password_hash = ?, "
                    + "failed_logins = 0, locked_until = 0, disabled = FALSE WHERE name = ?")) {
                up.setString(1, role.name());
                up.setString(2, hash);
                up.setString(3, name);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO web_user (name, role, password_hash, created_at) VALUES (?,?,?,?)")) {
                ins.setString(1, name);
                ins.setString(2, role.name());
                ins.setString(3, hash);
                ins.setLong(4, clock.millis());
                ins.executeUpdate();
            }
            return null;
        });
    }

    public List<User> list() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, role, created_at, disabled, locked_until FROM web_user ORDER BY name")) {
            List<User> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(user(rs));
                }
            }
            return out;
        }
    }

    public Optional<User> find(String name) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, role, created_at, disabled, locked_until FROM web_user WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), Role.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getBoolean(4), Instant.ofEpochMilli(rs.getLong(5)));
    }

    public void setDisabled(String name, boolean disabled) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE web_user SET disabled = ? WHERE name = ?")) {
            ps.setBoolean(1, disabled);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /**
     * Checks a password. After {@code maxFailures} failures in a row the account is locked for
     * the lockout time, and while locked even the right password is refused. An unknown name
     * costs the same bcrypt check as a known one.
     */
    public LoginResult login(String name, String password) throws SQLException {
        String hash = null;
        long lockedUntil = 0;
        boolean disabled = false;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT password_hash, locked_until, disabled FROM web_user WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hash = rs.getString(1);
                    lockedUntil = rs.getLong(2);
                    disabled = rs.getBoolean(3);
                }
            }
        }
        boolean matches = Passwords.matches(password, hash);
        long now = clock.millis();
        if (hash == null) {
            return LoginResult.BAD_CREDENTIALS;
        }
        if (lockedUntil > now) {
            return LoginResult.LOCKED;
        }
        if (matches && !disabled) {
            update("UPDATE web_user SET failed_logins = 0, locked_until = 0 WHERE name = ?", name);
            return LoginResult.OK;
        }
        // One statement, so that failures counted on two nodes at once all count.
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE web_user SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= ? "
                        + "THEN ? ELSE locked_until END WHERE name = ?")) {
            ps.setInt(1, maxFailures);
            ps.setLong(2, now + lockout.toMillis());
            ps.setString(3, name);
            ps.executeUpdate();
        }
        return LoginResult.BAD_CREDENTIALS;
    }

    private void update(String sql, String name) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /** Creates an API token for a user; the token is shown once and stored only as a hash. */
    public String createToken(String name, String label) throws SQLException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "mgt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (token_hash, user_name, label, created_at) VALUES (?,?,?,?)")) {
            ps.setString(1, sha256(token));
            ps.setString(2, name);
            ps.setString(3, label);
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
        return token;
    }

    /** The enabled user an API token belongs to, if any. */
    public Optional<User> userForToken(String token) throws SQLException {
        if (token == null || !token.startsWith("mgt_")) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT u.name, u.role, u.created_at, u.disabled, u.locked_until FROM api_token t "
                        + "JOIN web_user u ON u.name = t.user_name WHERE t.token_hash = ? AND u.disabled = FALSE")) {
            ps.setString(1, sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
