package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.mailgate.config.GatewayConfig;
import org.mailgate.config.GatewayConfig.TlsPolicy;
import org.mailgate.config.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one {@link DeliveryJob}: picks the hosts (smarthost, MX list or folder), tries
 * them in order until one takes the transaction, and applies the TLS level ({@link TlsRule}):
 * {@code may} by default (STARTTLS when offered, clear text if the handshake fails),
 * {@code encrypt} (TLS or no delivery), {@code verify} (TLS with a verified certificate naming
 * the host, or no delivery), {@code none}, the recipient domain's MTA-STS policy, and DANE for
 * MX hosts with DNSSEC-validated TLSA records; never a protocol older than
 * {@code delivery.tls_min_version}. Every TLS negotiation is told to {@link TlsSessions} for the
 * TLS reports.
 */
final class DeliveryAgent {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAgent.class);

    private final GatewayConfig config;
    private final MxResolver mx;
    private final TlsClientContexts tls;
    private final int mxPort;
    private final MtaStsLookup mtaSts;
    private final DaneLookup dane;
    private final boolean daneByDefault;
    private final TlsSessions sessions;
    private final org.mailgate.gateway.metrics.GatewayMetrics metrics;

    DeliveryAgent(GatewayConfig config, MxResolver mx, TlsClientContexts tls, int mxPort, TransportSecurity security,
            org.mailgate.gateway.metrics.GatewayMetrics metrics) {
        this.metrics = metrics;
        this.dane = security.dane();
        this.daneByDefault = config.delivery().dane();
        this.sessions = security.sessions();
        this.config = config;
        this.mx = mx;
        this.tls = tls;
        this.mxPort = mxPort;
        this.mtaSts = security.mtaSts();
    }

    Map<String, Outcome> deliver(DeliveryJob job) {
        if (job.route() instanceof Route.Directory d) {
            return DirectoryDelivery.deliver(job, d.path());
        }
        TlsRule[] applied = {job.tls()};
        Map<String, Outcome> out = deliver(job, applied);
        out.values().forEach(o -> metrics.tlsDelivery(applied[0].kind(), o.result().name().toLowerCase(
                java.util.Locale.ROOT)));
        return out;
    }

    /** @param applied in: the rule the job came with; out: the one that applied (MTA-STS or DANE may raise it) */
    private Map<String, Outcome> deliver(DeliveryJob job, TlsRule[] applied) {
        List<String> hosts;
        int port;
        TlsRule rule = job.tls();
        TlsSessions.Policy reported = TlsSessions.Policy.NONE;
        boolean mx = job.route() instanceof Route.Mx;
        // Asked before MTA-STS may replace the rule: a dane entry still asks where a policy exists.
        boolean askDane = mx && rule.asksDane(daneByDefault);
        if (job.route() instanceof Route.Smarthost s) {
            hosts = List.of(s.target().host());
            port = s.target().port();
        } else {
            MxResolver.Answer answer = this.mx.resolve(job.domain());
            if (answer.failed()) {
                String reply = (answer.permanent() ? "550 " : "451 ") + answer.reason();
                return all(job, answer.permanent() ? Outcome.failed(reply, "dns") : Outcome.deferred(reply, "dns"));
            }
            hosts = answer.hosts();
            port = mxPort;
            // The domain's MTA-STS policy, unless a delivery.domains entry or the partner rule decided
            // (an entry with the dane level falls back to it where a host has no TLSA records).
            Optional<MtaStsLookup.Policy> sts = rule.source().equals("default") || rule.level() == TlsPolicy.DANE
                    ? mtaSts.policyFor(job.domain()) : Optional.empty();
            if (sts.isPresent()) {
                MtaStsLookup.Policy p = sts.get();
                reported = new TlsSessions.Policy("sts", p.lines(), p.mx());
                List<String> named = hosts.stream().filter(p::allows).toList();
                if (p.enforce()) {
                    rule = new TlsRule(TlsPolicy.VERIFY, "mta-sts", "enforce");
                    applied[0] = rule;
                    if (named.isEmpty()) {
                        sessions.record(new TlsSessions.Session(job.domain(), reported, hosts.get(0), null, null,
                                "validation-failure", "MX host not named in the MTA-STS policy"));
                        return all(job, Outcome.deferred("451 4.7.5 no MX host of " + job.domain() + " (" + String.join(
                                ", ", hosts) + ") is named in its MTA-STS policy (policy=" + rule + ")",
                                String.join(",", hosts)));
                    }
                    hosts = named;
                } else {
                    rule = new TlsRule(TlsPolicy.MAY, "mta-sts", "testing");
                    applied[0] = rule;
                    for (String h : hosts.stream().filter(h -> !p.allows(h)).toList()) {
                        log.warn("{}: MTA-STS testing for {}: MX host {} not named in the policy; delivering anyway",
                                job.envelope().queueId(), job.domain(), h);
                        sessions.record(new TlsSessions.Session(job.domain(), reported, h, null, null,
                                "validation-failure", "MX host not named in the MTA-STS policy"));
                    }
                }
            }
        }
        String lastProblem = "451 4.4.1 No next hop could be reached";
        for (String host : hosts) {
            HostPolicy hp = new HostPolicy(rule, reported, null);
            if (askDane) {
                hp = dane(job, host, port, rule, reported);
                if (hp.problem != null) {
                    lastProblem = hp.problem;
                    continue;
                }
                applied[0] = hp.rule;
            }
            for (InetAddress address : addresses(host, mx)) {
                Attempt attempt = tryHost(job, host, new InetSocketAddress(address, port), hp, false);
                if (attempt.outcomes != null) {
                    return attempt.outcomes;
                }
                lastProblem = attempt.problem;
            }
        }
        return all(job, Outcome.deferred(lastProblem, String.join(",", hosts)));
    }

    /**
     * What one host is held to: its rule, the policy a TLS report names, its usable TLSA records
     * (DANE) or null; {@code problem}: why it is skipped.
     */
    private record HostPolicy(TlsRule rule, TlsSessions.Policy reported, List<DaneLookup.Record> tlsa,
            String problem) {

        HostPolicy(TlsRule rule, TlsSessions.Policy reported, List<DaneLookup.Record> tlsa) {
            this(rule, reported, tlsa, null);
        }
    }

    /**
     * RFC 7672: a host with secure, usable TLSA records is held to them ({@code policy=dane}); a
     * bogus answer skips the host (its mail waits); an insecure zone or no records leave the rule
     * as it was (MTA-STS, the domain's level), except {@code dane-only}, which then skips the host.
     */
    private HostPolicy dane(DeliveryJob job, String host, int port, TlsRule rule, TlsSessions.Policy reported) {
        DaneLookup.Tlsa t = dane.lookup(host, port);
        String qid = job.envelope().queueId();
        TlsSessions.Policy tlsa = new TlsSessions.Policy("tlsa",
                t.records().stream().map(DaneLookup.Record::toString).toList(), List.of(host));
        switch (t.state()) {
            case BOGUS -> {
                metrics.daneResult("bogus");
                sessions.record(new TlsSessions.Session(job.domain(), tlsa, host, null, null, "dnssec-invalid",
                        t.reason()));
                log.warn("{}: {}: TLSA records are bogus: {}; not delivering to it", qid, host, t.reason());
                return new HostPolicy(rule, tlsa, null, "454 4.7.5 DNSSEC validation of the TLSA records of " + host
                        + " failed: " + t.reason() + " (policy=dane)");
            }
            case SECURE -> {
                if (t.usable()) {
                    metrics.daneResult("secure");
                    return new HostPolicy(TlsRule.DANE, tlsa, t.records().stream()
                            .filter(DaneLookup.Record::usable).toList());
                }
                if (!t.records().isEmpty()) {
                    // RFC 7672 section 2.2: unusable records still mean TLS is expected.
                    metrics.daneResult("unusable");
                    return new HostPolicy(new TlsRule(TlsPolicy.ENCRYPT, "dane", "unusable-tlsa"), tlsa, null);
                }
            }
            default -> { }
        }
        metrics.daneResult("insecure");
        if (rule.level() == TlsPolicy.DANE_ONLY) {
            sessions.record(new TlsSessions.Session(job.domain(), tlsa, host, null, null, "dane-required",
                    t.reason()));
            return new HostPolicy(rule, tlsa, null, "454 4.7.5 " + host + " has no DNSSEC-validated TLSA records ("
                    + t.reason() + ") (policy=" + rule + ")");
        }
        return new HostPolicy(rule, reported, null);
    }

    /**
     * MX targets are looked up in DNS (only at {@code dns.servers} when it is set); a smarthost
     * name may also come from /etc/hosts.
     */
    private List<InetAddress> addresses(String host, boolean fromMx) {
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        if (fromMx && !literal) {
            List<InetAddress> viaDns = mx.addresses(host);
            if (!viaDns.isEmpty() || mx.configured()) {
                return viaDns;
            }
        }
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** Either outcomes for every recipient, or a problem that sends us to the next host. */
    private record Attempt(Map<String, Outcome> outcomes, String problem) {
    }

    /** @param clear a second try without TLS after a failed handshake (levels {@code may} and {@code dane} without records only) */
    private Attempt tryHost(DeliveryJob job, String host, InetSocketAddress address, HostPolicy hp, boolean clear) {
        String relay = host + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
        String qid = job.envelope().queueId();
        TlsRule rule = hp.rule;
        try (SmtpClient client = SmtpClient.connect(address, config.delivery().connectTimeout(),
                config.delivery().commandTimeout())) {
            SmtpReply greeting = client.greeting();
            if (greeting.code() != 220) {
                return next(qid, relay, "greeting", greeting.text());
            }
            SmtpReply hello = client.hello(config.smtp().hostname());
            if (!hello.isPositive()) {
                return next(qid, relay, "EHLO", hello.text());
            }
            // Only sessions with the recipient domain's own MX hosts are reported (not a smarthost's).
            java.util.function.BiConsumer<String, String> report = (type, detail) -> {
                if (job.route() instanceof Route.Mx) {
                    sessions.record(new TlsSessions.Session(job.domain(), hp.reported, host, client.localAddress(),
                            address.getAddress().getHostAddress(), type, detail));
                }
            };
            if (rule.level() != TlsPolicy.NONE && !clear && client.offers("STARTTLS")) {
                boolean dane = hp.tlsa != null;
                boolean verify = rule.level() == TlsPolicy.VERIFY;
                boolean observe = !verify && !dane && rule.source().equals("mta-sts");
                SSLContext context = dane ? DaneTrust.context(hp.tlsa) : verify ? tls.verified()
                        : observe ? tls.observing() : tls.opportunistic();
                try {
                    SmtpReply r = client.startTls(context, dane || verify || observe ? host : null,
                            config.delivery().tlsMinVersion());
                    if (r.code() != 220) {
                        report.accept("starttls-not-supported", "STARTTLS answered " + r.code());
                        if (rule.mandatory()) {
                            return next(qid, relay, "STARTTLS", r.text() + " (policy=" + rule + ")");
                        }
                    } else {
                        Optional<java.security.cert.CertificateException> would = observe ? TlsClientContexts.observed()
                                : Optional.empty();
                        if (would.isPresent()) {
                            log.warn("{}: MTA-STS testing for {}: the certificate of {} would not verify ({}); "
                                    + "delivering anyway", qid, job.domain(), relay, would.get().getMessage());
                            report.accept(TlsSessions.resultTypeOf(would.get()), brief(would.get()));
                        } else {
                            report.accept(null, null);
                        }
                        client.hello(config.smtp().hostname());
                    }
                } catch (IOException e) {
                    report.accept(dane ? "tlsa-invalid" : TlsSessions.resultTypeOf(e), brief(e));
                    if (rule.mandatory()) {
                        return next(qid, relay, "TLS", "454 4.7.5 TLS " + (dane ? "with a certificate matching the TLSA "
                                + "records " : verify ? "with a verified certificate " : "") + "failed: " + e.getMessage()
                                + " (policy=" + rule + ")");
                    }
                    log.info("{}: TLS handshake with {} failed ({}); retrying without TLS", qid, relay, e.getMessage());
                    return tryHost(job, host, address, hp, true);
                }
            } else if (rule.level() != TlsPolicy.NONE && !clear) {
                report.accept("starttls-not-supported", host + " does not offer STARTTLS");
                if (rule.mandatory()) {
                    return next(qid, relay, "STARTTLS", "454 4.7.4 TLS is required for this destination (policy="
                            + rule + ") but " + host + " does not offer STARTTLS");
                }
            }
            if (client.maxSize() > 0 && job.size() > client.maxSize()) {
                return new Attempt(all(job, Outcome.failed("552 5.3.4 Message is larger than " + host
                        + " accepts (" + client.maxSize() + " octets)", relay)), null);
            }
            if (job.envelope().smtpUtf8() && !client.offers("SMTPUTF8")) {
                return new Attempt(all(job, Outcome.failed("553 5.6.7 " + host
                        + " does not support SMTPUTF8, which this message needs", relay)), null);
            }
            SmtpClient.Result result;
            try (InputStream content = job.opener().open()) {
                result = client.send(job.envelope().sender(), job.recipients(), content, job.size(),
                        job.envelope().smtpUtf8());
            }
            client.quit();
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            String via = relay + (client.isTls() ? " tls=" + client.tlsDescription() : "") + " policy=" + rule;
            result.recipients().forEach((rcpt, reply) -> outcomes.put(rcpt, Outcome.of(reply, via)));
            return new Attempt(outcomes, null);
        } catch (IOException e) {
            return next(qid, relay, "connection", "451 4.4.1 " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A failure's message for a report: the innermost cause, at most 200 characters. */
    private static String brief(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage() != null ? t.getMessage() : e.getMessage());
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static Attempt next(String qid, String relay, String stage, String problem) {
        log.info("{}: {} failed at {}: {}; trying the next host if any", qid, relay, stage, problem);
        return new Attempt(null, problem.matches("^\\d{3} .*") ? problem : "451 4.4.1 " + problem);
    }

    private static Map<String, Outcome> all(DeliveryJob job, Outcome outcome) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        job.recipients().forEach(r -> out.put(r, outcome));
        return out;
    }
}
