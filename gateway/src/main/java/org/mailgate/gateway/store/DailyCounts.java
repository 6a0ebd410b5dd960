package org.mailgate.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters per day in the shared store ({@code daily_count}), so that the dashboard reads a
 * row per day and series instead of every item: every node adds to the same row (race-free:
 * {@code ON CONFLICT} on PostgreSQL, update-or-insert on the embedded H2). A count that goes
 * with a change of state is written in that change's transaction; one that does not (a
 * protected copy, an auto-reply) is logged and lost if it cannot be written: a figure on a
 * chart is never worth failing mail for.
 */
public final class DailyCounts {

    private static final Logger log = LoggerFactory.getLogger(DailyCounts.class);

    private final Database db;
    private final Clock clock;

    public DailyCounts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Adds {@code n} to today's count of {@code name}, in a transaction of its own. */
    public void add(String name, long n) {
        LocalDate day = LocalDate.now(clock);
        try {
            db.inTransaction(c -> {
                add(c, db.isPostgres(), day, name, n);
                return null;
            });
        } catch (SQLException e) {
            log.warn("count {} for {} not written: {}", name, day, e.getMessage());
        }
    }

    /** Adds {@code n} to the count of {@code name} for {@code day}, inside the caller's transaction. */
    public static void add(Connection c, boolean postgres, LocalDate day, String name, long n) throws SQLException {
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO daily_count (count_day, name, total) "
                    + "VALUES (?,?,?) ON CONFLICT (count_day, name) DO UPDATE SET total = daily_count.total + "
                    + "EXCLUDED.total")) {
                ps.setString(1, day.toString());
                ps.setString(2, name);
                ps.setLong(3, n);
                ps.executeUpdate();
            }
            return;
        }
        if (update(c, day, name, n)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO daily_count (count_day, name, total) VALUES (?,?,?)")) {
            ps.setString(1, day.toString());
            ps.setString(2, name);
            ps.setLong(3, n);
            ps.executeUpdate();
        } catch (SQLException e) {
            // H2 undoes only the failed statement: another thread inserted the row first.
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23") || !update(c, day, name, n)) {
                throw e;
            }
        }
    }

    private static boolean update(Connection c, LocalDate day, String name, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE daily_count SET total = total + ? WHERE count_day = ? AND name = ?")) {
            ps.setLong(1, n);
            ps.setString(2, day.toString());
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
        }
    }

    /** The counts of {@code names} from {@code first} on: name → day → total (days without any are absent). */
    public Map<String, Map<LocalDate, Long>> since(LocalDate first, List<String> names) throws SQLException {
        Map<String, Map<LocalDate, Long>> out = new HashMap<>();
        names.forEach(n -> out.put(n, new HashMap<>()));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count_day, name, total FROM daily_count WHERE count_day >= ? AND name IN ("
                        + String.join(",", names.stream().map(n -> "?").toList()) + ")")) {
            ps.setString(1, first.toString());
            for (int i = 0; i < names.size(); i++) {
                ps.setString(i + 2, names.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.get(rs.getString(2)).put(LocalDate.parse(rs.getString(1)), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /** The names starting with {@code prefix} with the largest totals from {@code first} on, largest first. */
    public List<Map.Entry<String, Long>> top(LocalDate first, String prefix, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, SUM(total) FROM daily_count WHERE count_day >= ? AND name >= ? AND name < ? "
                        + "GROUP BY name ORDER BY SUM(total) DESC, name LIMIT " + limit)) {
            ps.setString(1, first.toString());
            ps.setString(2, prefix);
            ps.setString(3, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
            List<Map.Entry<String, Long>> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.entry(rs.getString(1).substring(prefix.length()), rs.getLong(2)));
                }
            }
            return out;
        }
    }
}
