package org.mailgate.gateway.ooo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailgate.gateway.store.Database;

/** Telephone messages in the shared store, so any node (and later the web UI) lists them. */
final class TakenMessageStore {

    private final Database db;

    TakenMessageStore(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    long insert(Connection c, TakenMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO taken_message (officer, taken_by, call_at, "
                + "caller_name, caller_from, return_number, reason, call_back_by, created_at, sent_to, queue_id) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, m.officer());
            ps.setString(2, m.takenBy());
            ps.setLong(3, m.callAt().toEpochMilli());
            ps.setString(4, m.callerName());
            ps.setString(5, m.callerFrom());
            ps.setString(6, m.returnNumber());
            ps.setString(7, m.reason());
            ps.setLong(8, m.callBackBy().toEpochMilli());
            ps.setLong(9, m.createdAt().toEpochMilli());
            ps.setString(10, String.join("\n", m.sentTo()));
            ps.setString(11, m.queueId());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void recordQueueId(long id, String queueId) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE taken_message SET queue_id = ? WHERE id = ?")) {
            ps.setString(1, queueId);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The officer's messages, newest first. */
    List<TakenMessage> forOfficer(String officer, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, officer, taken_by, "
                + "call_at, caller_name, caller_from, return_number, reason, call_back_by, created_at, sent_to, queue_id "
                + "FROM taken_message WHERE officer = ? ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 10_000)))) {
            ps.setString(1, officer);
            List<TakenMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TakenMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10)),
                            List.of(rs.getString(11).split("\n")), rs.getString(12) == null ? "" : rs.getString(12)));
                }
            }
            return out;
        }
    }
}
