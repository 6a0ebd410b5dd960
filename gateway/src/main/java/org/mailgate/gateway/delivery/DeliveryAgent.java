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
 * the host, or no delivery), {@code none}; never a protocol older than
 * {@code delivery.tls_min_version}.
 */
final class DeliveryAgent {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAgent.class);

    private final GatewayConfig config;
    private final MxResolver mx;
    private final TlsClientContexts tls;
    private final int mxPort;
    private final MtaStsLookup mtaSts;
    private final org.mailgate.gateway.metrics.GatewayMetrics metrics;

    DeliveryAgent(GatewayConfig config, MxResolver mx, TlsClientContexts tls, int mxPort, MtaStsLookup mtaSts,
            org.mailgate.gateway.metrics.GatewayMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.mx = mx;
        this.tls = tls;
        this.mxPort = mxPort;
        this.mtaSts = mtaSts;
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

    /** @param applied in: the rule the job came with; out: the one that applied (MTA-STS may raise it) */
    private Map<String, Outcome> deliver(DeliveryJob job, TlsRule[] applied) {
        List<String> hosts;
        int port;
        TlsRule rule = job.tls();
        if (job.route() instanceof Route.Smarthost s) {
            hosts = List.of(s.target().host());
            port = s.target().port();
        } else {
            MxResolver.Answer answer = mx.resolve(job.domain());
            if (answer.failed()) {
                String reply = (answer.permanent() ? "550 " : "451 ") + answer.reason();
                return all(job, answer.permanent() ? Outcome.failed(reply, "dns") : Outcome.deferred(reply, "dns"));
            }
            hosts = answer.hosts();
            port = mxPort;
            // The domain's MTA-STS policy, unless a delivery.domains entry or the partner rule decided.
            Optional<MtaStsLookup.Policy> sts = rule.source().equals("default") ? mtaSts.policyFor(job.domain())
                    : Optional.empty();
            if (sts.isPresent()) {
                MtaStsLookup.Policy p = sts.get();
                List<String> named = hosts.stream().filter(p::allows).toList();
                if (p.enforce()) {
                    rule = new TlsRule(TlsPolicy.VERIFY, "mta-sts", "enforce");
                    applied[0] = rule;
                    if (named.isEmpty()) {
                        return all(job, Outcome.deferred("451 4.7.5 no MX host of " + job.domain() + " (" + String.join(
                                ", ", hosts) + ") is named in its MTA-STS policy (policy=" + rule + ")",
                                String.join(",", hosts)));
                    }
                    hosts = named;
                } else {
                    rule = new TlsRule(TlsPolicy.MAY, "mta-sts", "testing");
                    applied[0] = rule;
                    if (named.size() < hosts.size()) {
                        log.warn("{}: MTA-STS testing for {}: MX host(s) {} not named in the policy; delivering anyway",
                                job.envelope().queueId(), job.domain(), hosts.stream().filter(h -> !p.allows(h)).toList());
                    }
                }
            }
        }
        String lastProblem = "451 4.4.1 No next hop could be reached";
        for (String host : hosts) {
            for (InetAddress address : addresses(host, job.route() instanceof Route.Mx)) {
                Attempt attempt = tryHost(job, host, new InetSocketAddress(address, port), rule, false);
                if (attempt.outcomes != null) {
                    return attempt.outcomes;
                }
                lastProblem = attempt.problem;
            }
        }
        return all(job, Outcome.deferred(lastProblem, String.join(",", hosts)));
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

    /** @param clear a second try without TLS after a failed handshake (level {@code may} only) */
    private Attempt tryHost(DeliveryJob job, String host, InetSocketAddress address, TlsRule rule, boolean clear) {
        String relay = host + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
        String qid = job.envelope().queueId();
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
            if (rule.level() != TlsPolicy.NONE && !clear && client.offers("STARTTLS")) {
                boolean verify = rule.level() == TlsPolicy.VERIFY;
                SSLContext context = verify ? tls.verified() : tls.opportunistic();
                try {
                    SmtpReply r = client.startTls(context, verify ? host : null, config.delivery().tlsMinVersion());
                    if (r.code() != 220) {
                        if (rule.mandatory()) {
                            return next(qid, relay, "STARTTLS", r.text() + " (policy=" + rule + ")");
                        }
                    } else {
                        client.hello(config.smtp().hostname());
                    }
                } catch (IOException e) {
                    if (rule.mandatory()) {
                        return next(qid, relay, "TLS", "454 4.7.5 TLS " + (verify ? "with a verified certificate " : "")
                                + "failed: " + e.getMessage() + " (policy=" + rule + ")");
                    }
                    log.info("{}: TLS handshake with {} failed ({}); retrying without TLS", qid, relay, e.getMessage());
                    return tryHost(job, host, address, rule, true);
                }
            } else if (rule.mandatory()) {
                return next(qid, relay, "STARTTLS", "454 4.7.4 TLS is required for this destination (policy=" + rule
                        + ") but " + host + " does not offer STARTTLS");
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
