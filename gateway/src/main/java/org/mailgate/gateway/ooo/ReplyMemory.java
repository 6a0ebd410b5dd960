package org.mailgate.gateway.ooo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.mailgate.gateway.store.Database;

/**
 * Which senders have already been told that someone is away (RFC 5230 section 4.2: at most
 * one reply per sender per interval). Kept in the shared store, so restarts and other nodes
 * remember it. The row is written before the reply is sent and the reply goes only if this
 * node's write won: two nodes seeing the same message at the same moment send one reply.
 */
final class ReplyMemory {

    /** SQLSTATE for a unique constraint violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final Clock clock;
    private final Duration interval;

    ReplyMemory(Database db, Clock clock, Duration interval) {
        this.db = db;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Records a reply from {@code staff} to {@code sender} for the period that began on
     * {@code periodStart}, and returns true, unless one was recorded less than the interval ago
     * (by this node or another): then it returns false and nothing is sent.
     */
    boolean claim(String staff, String sender, LocalDate periodStart) throws SQLException {
        String s = sender.toLowerCase(Locale.ROOT);
        long now = clock.millis();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO leave_reply (staff, sender, period_start, last_reply) VALUES (?,?,?,?)")) {
                ps.setString(1, staff);
                ps.setString(2, s);
                ps.setString(3, periodStart.toString());
                ps.setLong(4, now);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            // Replied before in this period: a conditional update, so only one node takes the new turn.
            try (PreparedStatement ps = c.prepareStatement("UPDATE leave_reply SET last_reply = ? WHERE staff = ? "
                    + "AND sender = ? AND period_start = ? AND last_reply <= ?")) {
                ps.setLong(1, now);
                ps.setString(2, staff);
                ps.setString(3, s);
                ps.setString(4, periodStart.toString());
                ps.setLong(5, now - interval.toMillis());
                return ps.executeUpdate() == 1;
            }
        }
    }

    /**
     * Forgets replies older than the interval: such a row would allow the next reply anyway,
     * so removing it changes nothing but the table's size. Returns how many went.
     */
    int forgetExpired() throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM leave_reply WHERE last_reply <= ?")) {
            ps.setLong(1, clock.millis() - interval.toMillis());
            return ps.executeUpdate();
        }
    }
}
