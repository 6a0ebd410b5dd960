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

    /**
     * What a login attempt came to. LOCKED: the account was locked, so the password was not
     * checked against it (the web page gives the same answer as for BAD_CREDENTIALS).
     */
    public enum LoginResult { OK, BAD_CREDENTIALS, LOCKED }

    /**
     * Adds an account, or replaces the role and password of an existing one; a replaced
     * password ends every session and API token the account had.
     */
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
                    endCredentials(c, name);
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

    /**
     * Disables or enables an account. Disabling ends its sessions and deletes its API tokens,
     * so enabling it again brings none of them back.
     */
    public void setDisabled(String name, boolean disabled) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE web_user SET disabled = ? WHERE name = ?")) {
                ps.setBoolean(1, disabled);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            if (disabled) {
                endCredentials(c, name);
            }
            return null;
        });
    }

    /** Ends every web session and deletes every API token of an account. */
    private static void endCredentials(Connection c, String name) throws SQLException {
        for (String table : List.of("web_session", "api_token")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE user_name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Checks a password. After {@code maxFailures} failures in a row the account is locked for
     * the lockout time, and while locked even the right password is refused.
     *
     * <p>Each attempt first claims one of the account's {@code maxFailures} tries in one
     * statement, counted as a failure, and only then is the password checked: parallel attempts
     * (on any node) take turns on the row, so however they are timed at most {@code maxFailures}
     * passwords are ever checked before the lock. A right password gives its try back; it
     * clears the count only when no other attempt claimed a try since, so a success in the
     * middle of a burst does not unlock the account. A locked account, a disabled one and an
     * unknown name cost the same bcrypt check as a known one, so timing tells nothing.
     */
    public LoginResult login(String name, String password) throws SQLException {
        long now = clock.millis();
        Claim claim = claimAttempt(name, now);
        boolean matches = Passwords.matches(password, claim.hash());
        if (claim.hash() == null) {
            return claim.locked() ? LoginResult.LOCKED : LoginResult.BAD_CREDENTIALS;
        }
        if (!matches || claim.disabled()) {
            return LoginResult.BAD_CREDENTIALS;
        }
        db.inTransaction(c -> {
            try (PreparedStatement reset = c.prepareStatement(
                    "UPDATE web_user SET failed_logins = 0, locked_until = 0 WHERE name = ? AND failed_logins = ?")) {
                reset.setString(1, name);
                reset.setInt(2, claim.count());
                if (reset.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement giveBack = c.prepareStatement(
                    "UPDATE web_user SET failed_logins = failed_logins - 1 WHERE name = ? AND failed_logins > 0")) {
                giveBack.setString(1, name);
                giveBack.executeUpdate();
            }
            return null;
        });
        return LoginResult.OK;
    }

    /**
     * One attempt's claim on an account: the hash to check (null when the name is unknown or the
     * account is locked), and the account's failure count including this attempt.
     */
    private record Claim(String hash, int count, boolean disabled, boolean locked) {
    }

    private Claim claimAttempt(String name, long now) throws SQLException {
        return db.inTransaction(c -> {
            // A lock that has run out starts a fresh count; the try that reaches the limit locks.
            String next = "CASE WHEN failed_logins >= ? THEN 1 ELSE failed_logins + 1 END";
            try (PreparedStatement ps = c.prepareStatement("UPDATE web_user SET failed_logins = " + next
                    + ", locked_until = CASE WHEN " + next + " >= ? THEN ? ELSE locked_until END"
                    + " WHERE name = ? AND locked_until <= ?")) {
                ps.setInt(1, maxFailures);
                ps.setInt(2, maxFailures);
                ps.setInt(3, maxFailures);
                ps.setLong(4, now + lockout.toMillis());
                ps.setString(5, name);
                ps.setLong(6, now);
                boolean claimed = ps.executeUpdate() == 1;
                try (PreparedStatement q = c.prepareStatement(
                        "SELECT password_hash, failed_logins, disabled FROM web_user WHERE name = ?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            return new Claim(null, 0, false, false);
                        }
                        return claimed ? new Claim(rs.getString(1), rs.getInt(2), rs.getBoolean(3), false)
                                : new Claim(null, rs.getInt(2), rs.getBoolean(3), true);
                    }
                }
            }
        });
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

    /** An API token as the accounts page and {@code users token list} show it: never the token itself. */
    public record ApiToken(long id, String user, String label, Instant created) {
        /** How the audit log names a revoked token: its number, label and account, never the token. */
        public String describe() {
            return "API token " + id + " '" + label + "' of " + user;
        }
    }

    /** The API tokens of one account, or of all accounts when {@code name} is empty. */
    public List<ApiToken> tokens(Optional<String> name) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, user_name, label, created_at FROM api_token"
                        + (name.isPresent() ? " WHERE user_name = ?" : "") + " ORDER BY user_name, id")) {
            if (name.isPresent()) {
                ps.setString(1, name.get());
            }
            List<ApiToken> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return out;
        }
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }

    /** Deletes one API token; the token it was, if there was one. */
    public Optional<ApiToken> revokeToken(long id) throws SQLException {
        return db.inTransaction(c -> {
            Optional<ApiToken> found = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_name, label, created_at FROM api_token WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = Optional.of(token(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return found;
        });
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
