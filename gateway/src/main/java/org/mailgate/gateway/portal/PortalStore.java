package org.mailgate.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.gateway.auth.Users;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.SealedChunks;

/**
 * The portal's rows in the shared store. Tokens, codes and session ids arrive here already
 * hashed; bodies and their keys already sealed. One-shot transitions (first open, using a
 * code) are conditional updates, so two nodes cannot both win them.
 */
final class PortalStore {

    private static final String COLUMNS = "id, queue_id, recipient, sender, subject, size_bytes, created_at, "
            + "expires_at, revoked_at, revoked_by, first_opened_at, subject_hidden, message_id, message_refs";

    private final Database db;

    PortalStore(Database db) {
        this.db = db;
    }

    record NewMessage(String tokenHash, String senderTokenHash, String queueId, String recipient, String sender,
            String subject, boolean subjectHidden, Instant created, Instant expires, byte[] wrappedKey,
            String messageId, String references) {
    }

    /** What else belongs to storing a message, done in the same transaction. */
    @FunctionalInterface
    interface Stored {
        void run(Connection c, long id) throws SQLException, IOException;
    }

    private static final SealedChunks BODIES = new SealedChunks("portal_chunk", "message_id");

    /**
     * Stores a message, its body read from {@code body} and sealed in segments under {@code dataKey}
     * for {@code context}, in one transaction; empty if this queue id and recipient are already
     * stored (a repeat after a crash).
     */
    Optional<Long> insert(NewMessage m, InputStream body, byte[] dataKey, String context, Stored then)
            throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM portal_message WHERE queue_id = ? AND recipient = ?")) {
                ps.setString(1, m.queueId());
                ps.setString(2, m.recipient());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.<Long>empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO portal_message (token_hash, sender_token_hash, "
                    + "queue_id, recipient, sender, subject, size_bytes, created_at, expires_at, wrapped_key, "
                    + "subject_hidden, message_id, message_refs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, m.tokenHash());
                ps.setString(2, m.senderTokenHash());
                ps.setString(3, m.queueId());
                ps.setString(4, m.recipient());
                ps.setString(5, m.sender());
                ps.setString(6, m.subject());
                ps.setLong(7, 0);
                ps.setLong(8, m.created().toEpochMilli());
                ps.setLong(9, m.expires().toEpochMilli());
                ps.setBytes(10, m.wrappedKey());
                ps.setBoolean(11, m.subjectHidden());
                ps.setString(12, m.messageId().isBlank() ? null : m.messageId());
                ps.setString(13, m.references().isBlank() ? null : m.references());
                ps.executeUpdate();
                long id;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                long size;
                try {
                    size = BODIES.write(c, id, body, dataKey, context);
                } catch (IOException e) {
                    throw new SQLException("cannot read the message to keep: " + e.getMessage(), e);
                }
                update(c, "UPDATE portal_message SET size_bytes = ? WHERE id = ?", size, id);
                try {
                    then.run(c, id);
                } catch (IOException e) {
                    throw new SQLException("cannot queue the portal notice: " + e.getMessage(), e);
                }
                return Optional.of(id);
            }
        });
    }

    /** For messages created since {@code from}: how many were opened, and how many there are. */
    long[] openedSince(Instant from) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(first_opened_at), COUNT(*) FROM portal_message WHERE created_at >= ?")) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The message a recipient's link points to, if the link is genuine (it may be expired or revoked). */
    Optional<PortalMessage> byLink(String token) throws SQLException {
        return Links.wellFormed(token) ? byTokenHash(Users.sha256(token)) : Optional.empty();
    }

    Optional<PortalMessage> byTokenHash(String hash) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM portal_message WHERE token_hash = ?", hash);
    }

    Optional<PortalMessage> bySenderTokenHash(String hash) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM portal_message WHERE sender_token_hash = ?", hash);
    }

    Optional<PortalMessage> find(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM portal_message WHERE id = ?", id);
    }

    private Optional<PortalMessage> one(String sql, Object arg) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        }
    }

    /** The wrapped key and, for a message stored before bodies were kept in segments, the sealed body. */
    record Sealed(byte[] wrappedKey, byte[] content) {
    }

    /** The plain body, streamed segment by segment, opened with {@code dataKey}. */
    InputStream body(long id, byte[] dataKey, String context) {
        return BODIES.read(db, id, dataKey, context);
    }

    Optional<Sealed> sealed(long id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT wrapped_key, content FROM portal_message WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Sealed(rs.getBytes(1), rs.getBytes(2))) : Optional.empty();
            }
        }
    }

    /** True for the first open only. */
    boolean markOpened(long id, Instant at) throws SQLException {
        return update("UPDATE portal_message SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL",
                at.toEpochMilli(), id) == 1;
    }

    boolean revoke(long id, String by, Instant at) throws SQLException {
        return update("UPDATE portal_message SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                at.toEpochMilli(), by, id) == 1;
    }

    void addCode(long messageId, String codeHash, Instant created, Instant expires) throws SQLException {
        update("INSERT INTO portal_code (message_id, code_hash, created_at, expires_at) VALUES (?,?,?,?)",
                messageId, codeHash, created.toEpochMilli(), expires.toEpochMilli());
    }

    int codesSince(long messageId, Instant since) throws SQLException {
        return count("SELECT COUNT(*) FROM portal_code WHERE message_id = ? AND created_at >= ?", messageId,
                since.toEpochMilli());
    }

    /** The newest unused, unexpired code with attempts left: id and hash. */
    record Code(long id, String hash, int attempts) {
    }

    Optional<Code> liveCode(long messageId, Instant now, int maxAttempts) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, code_hash, attempts FROM portal_code WHERE message_id = ? AND used = FALSE AND expires_at > ? "
                        + "AND attempts < ? ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, messageId);
            ps.setLong(2, now.toEpochMilli());
            ps.setInt(3, maxAttempts);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Code(rs.getLong(1), rs.getString(2), rs.getInt(3))) : Optional.empty();
            }
        }
    }

    void countAttempt(long codeId) throws SQLException {
        update("UPDATE portal_code SET attempts = attempts + 1 WHERE id = ?", codeId);
    }

    /** Uses a code once: false if it was used (on any node) in the meantime. */
    boolean useCode(long codeId) throws SQLException {
        return update("UPDATE portal_code SET used = TRUE WHERE id = ? AND used = FALSE", codeId) == 1;
    }

    void addFailure(long messageId, Instant at, String client) throws SQLException {
        update("INSERT INTO portal_failure (message_id, at, client) VALUES (?,?,?)", messageId, at.toEpochMilli(), client);
    }

    int failuresSince(long messageId, Instant since) throws SQLException {
        return count("SELECT COUNT(*) FROM portal_failure WHERE message_id = ? AND at >= ?", messageId,
                since.toEpochMilli());
    }

    void addSession(String idHash, long messageId, Instant created, Instant expires) throws SQLException {
        update("INSERT INTO portal_session (id_hash, message_id, created_at, expires_at) VALUES (?,?,?,?)", idHash,
                messageId, created.toEpochMilli(), expires.toEpochMilli());
    }

    Optional<Long> sessionMessage(String idHash, Instant now) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT message_id FROM portal_session WHERE id_hash = ? AND expires_at > ?")) {
            ps.setString(1, idHash);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void endSession(String idHash) throws SQLException {
        update("DELETE FROM portal_session WHERE id_hash = ?", idHash);
    }

    /** Deletes messages past their expiry (their codes, failures and sessions go with them). */
    List<Long> deleteExpired(Instant now) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM portal_message WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        for (long id : ids) {
            update("DELETE FROM portal_message WHERE id = ?", id);
        }
        return ids;
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection()) {
            return update(c, sql, args);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private int count(String sql, Object... args) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static PortalMessage message(ResultSet rs) throws SQLException {
        return new PortalMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
                instant(rs, 9), rs.getString(10), instant(rs, 11), rs.getBoolean(12),
                rs.getString(13) == null ? "" : rs.getString(13), rs.getString(14) == null ? "" : rs.getString(14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
