package org.mailgate.gateway.transport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.mailgate.gateway.delivery.MtaStsLookup;
import org.mailgate.gateway.delivery.TlsSessions;
import org.mailgate.gateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

/**
 * The MTA-STS policies of the domains we send to (RFC 8461 section 3 and 5): the
 * {@code _mta-sts.DOMAIN} TXT record (through {@code dns.servers}), the policy fetched over
 * HTTPS from {@code mta-sts.DOMAIN} with its certificate checked against the JDK's CAs and
 * {@code delivery.trusted_certificates} (no redirects, text/plain, at most 64 KB), kept in the
 * shared store until its {@code max_age} (every node and a restart use it) and fetched again
 * when the TXT id changes. A policy that cannot be fetched, with none cached, means no policy;
 * a cached one stays in force until it expires even if the TXT record goes away.
 */
public final class MtaStsPolicies implements MtaStsLookup {

    private static final Logger log = LoggerFactory.getLogger(MtaStsPolicies.class);
    private static final int MAX_BYTES = 64 * 1024;

    private final Database db;
    private final PolicyHosts hosts;
    private final int port;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> memory = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<TlsSessions.Session> fetchFailed;

    private record Cached(Policy policy, long expires, long checkedAt) {
    }

    /**
     * @param db the shared store the policies are cached in; null: fetched every time (tls check)
     * @param resolver {@code dns.servers}, or null for the system's
     * @param tls verifying context (trusted CAs) for the policy fetch
     * @param port the HTTPS port of policy hosts (443; labs use another)
     * @param fetchFailed told of each policy that could not be fetched (a metric, the TLS reports)
     */
    public MtaStsPolicies(Database db, Resolver resolver, SSLContext tls, int port, Clock clock,
            java.util.function.Consumer<TlsSessions.Session> fetchFailed) {
        this.fetchFailed = fetchFailed;
        this.db = db;
        this.hosts = new PolicyHosts(resolver, tls);
        this.port = port;
        this.clock = clock;
    }

    @Override
    public Optional<Policy> policyFor(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        long now = clock.millis();
        Cached m = memory.get(d);
        // The TXT record is asked again at most once a minute per domain.
        if (m != null && now - m.checkedAt < 60_000 && now < m.expires) {
            return active(m.policy);
        }
        Optional<String> id = txtId(d);
        Optional<Cached> stored = m != null && now < m.expires ? Optional.of(m) : load(d, now);
        if (stored.isPresent() && (id.isEmpty() || id.get().equals(stored.get().policy.id()))) {
            Cached fresh = new Cached(stored.get().policy, stored.get().expires, now);
            memory.put(d, fresh);
            return active(fresh.policy);
        }
        if (id.isEmpty()) {
            memory.put(d, new Cached(new Policy("none", List.of(), "", 60), now + 60_000, now));
            return Optional.empty();
        }
        try {
            Fetched f = fetch(d, id.get());
            long expires = now + f.maxAge * 1000;
            save(d, f.policy, f.maxAge, now, expires);
            memory.put(d, new Cached(f.policy, expires, now));
            log.info("mta-sts: {} policy id {} mode {} mx {} max_age {}", d, id.get(), f.policy.mode(),
                    f.policy.mx(), f.maxAge);
            return active(f.policy);
        } catch (IOException | SQLException e) {
            log.warn("mta-sts: the policy of {} (id {}) could not be fetched: {}", d, id.get(), e.getMessage());
            String type = e instanceof javax.net.ssl.SSLException ? "sts-webpki-invalid"
                    : e instanceof InvalidPolicy ? "sts-policy-invalid" : "sts-policy-fetch-error";
            fetchFailed.accept(new TlsSessions.Session(d, new TlsSessions.Policy("sts", List.of(), List.of()),
                    "mta-sts." + d, null, null, type, e.getMessage()));
            // RFC 8461 section 5: a stale cached policy still applies; with none, as if there were none.
            return stored.flatMap(c -> active(c.policy));
        }
    }

    private static Optional<Policy> active(Policy p) {
        return p.mode().equals("enforce") || p.mode().equals("testing") ? Optional.of(p) : Optional.empty();
    }

    /** The id of the one {@code v=STSv1} TXT record at {@code _mta-sts.DOMAIN}; empty for none or several. */
    private Optional<String> txtId(String domain) {
        List<String> ids = new ArrayList<>();
        for (String text : hosts.txt("_mta-sts." + domain)) {
            if (text.startsWith("v=STSv1")) {
                for (String part : text.split(";")) {
                    String[] kv = part.trim().split("=", 2);
                    if (kv.length == 2 && kv[0].equals("id") && kv[1].matches("[A-Za-z0-9]{1,32}")) {
                        ids.add(kv[1]);
                    }
                }
            }
        }
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** A policy that was fetched but is not one (RFC 8460: {@code sts-policy-invalid}). */
    static final class InvalidPolicy extends IOException {
        InvalidPolicy(String message) {
            super(message);
        }
    }

    record Fetched(Policy policy, long maxAge) {
    }

    /** GET https://mta-sts.DOMAIN/.well-known/mta-sts.txt, the host found through our resolver. */
    private Fetched fetch(String domain, String id) throws IOException {
        return parse(hosts.request("mta-sts." + domain, port, "/.well-known/mta-sts.txt", null, null, MAX_BYTES), id);
    }

    /**
     * The HTTP response: 200, text/plain, then the policy fields (RFC 8461 section 3.2); at most
     * 50 mx patterns, 2000 characters in all (what the cache keeps).
     */
    static Fetched parse(String response, String id) throws IOException {
        int split = response.indexOf("\r\n\r\n");
        if (split < 0 || !response.startsWith("HTTP/1.") || !response.substring(9, 12).equals("200")) {
            throw new IOException("no 200 answer: " + response.lines().findFirst().orElse("(nothing)"));
        }
        String head = response.substring(0, split).toLowerCase(Locale.ROOT);
        if (!head.matches("(?s).*\ncontent-type:\\s*text/plain.*")) {
            throw new InvalidPolicy("the policy is not text/plain");
        }
        String body = response.substring(split + 4);
        String version = null;
        String mode = null;
        long maxAge = -1;
        List<String> mx = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            String[] kv = line.split(":", 2);
            if (kv.length != 2) {
                continue;
            }
            String k = kv[0].trim();
            String v = kv[1].trim();
            switch (k) {
                case "version" -> version = v;
                case "mode" -> mode = v;
                case "mx" -> mx.add(v.toLowerCase(Locale.ROOT));
                case "max_age" -> {
                    try {
                        maxAge = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        maxAge = -1;
                    }
                }
                default -> { }
            }
        }
        if (!"STSv1".equals(version) || mode == null || !List.of("enforce", "testing", "none").contains(mode)
                || maxAge < 0 || maxAge > 31_557_600 || (!mode.equals("none") && mx.isEmpty()) || mx.size() > 50
                || String.join("\n", mx).length() > 2000) {
            throw new InvalidPolicy("not a valid STSv1 policy");
        }
        return new Fetched(new Policy(mode, List.copyOf(mx), id, maxAge), maxAge);
    }

    private Optional<Cached> load(String domain, long now) {
        if (db == null) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT policy_id, mode, mx, expires_at, max_age FROM mta_sts_policy WHERE domain = ?")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(4) > now) {
                    List<String> mx = rs.getString(3).isEmpty() ? List.of() : List.of(rs.getString(3).split("\n"));
                    return Optional.of(new Cached(new Policy(rs.getString(2), mx, rs.getString(1), rs.getLong(5)), rs.getLong(4), 0));
                }
            }
        } catch (SQLException e) {
            log.warn("mta-sts: the cached policy of {} cannot be read: {}", domain, e.getMessage());
        }
        return Optional.empty();
    }

    private void save(String domain, Policy p, long maxAge, long now, long expires) throws SQLException {
        if (db == null) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM mta_sts_policy WHERE domain = ?")) {
                del.setString(1, domain);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mta_sts_policy (domain, policy_id, mode, mx, "
                    + "max_age, fetched_at, expires_at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, domain);
                ps.setString(2, p.id());
                ps.setString(3, p.mode());
                ps.setString(4, String.join("\n", p.mx()));
                ps.setLong(5, maxAge);
                ps.setLong(6, now);
                ps.setLong(7, expires);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
