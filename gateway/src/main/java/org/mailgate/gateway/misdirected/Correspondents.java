package org.mailgate.gateway.misdirected;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailgate.gateway.pipeline.Outcome;
import org.mailgate.gateway.pipeline.OutcomeListener;
import org.mailgate.gateway.pipeline.SpooledMessage;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whom each internal sender writes to, in the shared store (table {@code correspondent}), as
 * keyed hashes only ({@link Keys}). Learns from every message an internal sender sends through
 * the gateway once its copies have gone (held copies are not learnt: a copy the sender then
 * withdraws was not meant to go), counting the protected ones as sensitive. Several nodes share
 * it; rows not seen for {@code misdirected.history_days} are deleted ({@link #purge}).
 */
public final class Correspondents implements OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(Correspondents.class);
    /** Look-alikes are looked for in the first this many letters of a name. */
    static final int MAX_INDEXED = 64;

    private final Database db;
    private final Keys keys;
    private final Clock clock;
    private final Predicate<String> isInternal;

    public Correspondents(Database db, byte[] key, Clock clock, Predicate<String> isInternal) {
        this.db = db;
        this.keys = new Keys(key);
        this.clock = clock;
        this.isInternal = isInternal;
    }

    Keys keys() {
        return keys;
    }

    /** One row: an address or a domain the sender has written to. */
    record Row(String hash, boolean domain, String localHash, String[] neighbours, int messages, int sensitive) {
    }

    /** Everything known of one sender's correspondents, read in one query. */
    SenderHistory of(String sender) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT item_hash, kind, "
                + "local_hash, neighbours, messages, sensitive_messages FROM correspondent WHERE sender_hash = ?")) {
            ps.setString(1, senderKey(sender));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String packed = rs.getString(4);
                    rows.add(new Row(rs.getString(1), "D".equals(rs.getString(2)), rs.getString(3),
                            packed.isEmpty() ? new String[0] : packed.split(","), rs.getInt(5), rs.getInt(6)));
                }
            }
        }
        return new SenderHistory(keys, rows);
    }

    @Override
    public void outcomes(SpooledMessage message, List<Outcome> outcomes, boolean subjectSensitive,
            List<org.mailgate.gateway.policy.Advice> advice) throws IOException {
        Envelope e = message.envelope();
        if (e.origin() == Envelope.Origin.GATEWAY || e.isNullSender() || !isInternal.test(e.sender())) {
            return; // only what staff send is learnt
        }
        Map<String, Boolean> gone = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.route() != Outcome.Route.HELD && o.route() != Outcome.Route.CONSUMED && !isInternal.test(o.recipient())) {
                gone.merge(o.recipient().toLowerCase(Locale.ROOT), sensitive(o.route()), Boolean::logicalOr);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        try {
            learn(e.sender(), gone);
        } catch (SQLException ex) {
            // Not worth holding the message for: the next one teaches the same.
            log.warn("{}: the sender's correspondents were not recorded: {}", e.queueId(), ex.getMessage());
        }
    }

    private static boolean sensitive(Outcome.Route route) {
        return route == Outcome.Route.ENCRYPTED || route == Outcome.Route.PORTAL || route == Outcome.Route.VERIFIED_TLS;
    }

    /** Records one message from {@code sender} to each recipient (true: it was sensitive), in one transaction. */
    public void learn(String sender, Map<String, Boolean> recipients) throws SQLException {
        String s = senderKey(sender);
        long now = clock.millis();
        Map<String, Boolean> domains = new java.util.LinkedHashMap<>();
        recipients.forEach((r, sensitive) -> domains.merge(Envelope.domainOf(r).toLowerCase(Locale.ROOT), sensitive,
                Boolean::logicalOr));
        boolean postgres = db.isPostgres();
        db.inTransaction(c -> {
            for (Map.Entry<String, Boolean> r : recipients.entrySet()) {
                String address = r.getKey().toLowerCase(Locale.ROOT);
                String local = localPart(address);
                String ns = "A@" + Envelope.domainOf(address);
                upsert(c, postgres, s, keys.exact(ns, local), "A", keys.exact("L", local),
                        neighbours(keys, ns, local), r.getValue(), now);
            }
            for (Map.Entry<String, Boolean> d : domains.entrySet()) {
                upsert(c, postgres, s, keys.exact("D", d.getKey()), "D", null, neighbours(keys, "D", d.getKey()),
                        d.getValue(), now);
            }
            return null;
        });
    }

    /**
     * Loads the history of a sender that has none yet, in one batch: {@code counts} maps each
     * recipient to {messages, sensitive messages}. For bulk loading (the benchmark), not for mail.
     */
    public void seed(String sender, Map<String, int[]> counts) throws SQLException {
        String s = senderKey(sender);
        long now = clock.millis();
        Map<String, int[]> domains = new java.util.LinkedHashMap<>();
        counts.forEach((r, n) -> domains.merge(Envelope.domainOf(r).toLowerCase(Locale.ROOT), n.clone(),
                (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]}));
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Map.Entry<String, int[]> r : counts.entrySet()) {
                    String address = r.getKey().toLowerCase(Locale.ROOT);
                    String local = localPart(address);
                    String ns = "A@" + Envelope.domainOf(address);
                    bind(ps, s, keys.exact(ns, local), "A", keys.exact("L", local), neighbours(keys, ns, local),
                            r.getValue(), now);
                    ps.addBatch();
                }
                for (Map.Entry<String, int[]> d : domains.entrySet()) {
                    bind(ps, s, keys.exact("D", d.getKey()), "D", null, neighbours(keys, "D", d.getKey()),
                            d.getValue(), now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static final String INSERT = "INSERT INTO correspondent (sender_hash, item_hash, kind, local_hash, "
            + "neighbours, first_seen, last_seen, messages, sensitive_messages) VALUES (?,?,?,?,?,?,?,?,?)";

    /** Binds one new row to {@link #INSERT} (or its PostgreSQL upsert form). */
    private static void bind(PreparedStatement ps, String sender, String item, String kind, String local,
            String neighbours, int[] n, long now) throws SQLException {
        ps.setString(1, sender);
        ps.setString(2, item);
        ps.setString(3, kind);
        ps.setString(4, local);
        ps.setString(5, neighbours);
        ps.setLong(6, now);
        ps.setLong(7, now);
        ps.setInt(8, n[0]);
        ps.setInt(9, n[1]);
    }

    private static void upsert(Connection c, boolean postgres, String sender, String item, String kind, String local,
            String neighbours, boolean sensitive, long now) throws SQLException {
        int[] one = {1, sensitive ? 1 : 0};
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement(INSERT + " ON CONFLICT (sender_hash, item_hash) DO UPDATE "
                    + "SET messages = correspondent.messages + 1, sensitive_messages = correspondent.sensitive_messages "
                    + "+ EXCLUDED.sensitive_messages, last_seen = EXCLUDED.last_seen")) {
                bind(ps, sender, item, kind, local, neighbours, one, now);
                ps.executeUpdate();
            }
            return;
        }
        if (update(c, sender, item, one[1], now)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, sender, item, kind, local, neighbours, one, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            // H2 undoes only the failed statement: another thread inserted the row first.
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23") || !update(c, sender, item, one[1], now)) {
                throw e;
            }
        }
    }

    private static boolean update(Connection c, String sender, String item, int sensitive, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE correspondent SET messages = messages + 1, "
                + "sensitive_messages = sensitive_messages + ?, last_seen = ? WHERE sender_hash = ? AND item_hash = ?")) {
            ps.setInt(1, sensitive);
            ps.setLong(2, now);
            ps.setString(3, sender);
            ps.setString(4, item);
            return ps.executeUpdate() > 0;
        }
    }

    /** The neighbour keys of a name, packed for its row: one per letter of the first {@link #MAX_INDEXED}. */
    static String neighbours(Keys keys, String namespace, String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(value.length(), MAX_INDEXED); i++) {
            b.append(b.length() > 0 ? "," : "").append(keys.neighbour(namespace, i, without(value, i)));
        }
        return b.toString();
    }

    static String without(String s, int i) {
        return s.substring(0, i) + s.substring(i + 1);
    }

    static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    private String senderKey(String sender) {
        return keys.exact("S", sender.toLowerCase(Locale.ROOT));
    }

    /** Deletes what was not seen for {@code retention}; returns how many rows. */
    public int purge(Duration retention) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM correspondent WHERE last_seen < ?")) {
            ps.setLong(1, clock.millis() - retention.toMillis());
            int n = ps.executeUpdate();
            if (n > 0) {
                log.info("misdirected: forgot {} correspondent record(s) not seen for {} days", n, retention.toDays());
            }
            return n;
        }
    }

    /** One sender's rows, indexed for the checks. */
    static final class SenderHistory {
        private final Keys keys;
        private final List<Row> rows;
        private final Map<String, Row> byHash = new HashMap<>();
        private Map<String, List<Row>> byNeighbour;
        private Map<String, List<Row>> byLocal;

        SenderHistory(Keys keys, List<Row> rows) {
            this.keys = keys;
            this.rows = List.copyOf(rows);
            rows.forEach(r -> byHash.put(r.hash(), r));
        }

        List<Row> rows() {
            return rows;
        }

        Keys keys() {
            return keys;
        }

        Optional<Row> exact(String namespace, String value) {
            return Optional.ofNullable(byHash.get(keys.exact(namespace, value)));
        }

        /** Rows (written to at least {@code often} times) that share a neighbour key. */
        List<Row> neighbours(String key, int often) {
            if (byNeighbour == null) {
                byNeighbour = new HashMap<>();
                for (Row r : rows) {
                    if (r.messages() >= often) {
                        for (String n : r.neighbours()) {
                            byNeighbour.computeIfAbsent(n, k -> new ArrayList<>(1)).add(r);
                        }
                    }
                }
            }
            return byNeighbour.getOrDefault(key, List.of());
        }

        /** Address rows with this local part (at any domain). */
        List<Row> withLocal(String localHash) {
            if (byLocal == null) {
                byLocal = new HashMap<>();
                rows.stream().filter(r -> r.localHash() != null)
                        .forEach(r -> byLocal.computeIfAbsent(r.localHash(), k -> new ArrayList<>(1)).add(r));
            }
            return byLocal.getOrDefault(localHash, List.of());
        }
    }
}
