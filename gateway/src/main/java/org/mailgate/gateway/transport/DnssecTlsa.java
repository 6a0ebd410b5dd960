package org.mailgate.gateway.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailgate.gateway.delivery.DaneLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * TLSA records validated with DNSSEC (RFC 7672 and RFC 6698), by dnsjava's
 * {@link ValidatingResolver} (a port of Unbound's validator) over {@code dns.servers} or the
 * system's resolver, from the trust anchors in {@code dns.trust_anchor} or, by default, the root
 * zone's key signing keys (as IANA publishes them, and Debian's dns-root-data).
 *
 * <p>When the DNS servers do not serve the trust anchor's own DNSKEY records at all (a resolver
 * that strips DNSSEC, an authoritative server for other zones), nothing can be secure: every
 * answer is then insecure, as Postfix does without a validating resolver, and a warning says so.
 * An anchor whose keys are served but do not validate makes the names below it bogus.
 */
public final class DnssecTlsa implements DaneLookup {

    private static final Logger log = LoggerFactory.getLogger(DnssecTlsa.class);
    private static final long RECHECK_MS = Duration.ofMinutes(10).toMillis();

    private final Resolver head;
    private final ValidatingResolver validator;
    private final List<Name> anchors;
    private final Map<Name, long[]> reachable = new ConcurrentHashMap<>(); // anchor → {checked at, 1 if served}

    /**
     * @param resolver {@code dns.servers}, or null for the system's
     * @param trustAnchor {@code dns.trust_anchor}: DS or DNSKEY records in zone file form
     */
    public DnssecTlsa(Resolver resolver, Optional<Path> trustAnchor) throws IOException {
        if (resolver == null) {
            resolver = new ExtendedResolver();
            resolver.setTimeout(Duration.ofSeconds(5));
        }
        this.head = resolver;
        this.validator = new ValidatingResolver(head);
        validator.setTimeout(Duration.ofSeconds(10));
        byte[] text;
        if (trustAnchor.isPresent()) {
            try {
                text = Files.readAllBytes(trustAnchor.get());
            } catch (IOException e) {
                throw new IOException("dns.trust_anchor: " + trustAnchor.get() + " cannot be read (" + e + ")", e);
            }
        } else {
            try (InputStream in = DnssecTlsa.class.getResourceAsStream("/dnssec/root-anchors.txt")) {
                text = in.readAllBytes();
            }
        }
        try {
            validator.loadTrustAnchors(new java.io.ByteArrayInputStream(text));
        } catch (IOException | RuntimeException e) {
            throw new IOException("dns.trust_anchor " + trustAnchor.map(Path::toString).orElse("(the root's)")
                    + ": not DS or DNSKEY records in zone file form: " + e.getMessage(), e);
        }
        this.anchors = anchorNames(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
        if (anchors.isEmpty()) {
            throw new IOException("dns.trust_anchor " + trustAnchor.map(Path::toString).orElse("")
                    + " holds no DS or DNSKEY record");
        }
    }

    private static List<Name> anchorNames(String text) {
        List<Name> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && !f[0].startsWith(";") && (line.contains(" DS ") || line.contains("\tDS\t")
                    || line.contains(" DNSKEY ") || line.contains("\tDNSKEY\t"))) {
                try {
                    Name n = Name.fromString(f[0], Name.root);
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                } catch (TextParseException ignored) {
                    // not a record line
                }
            }
        }
        return out;
    }

    @Override
    public Tlsa lookup(String host, int port) {
        Name name;
        try {
            name = Name.fromString("_" + port + "._tcp." + host + (host.endsWith(".") ? "" : "."));
        } catch (TextParseException e) {
            return Tlsa.insecure("not a host name: " + host);
        }
        Optional<Name> anchor = anchors.stream().filter(name::subdomain)
                .max(java.util.Comparator.comparingInt(Name::labels));
        if (anchor.isEmpty()) {
            return Tlsa.insecure("no trust anchor covers " + host);
        }
        if (!served(anchor.get())) {
            return Tlsa.insecure("the DNS servers do not serve the DNSSEC keys of " + anchor.get());
        }
        Message answer;
        try {
            answer = validator.send(Message.newQuery(org.xbill.DNS.Record.newRecord(name, Type.TLSA, DClass.IN)));
        } catch (IOException e) {
            return new Tlsa(State.BOGUS, List.of(), "TLSA lookup of " + name + " failed: " + e.getMessage());
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            return new Tlsa(State.BOGUS, List.of(), "DNSSEC validation of " + name + " failed: " + reason(answer));
        }
        if (!answer.getHeader().getFlag(Flags.AD)) {
            return Tlsa.insecure(name + " is not signed");
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Tlsa(State.BOGUS, List.of(), "TLSA lookup of " + name + ": " + Rcode.string(rcode));
        }
        List<Record> records = new ArrayList<>();
        for (org.xbill.DNS.Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord t) {
                records.add(new Record(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
                        t.getCertificateAssociationData()));
            }
        }
        return new Tlsa(State.SECURE, records, records.isEmpty() ? "no TLSA records (secure)" : null);
    }

    private static String reason(Message m) {
        for (org.xbill.DNS.Record r : m.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord t) {
                return String.join("", t.getStrings());
            }
        }
        return "bogus";
    }

    /** Whether the DNS servers answer the anchor's DNSKEY query with keys (asked again every 10 minutes). */
    private boolean served(Name anchor) {
        long now = System.currentTimeMillis();
        long[] known = reachable.get(anchor);
        if (known != null && now - known[0] < RECHECK_MS) {
            return known[1] == 1;
        }
        boolean served = false;
        try {
            Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(anchor, Type.DNSKEY, DClass.IN));
            q.getHeader().setFlag(Flags.CD);
            q.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0, Flags.DO), Section.ADDITIONAL);
            Message r = head.send(q);
            served = r.getRcode() == Rcode.NOERROR && r.getSection(Section.ANSWER).stream()
                    .anyMatch(x -> x instanceof DNSKEYRecord);
        } catch (IOException e) {
            served = false;
        }
        if (!served && (known == null || known[1] == 1)) {
            log.warn("dane: the DNS servers do not serve the DNSSEC keys of the trust anchor {}: TLSA records "
                    + "cannot be validated, so DANE does not apply (use a validating resolver or set dns.trust_anchor)",
                    anchor);
        }
        reachable.put(anchor, new long[] {now, served ? 1 : 0});
        return served;
    }
}
