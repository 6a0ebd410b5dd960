package org.mailgate.gateway.phone;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.SealedBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telephone messages in the shared store, so any node lists them. What the caller said about
 * themselves (name, where from, return number, reason) is personal data: it is sealed in the
 * column {@code personal}, bound to the row's id. Rows written before sealing (schema V3)
 * keep those fields in clear columns until {@link #sealClearRows} seals them.
 */
final class TakenMessageStore {

    private static final Logger log = LoggerFactory.getLogger(TakenMessageStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNREADABLE = "(cannot be read with this node's master key)";
    private static final String COLUMNS = "id, officer, taken_by, call_at, caller_name, caller_from, return_number, "
            + "reason, call_back_by, created_at, sent_to, queue_id, personal, urgent, called_back_at, called_back_by";

    private final Database db;
    private final SealedBox box;

    /** @param box the key for telephone messages, {@code masterKey.derive("taken-message")} */
    TakenMessageStore(Database db, SealedBox box) {
        this.db = db;
        this.box = box;
    }

    Database database() {
        return db;
    }

    /** What a sealed value is bound to: its row, so it cannot be moved to another message. */
    static String context(long id) {
        return "taken-message:" + id;
    }

    long insert(Connection c, TakenMessage m) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO taken_message (officer, taken_by, call_at, "
                + "call_back_by, created_at, sent_to, queue_id, urgent) VALUES (?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, m.officer());
            ps.setString(2, m.takenBy());
            ps.setLong(3, m.callAt().toEpochMilli());
            ps.setLong(4, m.callBackBy().toEpochMilli());
            ps.setLong(5, m.createdAt().toEpochMilli());
            ps.setString(6, String.join("\n", m.sentTo()));
            ps.setString(7, m.queueId());
            ps.setBoolean(8, m.urgent());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        // The id is only known now, and the seal is bound to it; both happen in the caller's transaction.
        seal(c, id, m.callerName(), m.callerFrom(), m.returnNumber(), m.reason());
        return id;
    }

    void recordQueueId(long id, String queueId) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE taken_message SET queue_id = ? WHERE id = ?")) {
            ps.setString(1, queueId);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * The messages for {@code address}, newest first: those taken for them, and the copies they
     * got as the alternative contact of someone on leave (the copy is the second line of sent_to).
     */
    List<TakenMessage> forOfficer(String officer, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM taken_message WHERE officer = ? OR sent_to LIKE ? ESCAPE '!' ORDER BY id DESC LIMIT "
                + Math.max(1, Math.min(limit, 10_000)))) {
            ps.setString(1, officer);
            ps.setString(2, "%\n" + officer.replace("!", "!!").replace("%", "!%").replace("_", "!_"));
            List<TakenMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(message(rs));
                }
            }
            return out;
        }
    }

    /** Marks that the caller was called back, once; false if it already was, or there is no such message. */
    boolean markCalledBack(long id, String by, Instant at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE taken_message SET "
                + "called_back_at = ?, called_back_by = ? WHERE id = ? AND called_back_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, by);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** One message by id. */
    Optional<TakenMessage> find(long id) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM taken_message WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Seals the personal fields of rows stored in clear before schema V6 and empties their
     * clear columns; returns how many. Safe to run on several nodes at once.
     */
    int sealClearRows() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM taken_message WHERE personal IS NULL AND caller_name IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        int sealed = 0;
        for (long id : ids) {
            sealed += db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT caller_name, caller_from, return_number, "
                        + "reason FROM taken_message WHERE id = ? AND personal IS NULL AND caller_name IS NOT NULL FOR UPDATE")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return 0;   // another node sealed it first
                        }
                        seal(c, id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                        return 1;
                    }
                }
            });
        }
        return sealed;
    }

    /** Writes the sealed personal fields of row {@code id} and clears the clear columns. */
    private void seal(Connection c, long id, String name, String from, String number, String reason)
            throws SQLException {
        byte[] plain;
        try {
            plain = JSON.writeValueAsBytes(Map.of("caller_name", name, "caller_from", from, "return_number", number,
                    "reason", reason));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE taken_message SET personal = ?, caller_name = NULL, "
                + "caller_from = NULL, return_number = NULL, reason = NULL WHERE id = ?")) {
            ps.setBytes(1, box.seal(plain, context(id)));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private TakenMessage message(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Map<String, String> personal = personal(id, rs);
        return new TakenMessage(id, rs.getString("officer"), rs.getString("taken_by"),
                Instant.ofEpochMilli(rs.getLong("call_at")), personal.get("caller_name"), personal.get("caller_from"),
                personal.get("return_number"), personal.get("reason"), Instant.ofEpochMilli(rs.getLong("call_back_by")),
                Instant.ofEpochMilli(rs.getLong("created_at")), List.of(rs.getString("sent_to").split("\n")),
                rs.getString("queue_id") == null ? "" : rs.getString("queue_id"), rs.getBoolean("urgent"),
                rs.getObject("called_back_at") == null ? null : Instant.ofEpochMilli(rs.getLong("called_back_at")),
                rs.getString("called_back_by"));
    }

    /** The caller's details: opened from {@code personal}, or from the clear columns of a row not yet sealed. */
    private Map<String, String> personal(long id, ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("personal");
        if (sealed == null) {
            return Map.of("caller_name", rs.getString("caller_name"), "caller_from", rs.getString("caller_from"),
                    "return_number", rs.getString("return_number"), "reason", rs.getString("reason"));
        }
        try {
            return JSON.readValue(box.open(sealed, context(id)), new TypeReference<Map<String, String>>() { });
        } catch (GeneralSecurityException | IOException e) {
            // One unreadable row should not hide the officer's other messages.
            log.warn("telephone message {} cannot be opened with this node's master key (storage.master_key "
                    + "differs between nodes?): {}", id, e.toString());
            return Map.of("caller_name", UNREADABLE, "caller_from", UNREADABLE, "return_number", UNREADABLE,
                    "reason", UNREADABLE);
        }
    }
}
