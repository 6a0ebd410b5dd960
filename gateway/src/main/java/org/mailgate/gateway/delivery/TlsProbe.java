package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.config.GatewayConfig;
import org.mailgate.config.GatewayConfig.TlsPolicy;

/**
 * What {@code gateway.jar tls check DOMAIN} prints, like Postfix's posttls-finger: the MX hosts
 * (through {@code dns.servers}), the domain's MTA-STS policy, the TLS level that applies and why,
 * each host's TLSA records and their DNSSEC state; then, for each MX host, the connection:
 * STARTTLS or not, protocol and cipher, the certificate, whether it verifies for the host's name
 * or matches the TLSA records, and what delivery would do.
 */
public final class TlsProbe {

    /** The lines to print, and whether delivery would reach a host. */
    public record Report(List<String> lines, boolean deliverable) {
    }

    private final GatewayConfig config;
    private final MxResolver mx;
    private final MtaStsLookup mtaSts;
    private final DaneLookup dane;
    private final TlsClientContexts tls;
    private final int mxPort;

    public TlsProbe(GatewayConfig config, org.xbill.DNS.Resolver resolver, MtaStsLookup mtaSts, DaneLookup dane)
            throws IOException, java.security.GeneralSecurityException {
        this.config = config;
        this.dane = dane;
        this.mx = new MxResolver(resolver);
        this.mtaSts = mtaSts;
        this.tls = new TlsClientContexts(config.delivery().trustedCertificates());
        this.mxPort = config.delivery().mxPort();
    }

    public Report check(String domain) {
        List<String> out = new ArrayList<>();
        out.add("domain: " + domain);
        MxResolver.Answer answer = mx.resolve(domain);
        if (answer.failed()) {
            out.add("MX: " + answer.reason() + (answer.permanent() ? " (mail would bounce)" : " (mail would wait)"));
            return new Report(out, false);
        }
        out.add("MX: " + String.join(", ", answer.hosts()) + " (in the order tried)");
        TlsRule rule = new Router(config).tlsFor("x@" + domain, false);
        Optional<MtaStsLookup.Policy> sts = mtaSts.policyFor(domain);
        out.add("MTA-STS: " + sts.map(p -> "mode " + p.mode() + ", mx " + p.mx() + ", id " + p.id())
                .orElse("no policy published (or none could be fetched)"));
        List<String> hosts = answer.hosts();
        boolean askDane = rule.asksDane(config.delivery().dane()); // before MTA-STS may replace the rule
        if (sts.isPresent() && (rule.source().equals("default") || rule.level() == TlsPolicy.DANE)) {
            MtaStsLookup.Policy p = sts.get();
            rule = p.enforce() ? new TlsRule(TlsPolicy.VERIFY, "mta-sts", "enforce")
                    : new TlsRule(TlsPolicy.MAY, "mta-sts", "testing");
            if (p.enforce()) {
                hosts = hosts.stream().filter(p::allows).toList();
                answer.hosts().stream().filter(h -> !p.allows(h))
                        .forEach(h -> out.add("  " + h + ": not named in the MTA-STS policy, never used"));
            }
        }
        out.add("level: " + rule + " (" + explain(rule.level()) + ")");
        boolean any = false;
        if (!askDane) {
            out.add("DANE: not asked (level " + rule + ")");
        }
        for (String host : hosts) {
            TlsRule hostRule = rule;
            List<DaneLookup.Record> tlsa = null;
            if (askDane) {
                DaneLookup.Tlsa t = dane.lookup(host, mxPort);
                out.add("  " + host + ": TLSA " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (t.records().isEmpty() ? "" : " " + t.records()) + (t.reason() != null ? " (" + t.reason() + ")"
                                : ""));
                if (t.state() == DaneLookup.State.BOGUS) {
                    out.add("  " + host + ": DNSSEC bogus -> would wait");
                    continue;
                }
                if (t.usable()) {
                    hostRule = TlsRule.DANE;
                    tlsa = t.records().stream().filter(DaneLookup.Record::usable).toList();
                } else if (rule.level() == TlsPolicy.DANE_ONLY) {
                    out.add("  " + host + ": no usable TLSA records and the level is dane-only -> would wait");
                    continue;
                }
            }
            for (InetAddress a : mx.addresses(host)) {
                any |= probe(host, new InetSocketAddress(a, mxPort), hostRule, tlsa, out);
            }
        }
        out.add(any ? "result: mail to " + domain + " would be delivered" : "result: mail to " + domain + " would wait");
        return new Report(out, any);
    }

    private static String explain(TlsPolicy level) {
        return switch (level) {
            case NONE -> "no TLS";
            case MAY -> "TLS when offered, any certificate; clear text otherwise";
            case ENCRYPT -> "TLS required, any certificate";
            case VERIFY -> "TLS required, with a certificate from a trusted CA naming the host";
            case DANE -> "DANE where the MX host has DNSSEC-validated TLSA records, else the next policy";
            case DANE_ONLY -> "DANE required: TLS with a certificate matching DNSSEC-validated TLSA records";
        };
    }

    /** Connects and reports; true when delivery would go ahead to this host. */
    private boolean probe(String host, InetSocketAddress address, TlsRule rule, List<DaneLookup.Record> tlsa,
            List<String> out) {
        String at = host + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
        try (SmtpClient c = SmtpClient.connect(address, config.delivery().connectTimeout(),
                config.delivery().commandTimeout())) {
            SmtpReply greeting = c.greeting();
            c.hello(config.smtp().hostname());
            if (!c.offers("STARTTLS")) {
                boolean ok = !rule.mandatory();
                out.add("  " + at + ": " + greeting.text() + "; no STARTTLS -> " + (ok ? "would deliver in clear"
                        : "would wait (TLS is required)"));
                return ok;
            }
            String verified;
            boolean verifies;
            try (SmtpClient v = SmtpClient.connect(address, config.delivery().connectTimeout(),
                    config.delivery().commandTimeout())) {
                v.greeting();
                v.hello(config.smtp().hostname());
                v.startTls(tlsa != null ? DaneTrust.context(tlsa) : tls.verified(), host, config.delivery().tlsMinVersion());
                verifies = true;
                verified = tlsa != null ? "matches its TLSA records" : "verified: chains to a trusted CA and names " + host;
            } catch (IOException e) {
                verifies = false;
                verified = "not verified: " + e.getMessage();
            }
            c.startTls(tls.opportunistic(), null, config.delivery().tlsMinVersion());
            Certificate[] chain = c.peerCertificates();
            String subject = chain.length > 0 && chain[0] instanceof X509Certificate x
                    ? x.getSubjectX500Principal().getName() + ", issuer " + x.getIssuerX500Principal().getName()
                            + ", valid until " + x.getNotAfter().toInstant()
                    : "(no certificate)";
            boolean ok = (rule.level() != TlsPolicy.VERIFY && tlsa == null) || verifies;
            out.add("  " + at + ": STARTTLS, " + c.tlsDescription() + "; certificate " + subject + "; " + verified
                    + " -> " + (ok ? "would deliver over TLS (policy=" + rule + ")" : "would wait (" + (tlsa != null
                            ? "the certificate must match the TLSA records" : "a verified certificate is required")
                            + ")"));
            return ok;
        } catch (IOException e) {
            out.add("  " + at + ": " + e.getMessage() + " -> would try the next host");
            return false;
        }
    }
}
