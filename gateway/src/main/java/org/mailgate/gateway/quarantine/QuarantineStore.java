package org.mailgate.gateway.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailgate.gateway.policy.HoldReason;
import org.mailgate.gateway.quarantine.QuarantineItem.NoteKind;
import org.mailgate.gateway.quarantine.QuarantineItem.Status;
import org.mailgate.gateway.store.DailyCounts;
import org.mailgate.gateway.store.Database;
import org.mailgate.gateway.store.SealedBox;
import org.mailgate.gateway.store.SealedChunks;
import org.mailgate.gateway.spool.Envelope;

/**
 * The quarantine's rows in the shared store. Changes of status are conditional updates
 * ({@code ... WHERE status = 'HELD'}), so when two reviewers, or two nodes, act on one item
 * at the same moment exactly one of them wins. Bodies arrive here already sealed.
 */
public final class QuarantineStore {

    private static final String COLUMNS = "id, queue_id, sender, recipients, subject, level, finding_types, "
            + "classification, reason, size_bytes, received_at, held_at, status, decided_at, decided_by, "
            + "decision_note, release_mode, holds, "
            + "(SELECT COUNT(*) FROM quarantine_note n WHERE n.item_id = quarantine_item.id AND n.kind <> 'WITHDRAWN')"
            + " AS replies";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The daily counts the dashboard reads: {@code held}, {@code finding:TYPE}, {@code domain:DOMAIN}, and per decision. */
    public static final String HELD = "held";
    public static final String FINDING = "finding:";
    public static final String DOMAIN = "domain:";

    private final Database db;
    private final ZoneId zone;

    /** @param zone the time zone whose days the dashboard's counts are kept in */
    public QuarantineStore(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public QuarantineStore(Database db) {
        this(db, ZoneId.systemDefault());
    }

    /** The daily count a decision adds to: {@code released}, {@code rejected}, ... */
    public static String counted(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** A message to hold (its body comes separately, as a stream). */
    public record NewItem(String queueId, String sender, List<QuarantineItem.Hold> holds, String subject,
            String level, List<String> findingTypes, String classification, Instant received, Instant held,
            String node) {

        public List<String> recipients() {
            return holds.stream().map(QuarantineItem.Hold::recipient).toList();
        }

        /** The reasons in words, each once: the item's {@code reason}. */
        public String reason() {
            return String.join("; ", holds.stream().map(h -> h.reason().describe()).distinct().toList());
        }
    }

    private static final SealedChunks BODIES = new SealedChunks("quarantine_chunk", "item_id");

    /** What a sealed body is bound to: its message, so it cannot be moved to another row. */
    public static String context(String queueId) {
        return "quarantine:" + queueId;
    }

    /** What else belongs to holding a message, done in the same transaction as storing it. */
    @FunctionalInterface
    public interface Stored {
        void run(Connection c, QuarantineItem item) throws SQLException, IOException;
    }

    /**
     * Stores an item with its body read from {@code body} and sealed in segments under {@code key}
     * for {@link #context(String)}, in one transaction; or finds the one already stored for this
     * queue id (holding the same spooled message twice, after a crash, is a no-op). {@code then}
     * runs inside the transaction for a new item only. Returns the item's id. Never holds more
     * than a segment of the body in memory.
     */
    public long insert(NewItem n, InputStream body, byte[] key, Stored then) throws SQLException {
        return db.inTransaction(c -> {
            Optional<Long> existing = idOf(c, n.queueId());
            if (existing.isPresent()) {
                return existing.get();
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine_item (queue_id, sender, recipients, "
                    + "subject, level, finding_types, classification, reason, size_bytes, received_at, held_at, status, "
                    + "node, holds, hold_rules) VALUES (?,?,?,?,?,?,?,?,?,?,?,'HELD',?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, n.queueId());
                ps.setString(2, n.sender());
                ps.setString(3, String.join("\n", n.recipients()));
                ps.setString(4, n.subject());
                ps.setString(5, n.level());
                ps.setString(6, n.findingTypes().isEmpty() ? "" : "," + String.join(",", n.findingTypes()) + ",");
                ps.setString(7, n.classification());
                ps.setString(8, n.reason());
                ps.setLong(9, 0);
                ps.setLong(10, n.received().toEpochMilli());
                ps.setLong(11, n.held().toEpochMilli());
                ps.setString(12, n.node());
                ps.setString(13, holdsJson(n.holds()));
                ps.setString(14, "," + String.join(",", n.holds().stream().map(h -> h.reason().rule().code())
                        .distinct().toList()) + ",");
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            long size;
            try {
                size = BODIES.write(c, id, body, key, context(n.queueId()));
            } catch (IOException e) {
                throw new SQLException("cannot read the message to hold: " + e.getMessage(), e);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine_item SET size_bytes = ? WHERE id = ?")) {
                ps.setLong(1, size);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO quarantine_recipient (item_id, address, domain, domain_reversed) VALUES (?,?,?,?)")) {
                for (String r : n.recipients().stream().distinct().toList()) {
                    ps.setLong(1, id);
                    ps.setString(2, r);
                    ps.setString(3, Envelope.domainOf(r));
                    ps.setString(4, reversed(Envelope.domainOf(r)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine_finding (item_id, type) VALUES (?,?)")) {
                for (String t : n.findingTypes().stream().distinct().toList()) {
                    ps.setLong(1, id);
                    ps.setString(2, t);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine_term (item_id, term) VALUES (?,?)")) {
                for (String t : SearchTerms.of(n.sender(), n.recipients(), n.subject())) {
                    ps.setLong(1, id);
                    ps.setString(2, t);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            LocalDate day = LocalDate.ofInstant(n.held(), zone);
            DailyCounts.add(c, db.isPostgres(), day, HELD, 1);
            for (String t : n.findingTypes().stream().distinct().toList()) {
                DailyCounts.add(c, db.isPostgres(), day, FINDING + t, 1);
            }
            for (String d : n.recipients().stream().map(Envelope::domainOf).distinct().toList()) {
                DailyCounts.add(c, db.isPostgres(), day, DOMAIN + d, 1);
            }
            try {
                then.run(c, find(c, id).orElseThrow());
            } catch (IOException e) {
                throw new SQLException("cannot finish holding the message: " + e.getMessage(), e);
            }
            return id;
        });
    }

    private static Optional<Long> idOf(Connection c, String queueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM quarantine_item WHERE queue_id = ?")) {
            ps.setString(1, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public Optional<Long> idOf(String queueId) throws SQLException {
        try (Connection c = db.connection()) {
            return idOf(c, queueId);
        }
    }

    /** The item a reviewer released as the message {@code queueId}, once that release is committed. */
    public Optional<QuarantineItem> releasedAs(String queueId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM quarantine_item WHERE release_queue_id = ?")) {
            ps.setString(1, queueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    public Optional<QuarantineItem> find(long id) throws SQLException {
        try (Connection c = db.connection()) {
            return find(c, id);
        }
    }

    private static Optional<QuarantineItem> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quarantine_item WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The plain body of an item, if the item (still) exists, opened with {@code key}: streamed
     * segment by segment; an item stored before bodies were kept in segments is opened whole.
     * Reading throws an {@link IOException} if the body was altered or another key sealed it.
     */
    public Optional<InputStream> content(long id, byte[] key) throws SQLException {
        String queueId;
        byte[] whole;
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT queue_id, content FROM quarantine_item WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                queueId = rs.getString(1);
                whole = rs.getBytes(2);
            }
        }
        if (whole == null) {
            return Optional.of(BODIES.read(db, id, key, context(queueId)));
        }
        try {
            return Optional.of(new ByteArrayInputStream(new SealedBox(key).open(whole, context(queueId))));
        } catch (GeneralSecurityException e) {
            return Optional.of(failing(id, e));
        }
    }

    private static InputStream failing(long id, GeneralSecurityException e) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("quarantine item " + id + " does not open: altered, or sealed with another key",
                        e);
            }
        };
    }

    /**
     * One page of items matching the filter, newest first, and how many match in all: counted up
     * to {@link #COUNT_LIMIT}, beyond which {@code totalExact} is false ("more than 1,000").
     */
    public record Page(List<QuarantineItem> items, long total, boolean totalExact, boolean more) {
        public static Page empty() {
            return new Page(List.of(), 0, true, false);
        }
    }

    /** Counting every match of a broad filter in a large quarantine costs a scan; nobody reads past this. */
    public static final int COUNT_LIMIT = 1000;

    public Page list(QuarantineFilter f) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        f.status().ifPresent(s -> {
            where.append(" AND status = ?");
            args.add(s.name());
        });
        f.sender().filter(s -> !s.isBlank()).ifPresent(s -> {
            where.append(" AND LOWER(sender) LIKE ? ESCAPE '!'");
            args.add("%" + like(s.toLowerCase(Locale.ROOT)) + "%");
        });
        if (f.recipientDomain().filter(s -> !s.isBlank()).isPresent()) {
            // A domain finds its subdomains too: court.example finds family.court.example. The
            // subdomains held for are looked up first, in the index of reversed domains
            // ("elpmaxe.truoc." up to "elpmaxe.truoc/"); then the items of all of them by domain.
            String domain = f.recipientDomain().get().trim().toLowerCase(Locale.ROOT).replaceFirst("^[*.@]+", "");
            List<String> domains = new ArrayList<>(List.of(domain));
            domains.addAll(subdomains(domain));
            where.append(" AND EXISTS (SELECT 1 FROM quarantine_recipient r WHERE r.item_id = quarantine_item.id"
                    + " AND r.domain IN (" + String.join(",", domains.stream().map(x -> "?").toList()) + "))");
            args.addAll(domains);
        }
        f.rule().ifPresent(r -> {
            where.append(" AND hold_rules LIKE ? ESCAPE '!'");
            args.add("%," + like(r.code()) + ",%");
        });
        f.findingType().filter(s -> !s.isBlank()).ifPresent(t -> {
            where.append(" AND EXISTS (SELECT 1 FROM quarantine_finding f WHERE f.item_id = quarantine_item.id"
                    + " AND f.type = ?)");
            args.add(t.trim().toUpperCase(Locale.ROOT));
        });
        f.heldFrom().ifPresent(t -> {
            where.append(" AND held_at >= ?");
            args.add(t.toEpochMilli());
        });
        f.heldUntil().ifPresent(t -> {
            where.append(" AND held_at < ?");
            args.add(t.toEpochMilli());
        });
        f.search().map(SearchTerms::query).filter(words -> !words.isEmpty()).ifPresent(words -> {
            // The longest word is likely the rarest: its matches drive the query; each other
            // word is checked against the item's own terms.
            List<String> byLength = words.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            where.append(" AND id IN (SELECT item_id FROM quarantine_term WHERE " + SearchTerms.prefixRange("term") + ")");
            args.addAll(SearchTerms.prefixBounds(byLength.get(0)));
            for (String w : byLength.subList(1, byLength.size())) {
                where.append(" AND EXISTS (SELECT 1 FROM quarantine_term t WHERE t.item_id = quarantine_item.id AND "
                        + SearchTerms.prefixRange("t.term") + ")");
                args.addAll(SearchTerms.prefixBounds(w));
            }
        });
        try (Connection c = db.connection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM quarantine_item"
                    + where + " LIMIT " + (COUNT_LIMIT + 1) + ") matching")) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> pageArgs = new ArrayList<>(args);
            String page = where.toString();
            if (f.beforeId().isPresent()) {
                page += " AND id < ?";
                pageArgs.add(f.beforeId().get());
            }
            List<QuarantineItem> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quarantine_item" + page
                    + " ORDER BY id DESC LIMIT " + (f.limit() + 1))) {
                bind(ps, pageArgs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                }
            }
            boolean more = items.size() > f.limit();
            boolean exact = total <= COUNT_LIMIT;
            return new Page(more ? items.subList(0, f.limit()) : items, Math.min(total, COUNT_LIMIT), exact, more);
        }
    }

    // ---- figures for the dashboard ----------------------------------------------------------

    /** How many items wait for a decision, and since when the oldest of them. */
    public record Waiting(long count, Optional<Instant> oldest) {
    }

    public Waiting waiting() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MIN(held_at) FROM quarantine_item WHERE status = 'HELD'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long oldest = rs.getLong(2);
            return new Waiting(rs.getLong(1), rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest)));
        }
    }

    /** The median time from hold to a reviewer's release or rejection, for items decided since {@code from}. */
    public Optional<Duration> medianTimeToDecision(Instant from) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY decided_at - held_at) FROM quarantine_item "
                        + "WHERE decided_at >= ? AND status IN ('RELEASED', 'REJECTED')")) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double ms = rs.getDouble(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(ms)));
            }
        }
    }

    /** At most this many subdomains of a filter's domain are looked for (more is not a filter a person reads). */
    private static final int MAX_SUBDOMAINS = 200;

    /** The distinct subdomains of {@code domain} that items are held for. */
    private List<String> subdomains(String domain) throws SQLException {
        String rev = reversed(domain) + ".";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT domain FROM "
                + "quarantine_recipient WHERE domain_reversed >= ? AND domain_reversed < ? FETCH FIRST "
                + MAX_SUBDOMAINS + " ROWS ONLY")) {
            ps.setString(1, rev);
            ps.setString(2, rev.substring(0, rev.length() - 1) + "/");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** A domain written backwards, for the recipient-domain index: {@code elpmaxe.truoc} for court.example. */
    public static String reversed(String domain) {
        return new StringBuilder(domain.toLowerCase(Locale.ROOT)).reverse().toString();
    }

    /** User text inside a LIKE pattern matches literally. */
    private static String like(String s) {
        return s.trim().replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    /**
     * Moves an item out of HELD, if it is still held. Returns false when someone else decided
     * first (or it is gone): the caller must then do nothing.
     */
    public boolean decide(Connection c, long id, Status to, String by, String note, String releaseMode,
            Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine_item SET status = ?, decided_at = ?, "
                + "decided_by = ?, decision_note = ?, release_mode = ? WHERE id = ? AND status = 'HELD'")) {
            ps.setString(1, to.name());
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, by);
            ps.setString(4, note);
            ps.setString(5, releaseMode);
            ps.setLong(6, id);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        DailyCounts.add(c, db.isPostgres(), LocalDate.ofInstant(at, zone), counted(to), 1);
        return true;
    }

    public void recordReleaseQueueId(Connection c, long id, String queueId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine_item SET release_queue_id = ? WHERE id = ?")) {
            ps.setString(1, queueId);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public void addNote(long itemId, NoteKind kind, String author, String text, Instant at) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO quarantine_note (item_id, at, kind, author, text) VALUES (?,?,?,?,?)")) {
            ps.setLong(1, itemId);
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, kind.name());
            ps.setString(4, author);
            ps.setString(5, text);
            ps.executeUpdate();
        }
    }

    public List<QuarantineItem.Note> notes(long itemId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, item_id, at, kind, author, text FROM quarantine_note WHERE item_id = ? ORDER BY id")) {
            ps.setLong(1, itemId);
            List<QuarantineItem.Note> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantineItem.Note(rs.getLong(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                            NoteKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /** Ids of items held before {@code cutoff}, oldest first, at most {@code limit}. */
    public List<Long> heldBefore(Instant cutoff, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM quarantine_item WHERE held_at < ? ORDER BY held_at LIMIT " + limit)) {
            ps.setLong(1, cutoff.toEpochMilli());
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** Items still held whose every copy waits for the sender's confirmation, held before {@code cutoff}. */
    public List<Long> waitingForSenderBefore(Instant cutoff, int limit) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM quarantine_item WHERE status = 'HELD' AND held_at < ? AND hold_rules = ? "
                        + "ORDER BY held_at LIMIT " + limit)) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setString(2, "," + HoldReason.Rule.AWAITING_SENDER.code() + ",");
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    /** Deletes an item with its recipients and notes; true if it was there. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine_item WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    public Database database() {
        return db;
    }

    private static QuarantineItem item(ResultSet rs) throws SQLException {
        String types = rs.getString("finding_types");
        long decided = rs.getLong("decided_at");
        boolean hasDecision = !rs.wasNull();
        return new QuarantineItem(rs.getLong("id"), rs.getString("queue_id"), rs.getString("sender"),
                List.of(rs.getString("recipients").split("\n")), rs.getString("subject"), rs.getString("level"),
                types.isEmpty() ? List.of() : Arrays.stream(types.split(",")).filter(t -> !t.isEmpty()).toList(),
                rs.getString("classification"), rs.getString("reason"), rs.getLong("size_bytes"),
                Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("held_at")),
                Status.valueOf(rs.getString("status")), hasDecision ? Instant.ofEpochMilli(decided) : null,
                rs.getString("decided_by"), rs.getString("decision_note"), rs.getString("release_mode"),
                holds(rs.getString("holds"), rs.getString("recipients"), rs.getString("reason")),
                rs.getLong("replies") > 0);
    }

    private static String holdsJson(List<QuarantineItem.Hold> holds) {
        ArrayNode out = JSON.createArrayNode();
        holds.forEach(h -> out.addObject().put("recipient", h.recipient()).put("rule", h.reason().rule().code())
                .put("detail", h.reason().detail()));
        return out.toString();
    }

    /** The stored reasons; an item held before they were recorded gets its reason text for each recipient. */
    private static List<QuarantineItem.Hold> holds(String json, String recipients, String reason) {
        List<QuarantineItem.Hold> out = new ArrayList<>();
        if (json != null) {
            try {
                for (JsonNode h : JSON.readTree(json)) {
                    out.add(new QuarantineItem.Hold(h.path("recipient").asText(), HoldReason.of(
                            HoldReason.Rule.ofCode(h.path("rule").asText()), h.path("detail").asText())));
                }
                return out;
            } catch (IOException e) {
                out.clear(); // unreadable: as if not recorded
            }
        }
        for (String r : recipients.split("\n")) {
            out.add(new QuarantineItem.Hold(r, HoldReason.of(HoldReason.Rule.UNRECORDED, reason)));
        }
        return out;
    }
}
