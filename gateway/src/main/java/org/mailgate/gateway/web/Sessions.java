package org.mailgate.gateway.web;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.mailgate.gateway.auth.Role;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.Database;

/**
 * Signed-in sessions in the shared store ({@code web_session}), so that any node behind a load
 * balancer serves them. The cookie carries 256 random bits; the table keeps only their SHA-256,
 * so a copy of the database does not let anyone in. A session ends after the idle timeout, at
 * logout, or as soon as its account is disabled or its password changed ({@link Users} deletes the
 * account's sessions then; the lookup also joins the account).
 */
final class Sessions {

    /** How often last_seen is written: often enough for the idle timeout, rarely enough not to write on every click. */
    private static final long TOUCH_MILLIS = 15_000;

    private final Database db;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random;

    Sessions(Database db, Clock clock, Duration idle, SecureRandom random) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.random = random;
    }

    /** A live session: whose it is, their current role, and the CSRF token of its forms. */
    record Session(String idHash, String user, Role role, String csrf) {
    }

    /** 256 random bits, URL-safe: session ids, CSRF tokens. */
    String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Starts a new session for a user who has just proved who they are and returns the cookie
     * value. Always a fresh id, whatever cookie the browser came with: no session fixation.
     */
    String start(String user) throws SQLException {
        String id = token();
        long now = clock.millis();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM web_session WHERE last_seen < ?")) {
                ps.setLong(1, now - idle.toMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO web_session (id_hash, user_name, csrf_token, "
                    + "created_at, last_seen) VALUES (?,?,?,?,?)")) {
                ps.setString(1, Users.sha256(id));
                ps.setString(2, user);
                ps.setString(3, token());
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.executeUpdate();
            }
        }
        return id;
    }

    /** The live session for a cookie value, if there is one; counts as activity. */
    Optional<Session> find(String cookie) throws SQLException {
        if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hash = Users.sha256(cookie);
        long now = clock.millis();
        try (Connection c = db.connection()) {
            Session found;
            long lastSeen;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.user_name, u.role, s.csrf_token, s.last_seen "
                    + "FROM web_session s JOIN web_user u ON u.name = s.user_name "
                    + "WHERE s.id_hash = ? AND u.disabled = FALSE")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    found = new Session(hash, rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3));
                    lastSeen = rs.getLong(4);
                }
            }
            if (now - lastSeen > idle.toMillis()) {
                delete(c, hash);
                return Optional.empty();
            }
            if (now - lastSeen > TOUCH_MILLIS) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE web_session SET last_seen = ? WHERE id_hash = ?")) {
                    ps.setLong(1, now);
                    ps.setString(2, hash);
                    ps.executeUpdate();
                }
            }
            return Optional.of(found);
        }
    }

    void end(Session s) throws SQLException {
        try (Connection c = db.connection()) {
            delete(c, s.idHash());
        }
    }

    private static void delete(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM web_session WHERE id_hash = ?")) {
            ps.setString(1, hash);
            ps.executeUpdate();
        }
    }
}
