package org.mailgate.gateway.store;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only record of who did what: every view of a held message's body, every
 * decision, login and failed login, purge. Rows are only ever inserted. Details name the
 * item and the reason, never message content or detected values.
 */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("audit");

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String actor, String action, Long itemId, String detail, String client) {
    }

    /** Records an action; {@code itemId} may be null. */
    public void record(String actor, String action, Long itemId, String detail, String client) throws SQLException {
        try (Connection c = db.connection()) {
            record(c, actor, action, itemId, detail, client);
        }
    }

    /** Records an action inside the caller's transaction, so it commits (or not) with the change it describes. */
    public void record(Connection c, String actor, String action, Long itemId, String detail, String client)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (at, actor, action, item_id, detail, client) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, actor);
            ps.setString(3, action);
            if (itemId == null) {
                ps.setNull(4, java.sql.Types.BIGINT);
            } else {
                ps.setLong(4, itemId);
            }
            ps.setString(5, detail);
            ps.setString(6, client == null ? "" : client);
            ps.executeUpdate();
        }
        log.info("actor={} action={} item={} client={} {}", actor, action, itemId == null ? "-" : itemId,
                client == null ? "-" : client, detail);
    }

    /** Whether {@code actor} did {@code action} on {@code itemId} at or after {@code since}. */
    public boolean recorded(String actor, String action, long itemId, Instant since) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM audit_log "
                + "WHERE item_id = ? AND actor = ? AND action = ? AND at >= ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, itemId);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setLong(4, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Newest first; {@code beforeId} pages back; filters are optional. */
    public List<Entry> list(Optional<String> actor, Optional<String> action, Optional<Long> itemId,
            Optional<Long> beforeId, int limit) throws SQLException {
        return list(actor, action, itemId, Optional.empty(), Optional.empty(), beforeId, limit);
    }

    /** As {@link #list(Optional, Optional, Optional, Optional, int)}, from {@code from} and before {@code until}. */
    public List<Entry> list(Optional<String> actor, Optional<String> action, Optional<Long> itemId,
            Optional<Instant> from, Optional<Instant> until, Optional<Long> beforeId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, item_id, detail, client FROM audit_log"
                + " WHERE 1=1");
        List<Object> args = new ArrayList<>();
        from.ifPresent(t -> {
            sql.append(" AND at >= ?");
            args.add(t.toEpochMilli());
        });
        until.ifPresent(t -> {
            sql.append(" AND at < ?");
            args.add(t.toEpochMilli());
        });
        actor.filter(s -> !s.isBlank()).ifPresent(a -> {
            sql.append(" AND actor = ?");
            args.add(a.trim());
        });
        action.filter(s -> !s.isBlank()).ifPresent(a -> {
            sql.append(" AND action = ?");
            args.add(a.trim());
        });
        itemId.ifPresent(i -> {
            sql.append(" AND item_id = ?");
            args.add(i);
        });
        beforeId.ifPresent(i -> {
            sql.append(" AND id < ?");
            args.add(i);
        });
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 100_000)));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long item = rs.getLong(5);
                    Long itemOrNull = rs.wasNull() ? null : item;
                    out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), itemOrNull, rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }

    /** Writes entries as CSV (RFC 4180), with a header line; cells that a spreadsheet would run as formulas are quoted inert. */
    public static void writeCsv(List<Entry> entries, Writer out) throws IOException {
        out.write("id,time,actor,action,item,detail,client\r\n");
        for (Entry e : entries) {
            out.write(e.id() + "," + e.at() + "," + cell(e.actor()) + "," + cell(e.action()) + ","
                    + (e.itemId() == null ? "" : e.itemId()) + "," + cell(e.detail()) + "," + cell(e.client()) + "\r\n");
        }
        out.flush();
    }

    static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // CSV injection: never let a cell start a formula
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
