package org.mailgate.gateway.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.TlsSessions;
import org.mailgate.gateway.spool.Envelope;
import org.mailgate.gateway.spool.Outbox;
import org.mailgate.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS reports (RFC 8460) about the domains we send to. Every TLS session with their MX hosts
 * (and every MTA-STS policy that could not be fetched) is counted in memory, added to the shared
 * store every few seconds ({@code tls_rpt_session}, the same rows for every node), and once a
 * day (or on {@code tls report --now}) each recipient domain that publishes a
 * {@code _smtp._tls} record gets its aggregate report: the JSON of RFC 8460 section 4, gzipped,
 * by mail through the gateway itself ({@code mailto:}, DKIM-signed like all its own mail) or by
 * HTTPS POST ({@code https:}) with the certificate checked. A report's rows are deleted in the
 * transaction that sends it, under a lock on the domain's row, so no two nodes send the same
 * counts; counts not yet written when a node stops abruptly are lost (a few seconds' worth).
 */
public final class TlsReports implements TlsSessions {

    private static final Logger log = LoggerFactory.getLogger(TlsReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FAILURE_DETAILS = 1000;

    private record Key(String day, String domain, String policyType, String policyString, String mx,
            String resultType, String mxHost, String sendingIp, String receivingIp, String detail) {
    }

    private final Database db;
    private final Clock clock;
    private final PolicyHosts hosts;
    private final Outbox outbox;
    private final GatewayConfig.TlsRpt settings;
    private final String organisation;
    private final ConcurrentHashMap<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> retryAfter = new ConcurrentHashMap<>();

    /**
     * @param resolver {@code dns.servers}, or null for the system's
     * @param tls a verifying context for {@code https:} report addresses
     */
    public TlsReports(Database db, Clock clock, org.xbill.DNS.Resolver resolver, javax.net.ssl.SSLContext tls,
            Outbox outbox, GatewayConfig.TlsRpt settings, String organisation) {
        this.db = db;
        this.clock = clock;
        this.hosts = new PolicyHosts(resolver, tls);
        this.outbox = outbox;
        this.settings = settings;
        this.organisation = organisation;
    }

    @Override
    public void record(Session s) {
        if (!settings.send()) {
            return;
        }
        boolean ok = s.success();
        Key k = new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString(), s.domain().toLowerCase(Locale.ROOT),
                s.policy().type(), String.join("\n", s.policy().text()), String.join("\n", s.policy().mx()),
                ok ? "" : s.resultType(), ok ? "" : clean(s.mxHost(), 253), ok ? "" : clean(s.sendingIp(), 45),
                ok ? "" : clean(s.receivingIp(), 45), ok ? "" : clean(s.detail(), 200));
        pending.computeIfAbsent(k, x -> new LongAdder()).increment();
    }

    /** Printable ASCII only (values from hosts and errors may carry anything), at most {@code max} characters. */
    private static String clean(String v, int max) {
        if (v == null) {
            return "";
        }
        String c = v.replaceAll("[^\\x20-\\x7e]", "?");
        return c.length() > max ? c.substring(0, max) : c;
    }

    /** Adds the counts taken since the last call to the shared store; kept for the next call if it cannot. */
    public synchronized void flush() {
        Map<Key, Long> taken = new LinkedHashMap<>();
        for (Key k : List.copyOf(pending.keySet())) {
            LongAdder a = pending.remove(k);
            if (a != null && a.sum() > 0) {
                taken.put(k, a.sum());
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            db.inTransaction(c -> {
                for (Map.Entry<Key, Long> e : taken.entrySet()) {
                    add(c, e.getKey(), e.getValue());
                }
                return null;
            });
        } catch (SQLException e) {
            log.warn("tls-rpt: {} count(s) not written yet, will try again: {}", taken.size(), e.getMessage());
            taken.forEach((k, n) -> pending.computeIfAbsent(k, x -> new LongAdder()).add(n));
        }
    }

    private static final String COLUMNS = "report_day, domain, policy_type, policy_key, result_type, mx_host, "
            + "sending_ip, receiving_ip, detail";

    private void add(Connection c, Key k, long n) throws SQLException {
        String where = " WHERE report_day = ? AND domain = ? AND policy_type = ? AND policy_key = ? AND result_type = ? "
                + "AND mx_host = ? AND sending_ip = ? AND receiving_ip = ? AND detail = ?";
        String policyKey = sha256(k.policyString + "\u0000" + k.mx);
        List<String> keyValues = List.of(k.day, k.domain, k.policyType, policyKey, k.resultType, k.mxHost,
                k.sendingIp, k.receivingIp, k.detail);
        String insert = "INSERT INTO tls_rpt_session (" + COLUMNS + ", policy_string, mx_patterns, sessions) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        if (db.isPostgres()) {
            try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT (" + COLUMNS + ") DO UPDATE SET "
                    + "sessions = tls_rpt_session.sessions + EXCLUDED.sessions")) {
                bindInsert(ps, keyValues, k, n);
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE tls_rpt_session SET sessions = sessions + ?" + where)) {
            up.setLong(1, n);
            for (int i = 0; i < keyValues.size(); i++) {
                up.setString(i + 2, keyValues.get(i));
            }
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bindInsert(ps, keyValues, k, n);
            ps.executeUpdate();
        }
    }

    private static void bindInsert(PreparedStatement ps, List<String> keyValues, Key k, long n) throws SQLException {
        for (int i = 0; i < keyValues.size(); i++) {
            ps.setString(i + 1, keyValues.get(i));
        }
        ps.setString(10, k.policyString.length() > 4000 ? k.policyString.substring(0, 4000) : k.policyString);
        ps.setString(11, k.mx.length() > 2000 ? k.mx.substring(0, 2000) : k.mx);
        ps.setLong(12, n);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the reports of the days before today (UTC) that are not sent yet: what runs every day. */
    public List<String> sendDue() {
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return send(LocalDate.ofInstant(midnight, ZoneOffset.UTC).toString(), midnight);
    }

    /** Sends every domain's report for the period so far ({@code tls report --now}). */
    public List<String> sendNow() {
        return send(null, clock.instant());
    }

    /** @param beforeDay only counts of earlier days (null: all); @return a line per domain, what was done */
    private synchronized List<String> send(String beforeDay, Instant end) {
        flush();
        List<String> done = new ArrayList<>();
        if (!settings.send()) {
            return done;
        }
        List<String> domains = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT domain FROM "
                + "tls_rpt_session" + (beforeDay != null ? " WHERE report_day < ?" : "") + " ORDER BY domain")) {
            if (beforeDay != null) {
                ps.setString(1, beforeDay);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    domains.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            log.warn("tls-rpt: cannot read the counts: {}", e.getMessage());
            return done;
        }
        long now = clock.millis();
        for (String domain : domains) {
            if (beforeDay != null && retryAfter.getOrDefault(domain, 0L) > now) {
                continue;
            }
            try {
                done.add(report(domain, beforeDay, end));
                retryAfter.remove(domain);
            } catch (SQLException e) {
                retryAfter.put(domain, now + 3_600_000);
                log.warn("tls-rpt: the report for {} was not sent, will try again in an hour: {}", domain,
                        e.getMessage());
                done.add(domain + ": not sent: " + e.getMessage());
            }
        }
        return done;
    }

    private record Row(String policyType, String policyString, String mx, String resultType, String mxHost,
            String sendingIp, String receivingIp, String detail, long sessions, String day) {
    }

    private String report(String domain, String beforeDay, Instant end) throws SQLException {
        ensureDomainRow(domain);
        return db.inTransaction(c -> {
            long reportedUntil;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reported_until FROM tls_rpt_domain WHERE domain = ? FOR UPDATE")) {
                ps.setString(1, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    reportedUntil = rs.next() ? rs.getLong(1) : 0;
                }
            }
            String scope = " WHERE domain = ?" + (beforeDay != null ? " AND report_day < ?" : "");
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT policy_type, policy_string, mx_patterns, result_type, "
                    + "mx_host, sending_ip, receiving_ip, detail, sessions, report_day FROM tls_rpt_session" + scope
                    + " ORDER BY policy_type, policy_key, result_type, mx_host")) {
                bindScope(ps, domain, beforeDay);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                                rs.getString(10)));
                    }
                }
            }
            if (rows.isEmpty()) {
                return domain + ": nothing to report (another node sent it)";
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tls_rpt_session" + scope)) {
                bindScope(ps, domain, beforeDay);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tls_rpt_domain SET reported_until = ? WHERE domain = ?")) {
                ps.setLong(1, end.toEpochMilli());
                ps.setString(2, domain);
                ps.executeUpdate();
            }
            Instant firstDay = rows.stream().map(r -> LocalDate.parse(r.day).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .min(Instant::compareTo).orElse(end);
            Instant start = Instant.ofEpochMilli(Math.max(firstDay.toEpochMilli(), reportedUntil));
            long total = rows.stream().mapToLong(Row::sessions).sum();
            long failed = rows.stream().filter(r -> !r.resultType.isEmpty()).mapToLong(Row::sessions).sum();
            List<String> rua = rua(domain);
            if (rua.isEmpty()) {
                log.info("tls-rpt: {} publishes no _smtp._tls record; {} session(s) not reported", domain, total);
                return domain + ": " + total + " session(s), " + failed + " failed; no _smtp._tls record, not reported";
            }
            String id = UUID.randomUUID() + "@" + submitter();
            byte[] gz;
            try {
                gz = gzip(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json(domain, id, start, end, rows)));
            } catch (IOException e) {
                throw new SQLException("the report could not be written: " + e.getMessage(), e);
            }
            List<String> sentTo = new ArrayList<>();
            IOException lastError = null;
            for (String uri : rua) {
                try {
                    deliver(uri, domain, id, start, end, gz);
                    sentTo.add(uri);
                } catch (IOException e) {
                    lastError = e;
                    log.warn("tls-rpt: report {} for {} could not go to {}: {}", id, domain, uri, e.getMessage());
                }
            }
            if (sentTo.isEmpty()) {
                throw new SQLException("no report address took it: " + lastError.getMessage(), lastError);
            }
            log.info("tls-rpt: report {} for {} ({} to {}): {} session(s), {} failed, sent to {}", id, domain, start, end,
                    total, failed, sentTo);
            return domain + ": " + total + " session(s), " + failed + " failed; report " + id + " sent to "
                    + String.join(", ", sentTo);
        });
    }

    private static void bindScope(PreparedStatement ps, String domain, String beforeDay) throws SQLException {
        ps.setString(1, domain);
        if (beforeDay != null) {
            ps.setString(2, beforeDay);
        }
    }

    private void ensureDomainRow(String domain) throws SQLException {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tls_rpt_domain (domain, reported_until) "
                        + "SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM tls_rpt_domain WHERE domain = ?)")) {
                    ps.setString(1, domain);
                    ps.setString(2, domain);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e; // anything but "another node inserted it first"
            }
        }
    }

    private String submitter() {
        return Envelope.domainOf(settings.from());
    }

    /** The report, with the fields of RFC 8460 section 4.3 and 4.4. */
    private ObjectNode json(String domain, String id, Instant start, Instant end, List<Row> rows) {
        ObjectNode report = JSON.createObjectNode();
        report.put("organization-name", organisation);
        ObjectNode range = report.putObject("date-range");
        range.put("start-datetime", iso(start));
        range.put("end-datetime", iso(end));
        report.put("contact-info", settings.from());
        report.put("report-id", id);
        ArrayNode policies = report.putArray("policies");
        Map<String, List<Row>> byPolicy = new LinkedHashMap<>();
        for (Row r : rows) {
            byPolicy.computeIfAbsent(r.policyType + "\u0000" + r.policyString + "\u0000" + r.mx, k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Row> group : byPolicy.values()) {
            Row first = group.get(0);
            ObjectNode entry = policies.addObject();
            ObjectNode policy = entry.putObject("policy");
            policy.put("policy-type", first.policyType);
            if (!first.policyString.isEmpty()) {
                ArrayNode lines = policy.putArray("policy-string");
                first.policyString.lines().forEach(lines::add);
            }
            policy.put("policy-domain", domain);
            if (!first.mx.isEmpty()) {
                ArrayNode mx = policy.putArray("mx-host");
                first.mx.lines().forEach(mx::add);
            }
            ObjectNode summary = entry.putObject("summary");
            summary.put("total-successful-session-count",
                    group.stream().filter(r -> r.resultType.isEmpty()).mapToLong(Row::sessions).sum());
            summary.put("total-failure-session-count",
                    group.stream().filter(r -> !r.resultType.isEmpty()).mapToLong(Row::sessions).sum());
            Map<List<String>, Long> failures = new LinkedHashMap<>();
            for (Row r : group) {
                if (!r.resultType.isEmpty()) {
                    failures.merge(List.of(r.resultType, r.sendingIp, r.mxHost, r.receivingIp, r.detail), r.sessions,
                            Long::sum);
                }
            }
            if (!failures.isEmpty()) {
                ArrayNode details = entry.putArray("failure-details");
                failures.entrySet().stream().limit(MAX_FAILURE_DETAILS).forEach(f -> {
                    ObjectNode d = details.addObject();
                    d.put("result-type", f.getKey().get(0));
                    putIfAny(d, "sending-mta-ip", f.getKey().get(1));
                    putIfAny(d, "receiving-mx-hostname", f.getKey().get(2));
                    putIfAny(d, "receiving-ip", f.getKey().get(3));
                    d.put("failed-session-count", f.getValue());
                    putIfAny(d, "failure-reason-code", f.getKey().get(4));
                });
            }
        }
        return report;
    }

    private static void putIfAny(ObjectNode n, String field, String value) {
        if (!value.isEmpty()) {
            n.put(field, value);
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /**
     * The report addresses a domain publishes: its one {@code v=TLSRPTv1} record at
     * {@code _smtp._tls.DOMAIN} (none, or more than one, means it asks for no reports), its
     * {@code mailto:} and {@code https:} URIs.
     */
    List<String> rua(String domain) {
        List<String> records = hosts.txt("_smtp._tls." + domain).stream()
                .filter(t -> t.startsWith("v=TLSRPTv1;") || t.equals("v=TLSRPTv1")).toList();
        if (records.size() != 1) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String field : records.get(0).split(";")) {
            String[] kv = field.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals("rua")) {
                for (String uri : kv[1].split(",")) {
                    String u = uri.trim();
                    if (u.matches("(?i)mailto:[^@\\s<>\"]+@[A-Za-z0-9.-]+") || u.matches("(?i)https://[^\\s<>\"]+")) {
                        out.add(u);
                    }
                }
            }
        }
        return out;
    }

    private void deliver(String uri, String domain, String id, Instant start, Instant end, byte[] gz)
            throws IOException {
        String file = submitter() + "!" + domain + "!" + start.getEpochSecond() + "!" + end.getEpochSecond() + "!"
                + id.substring(0, 8) + ".json.gz";
        if (uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            String to = java.net.URLDecoder.decode(uri.substring(7), StandardCharsets.UTF_8);
            outbox.send("", List.of(to), Envelope.Origin.GATEWAY, mail(to, domain, id, file, gz));
            return;
        }
        URI u = URI.create(uri);
        String response = hosts.request(u.getHost(), u.getPort() > 0 ? u.getPort() : 443,
                (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                        + (u.getRawQuery() != null ? "?" + u.getRawQuery() : ""),
                "application/tlsrpt+gzip", gz, 64 * 1024);
        String status = response.length() >= 12 ? response.substring(9, 12) : "";
        if (!response.startsWith("HTTP/1.") || !status.startsWith("2")) {
            throw new IOException(uri + " answered " + response.lines().findFirst().orElse("nothing"));
        }
    }

    /** The report mail of RFC 8460 section 5.3: multipart/report with the gzipped JSON attached. */
    private byte[] mail(String to, String domain, String id, String file, byte[] gz) {
        String boundary = "tlsrpt-" + UUID.randomUUID();
        String crlf = "\r\n";
        String body = "From: " + settings.from() + crlf
                + "To: " + to + crlf
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                + crlf
                + "Subject: Report Domain: " + domain + " Submitter: " + submitter() + " Report-ID: <" + id + ">" + crlf
                + "Message-ID: <" + id + ">" + crlf
                + "TLS-Report-Domain: " + domain + crlf
                + "TLS-Report-Submitter: " + submitter() + crlf
                + "MIME-Version: 1.0" + crlf
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"" + crlf
                + crlf
                + "--" + boundary + crlf
                + "Content-Type: text/plain; charset=us-ascii" + crlf
                + crlf
                + "This is an aggregate TLS report (RFC 8460) from " + submitter() + " about mail sent to " + domain
                + "." + crlf
                + crlf
                + "--" + boundary + crlf
                + "Content-Type: application/tlsrpt+gzip" + crlf
                + "Content-Transfer-Encoding: base64" + crlf
                + "Content-Disposition: attachment; filename=\"" + file + "\"" + crlf
                + crlf
                + Base64.getMimeEncoder(76, crlf.getBytes(StandardCharsets.US_ASCII)).encodeToString(gz) + crlf
                + "--" + boundary + "--" + crlf;
        return body.getBytes(StandardCharsets.US_ASCII);
    }
}
