package org.mailgate.gateway.ooo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mailgate.gateway.store.Database;

/**
 * Leave periods in the shared store, whichever way they came in. Callers pass the connection
 * for changes, so that a change and its audit entry commit together.
 */
public final class LeaveStore {

    private static final String COLUMNS = "id, address, first_day, last_day, returning_day, alternative_contact, "
            + "message, internal_message, external_message, source, changed_by, changed_at";

    private final Database db;

    public LeaveStore(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** Stores a new period and returns it with its id. */
    LeavePeriod insert(Connection c, LeavePeriod p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO leave_period (address, first_day, last_day, "
                + "returning_day, alternative_contact, message, internal_message, external_message, source, "
                + "changed_by, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, p);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return p.withId(keys.getLong(1));
            }
        }
    }

    /** Replaces the period with {@code p.id()}; false if it is gone. */
    boolean update(Connection c, LeavePeriod p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE leave_period SET address = ?, first_day = ?, "
                + "last_day = ?, returning_day = ?, alternative_contact = ?, message = ?, internal_message = ?, "
                + "external_message = ?, source = ?, changed_by = ?, changed_at = ? WHERE id = ?")) {
            bind(ps, p);
            ps.setLong(12, p.id());
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM leave_period WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes every period that came from the leave file; returns how many there were. */
    int deleteFromFile(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM leave_period WHERE source = 'FILE'")) {
            return ps.executeUpdate();
        }
    }

    /**
     * Locks the leave file's state row until the transaction ends and returns the SHA-256 of
     * the file last loaded by any node ("" if none): a node holding the lock is the only one
     * replacing FILE periods, and one that finds its file already loaded does nothing.
     */
    String lockFileState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sha256 FROM leave_file_state WHERE name = 'leave.file' FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    void recordFileState(Connection c, String sha256, Instant at, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE leave_file_state SET sha256 = ?, loaded_at = ?, loaded_by = ? WHERE name = 'leave.file'")) {
            ps.setString(1, sha256);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, node);
            ps.executeUpdate();
        }
    }

    public Optional<LeavePeriod> find(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM leave_period WHERE id = ?", id);
    }

    /** Every period of these people (lower-case addresses), earliest first. */
    public List<LeavePeriod> of(Collection<String> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", addresses.stream().map(a -> "?").toList());
        try (Connection c = db.connection()) {
            return query(c, "SELECT " + COLUMNS + " FROM leave_period WHERE address IN (" + marks
                    + ") ORDER BY first_day, id", addresses.toArray());
        }
    }

    /** Every period, by person then date. */
    public List<LeavePeriod> all() throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, "SELECT " + COLUMNS + " FROM leave_period ORDER BY address, first_day, id");
        }
    }

    /** The period that has {@code address} away on {@code day}, if any (the earliest, were there two). */
    public Optional<LeavePeriod> awayOn(String address, LocalDate day) throws SQLException {
        String d = day.toString();
        try (Connection c = db.connection()) {
            List<LeavePeriod> found = query(c, "SELECT " + COLUMNS + " FROM leave_period WHERE address = ? "
                    + "AND first_day <= ? AND returning_day > ? ORDER BY first_day, id", address, d, d);
            return found.stream().findFirst();
        }
    }

    List<LeavePeriod> periodsOf(Connection c, String address) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM leave_period WHERE address = ? ORDER BY first_day, id", address);
    }

    private Optional<LeavePeriod> one(String sql, Object arg) throws SQLException {
        try (Connection c = db.connection()) {
            return query(c, sql, arg).stream().findFirst();
        }
    }

    private static List<LeavePeriod> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<LeavePeriod> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(period(rs));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, LeavePeriod p) throws SQLException {
        ps.setString(1, p.address());
        ps.setString(2, p.firstDay().toString());
        ps.setString(3, p.lastDay().toString());
        ps.setString(4, p.returning().toString());
        ps.setString(5, p.alternativeContact());
        ps.setString(6, p.message());
        ps.setString(7, p.internalMessage());
        ps.setString(8, p.externalMessage());
        ps.setString(9, p.source().name());
        ps.setString(10, p.changedBy());
        ps.setLong(11, p.changedAt().toEpochMilli());
    }

    private static LeavePeriod period(ResultSet rs) throws SQLException {
        return new LeavePeriod(rs.getLong("id"), rs.getString("address"), LocalDate.parse(rs.getString("first_day")),
                LocalDate.parse(rs.getString("last_day")), LocalDate.parse(rs.getString("returning_day")),
                rs.getString("alternative_contact"), rs.getString("message"), rs.getString("internal_message"),
                rs.getString("external_message"), LeavePeriod.Source.valueOf(rs.getString("source")),
                rs.getString("changed_by"), Instant.ofEpochMilli(rs.getLong("changed_at")));
    }
}
