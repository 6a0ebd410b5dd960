package org.mailgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of one gateway node, as loaded and validated by {@link ConfigLoader}.
 * Component names match the YAML keys (camelCase here, snake_case in the file).
 */
public record GatewayConfig(
        Smtp smtp,
        Domains domains,
        Routes routes,
        Delivery delivery,
        Storage storage,
        Web web,
        Leave leave,
        Policy policy,
        Smime smime,
        Classifier classifier,
        Quarantine quarantine,
        Portal portal,
        List<Label> labels,
        Misdirected misdirected,
        Dkim dkim,
        MtaSts mtaSts,
        TlsRpt tlsRpt,
        Dns dns,
        String source) {

    public record Smtp(
            HostPort listen,
            String hostname,
            List<Cidr> allowedNetworks,
            long maxMessageBytes,
            int maxRecipients,
            int maxHeaderBytes,
            int maxConnections,
            int maxConnectionsPerIp,
            int maxErrors,
            Duration commandTimeout,
            Duration dataTimeout,
            Tls tls,
            Auth auth) {

        public boolean isAllowedNetwork(java.net.InetAddress address) {
            return allowedNetworks.stream().anyMatch(c -> c.contains(address));
        }
    }

    /**
     * PEM files for STARTTLS; when both are empty a self-signed pair is generated.
     * {@code minVersion}: the oldest protocol offered or accepted ({@code TLSv1.2} or {@code TLSv1.3}).
     */
    public record Tls(Optional<Path> certificate, Optional<Path> key, String minVersion) {

        public Tls(Optional<Path> certificate, Optional<Path> key) {
            this(certificate, key, "TLSv1.2");
        }

        /** Those of {@code supported} that are {@code minVersion} or later, in their order. */
        public static String[] protocolsFrom(String minVersion, String[] supported) {
            return java.util.Arrays.stream(supported).filter(p -> p.startsWith("TLSv1.")
                    && p.compareTo(minVersion) >= 0).toArray(String[]::new);
        }
    }

    /** Accounts that may relay from anywhere after SMTP AUTH (only offered inside TLS). */
    public record Auth(List<AuthUser> users) {
    }

    /** A client account for SMTP AUTH; the password is stored only as a bcrypt hash. */
    public record AuthUser(String name, String passwordHash) {
        @Override
        public String toString() {
            return "AuthUser[name=" + name + ", passwordHash=(hidden)]";
        }
    }

    public record Domains(List<String> internal) {

        /** True for a listed domain, or a subdomain of a domain listed as {@code *.example}. */
        public boolean isInternal(String domain) {
            return entryFor(domain).isPresent();
        }

        /** The first listed entry ({@code council.example} or {@code *.example}) that covers the domain. */
        public Optional<String> entryFor(String domain) {
            String d = domain.toLowerCase(Locale.ROOT);
            for (String entry : internal) {
                if (entry.startsWith("*.") ? d.endsWith(entry.substring(1)) : d.equals(entry)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
    }

    public record Routes(Route internal, Route external) {
    }

    /**
     * TLS to a destination, as Postfix names the levels: {@code none} (never), {@code may}
     * (when offered, any certificate; clear text if the handshake fails), {@code encrypt} (TLS
     * or no delivery, any certificate), {@code verify} (TLS with a certificate that chains to a
     * trusted CA and names the MX host, or no delivery). {@code opportunistic} and
     * {@code required} are read as {@code may} and {@code verify}. {@code dane}: the MX host's
     * DNSSEC-validated TLSA records when it has them, else the next policy (MTA-STS or
     * {@code may}); {@code dane_only} (written {@code dane-only}): TLSA records or no delivery.
     */
    public enum TlsPolicy { NONE, MAY, ENCRYPT, VERIFY, DANE, DANE_ONLY }

    public record DomainPolicy(TlsPolicy tls) {
    }

    public record Delivery(
            int concurrency,
            int maxQueueDays,
            List<Duration> retryIntervals,
            Duration connectTimeout,
            Duration commandTimeout,
            Duration processingTimeout,
            Optional<Path> trustedCertificates,
            Map<String, DomainPolicy> domains,
            int mxPort,
            String tlsMinVersion,
            boolean mtaSts,
            int mtaStsPort,
            boolean dane) {

        /** The policy for a domain: an exact entry, else the nearest {@code *.parent} entry. */
        public DomainPolicy policyFor(String domain) {
            return entryFor(domain).map(domains::get).orElse(new DomainPolicy(TlsPolicy.MAY));
        }

        /** The {@code delivery.domains} key that applies to a domain: itself, else the nearest {@code *.parent}. */
        public Optional<String> entryFor(String domain) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (domains.containsKey(d)) {
                return Optional.of(d);
            }
            for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
                if (domains.containsKey("*" + d.substring(dot))) {
                    return Optional.of("*" + d.substring(dot));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Where this node keeps its spool and, by default, the shared database. {@code masterKey}
     * (base64 of 32 bytes) encrypts held messages at rest; empty means a key generated into
     * {@code dir/keys} on first start, which every node of a cluster must then share.
     */
    public record Storage(Path dir, String database, Optional<String> masterKey) {

        @Override
        public String toString() {
            return "Storage[dir=" + dir + ", database=" + database + ", masterKey=(hidden)]";
        }

        public boolean isEmbeddedDatabase() {
            return "embedded".equals(database);
        }
    }

    /**
     * The review UI and API. {@code publicUrl} is how people reach it (links in notices);
     * sessions end after {@code sessionTimeout} idle; {@code maxLoginFailures} in a row lock an
     * account for {@code lockout}.
     */
    public record Web(HostPort listen, String publicUrl, Duration sessionTimeout, int maxLoginFailures,
            Duration lockout, Tls tls) {

        public boolean isTls() {
            return tls.certificate().isPresent();
        }
    }

    /**
     * Secure pickup for recipients without a certificate: messages kept {@code expiryDays};
     * one-time codes valid {@code codeTtl}, {@code maxCodeAttempts} tries each; a verified
     * reader's session lasts {@code sessionTimeout}. {@code hideSubject} keeps the subject out
     * of the notice e-mail. Notices come from {@code from}, signed {@code organisation}.
     */
    public record Portal(int expiryDays, boolean hideSubject, Duration codeTtl, int maxCodeAttempts,
            Duration sessionTimeout, String from, String organisation) {
    }

    /**
     * Held mail. Senders are told from {@code notifyAddress}; replies to a notice come back to
     * {@code notifyAddress} with a signed token in its local part, so the internal mail server
     * must route that address's domain to the gateway. Reviewers are told of senders' replies
     * at {@code reviewerAddress} (a team mailbox), if set.
     */
    public record Quarantine(int retentionDays, String notifyAddress, boolean notifySenders,
            Optional<String> reviewerAddress) {
    }

    /**
     * Out-of-office replies for staff on leave. {@code file} is the leave schedule kept by
     * operators (reloaded when it changes); a sender hears from a person on leave at most once
     * per {@code replyIntervalDays} per period. {@code forbiddenAlternativeNumbers} are numbers
     * nobody may give as their alternative contact (shared lines such as a contact centre's),
     * written as in the file. {@code managers} maps a line manager to the staff whose leave they
     * may set; {@code aliases} maps a staff address to its other addresses. Addresses are lower-cased.
     */
    public record Leave(Optional<Path> file, int replyIntervalDays, String subjectPrefix, Optional<Path> replyTemplate,
            List<String> forbiddenAlternativeNumbers, Map<String, List<String>> managers,
            Map<String, List<String>> aliases) {

        /** No leave file and the documented defaults. */
        public static Leave defaults() {
            return new Leave(Optional.empty(), 7, "Auto: ", Optional.empty(), List.of(), Map.of(), Map.of());
        }
    }

    /** What to do with mail for external recipients once it has been classified. */
    /**
     * Where sensitive mail goes when the recipient has no certificate: {@code portal} (secure
     * pickup) or {@code hold} (quarantine for review).
     */
    public enum Fallback { PORTAL, HOLD }

    /** {@code protect}: classify and protect external mail; {@code relay}: relay only (benchmarks, inbound-only nodes). */
    public enum Stage { PROTECT, RELAY }

    public record Policy(
            Stage stage,
            List<String> trustedPartnerDomains,
            List<String> subjectTriggers,
            Fallback sensitiveWithoutCertificate,
            List<String> quarantineDomains,
            List<String> quarantineFindingTypes) {

        /** True when mail to this domain, or with one of these findings, is reviewed instead of going to the portal. */
        public boolean quarantines(String domain, List<String> findingTypes) {
            return quarantineDomainFor(domain).isPresent() || !quarantinedTypes(findingTypes).isEmpty();
        }

        /** The {@code quarantine_domains} entry that covers the domain, if any. */
        public Optional<String> quarantineDomainFor(String domain) {
            return new Domains(quarantineDomains).entryFor(domain);
        }

        /** Those of the finding types that {@code quarantine_finding_types} lists. */
        public List<String> quarantinedTypes(List<String> findingTypes) {
            return findingTypes.stream().filter(quarantineFindingTypes::contains).distinct().toList();
        }

        /** True for a listed partner domain, or a subdomain of one listed as {@code *.gov.uk}. */
        public boolean isTrustedPartner(String domain) {
            return new Domains(trustedPartnerDomains).isInternal(domain);
        }
    }

    public enum Cipher { AES256_CBC, AES256_GCM }

    /** Which outgoing mail carries the organisation's signature. */
    public enum Signing {
        /** None. */
        NONE,
        /** Protected (encrypted) mail: signed, then encrypted. */
        PROTECTED,
        /** Protected mail, and every other message to an external recipient. */
        EXTERNAL
    }

    public enum KeyTransport { PKCS1, OAEP }

    public record Smime(
            Optional<Path> store,
            boolean requireTrustedChain,
            List<Path> trustAnchors,
            Optional<Path> identity,
            String identityPassword,
            Signing sign,
            Cipher cipher,
            KeyTransport rsaKeyTransport,
            Optional<Path> archiveCertificate,
            Optional<String> subjectReplacement) {

        @Override
        public String toString() {
            return "Smime[store=" + store + ", identity=" + identity + ", password=(hidden)]";
        }
    }

    /**
     * Limits for text extraction and the rules that turn findings into a level. An empty rule
     * list means the classifier's documented defaults.
     */
    public record Classifier(
            long maxExtractedChars,
            int maxNestingDepth,
            int maxArchiveEntries,
            int maxExpansionRatio,
            Duration timeout,
            int workers,
            int bulkIdentifierCount,
            List<LevelRule> rules) {
    }

    /** "At least {@code minCount} values of {@code type} at {@code minConfidence} or better make the message {@code level}." */
    public record LevelRule(String type, String minConfidence, int minCount, String level) {
    }

    /** What a sensitivity label or marking asks of the gateway. */
    public enum LabelAction {
        /** Treat the message as sensitive: protect it (S/MIME, verified TLS or portal) even when the content looks harmless. */
        PROTECT,
        /** Hold it for the Information Assurance team to review. */
        REVIEW,
        /** Record the label; the content alone decides. */
        NONE
    }

    /**
     * One entry of {@code labels:}: a Microsoft Purview label by {@code guid} (and, if given, the
     * {@code tenant} it belongs to) or a protective {@code marking} ("OFFICIAL-SENSITIVE", as in a
     * subject marking or the X-Protective-Marking and X-Microsoft-Classification headers), mapped
     * to a level and an action. Exactly one of guid and marking is set; guids and markings are
     * kept in upper case.
     */
    public record Label(Optional<String> guid, Optional<String> tenant, Optional<String> marking, String level,
            LabelAction action) {

        /** True when this entry stands for the label with this guid in this tenant (tenant may be ""). */
        public boolean matchesGuid(String labelGuid, String labelTenant) {
            return guid.isPresent() && guid.get().equalsIgnoreCase(labelGuid)
                    && (tenant.isEmpty() || tenant.get().equalsIgnoreCase(labelTenant));
        }

        /** True when this entry stands for the marking (compared without case, spaces or punctuation). */
        public boolean matchesMarking(String text) {
            return marking.isPresent() && normalMarking(marking.get()).equals(normalMarking(text));
        }

        /** "OFFICIAL - Sensitive", "official_sensitive" and "OFFICIAL:Sensitive" are all OFFICIALSENSITIVE. */
        public static String normalMarking(String text) {
            return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        }
    }

    /** What a misdirection rule does when it fires. */
    public enum MisdirectedAction {
        /** Nothing. */
        OFF,
        /** The message goes; the sender is told which recipient looked unusual and why. */
        WARN,
        /** The unusual recipient's copy waits for the sender to confirm it (by reply or link) or withdraw it. */
        CONFIRM,
        /** The unusual recipient's copy is held in the quarantine for review. */
        HOLD
    }

    /**
     * Checks for mail to the wrong recipient, from each internal sender's history of whom they
     * write to (kept as keyed hashes). {@code mixedDomains} fires on sensitive mail to internal
     * recipients and more than {@code maxExternalDomains} unrelated external domains; the rules
     * run on sensitive mail, or on all mail when {@code checkAllMail}. A domain is one the sender
     * writes to often from {@code oftenMessages} messages on.
     */
    public record Misdirected(
            MisdirectedAction firstSensitiveToNewAddress,
            MisdirectedAction lookalike,
            MisdirectedAction manyExternal,
            MisdirectedAction mixedDomains,
            int maxExternalRecipients,
            int maxExternalDomains,
            List<String> webmailDomains,
            Duration confirmTimeout,
            int historyDays,
            int oftenMessages,
            boolean checkAllMail) {

        public static Misdirected defaults() {
            return new Misdirected(MisdirectedAction.WARN, MisdirectedAction.CONFIRM, MisdirectedAction.WARN,
                    MisdirectedAction.WARN, 10, 2,
                    List.of("gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com"),
                    Duration.ofHours(2), 365, 3, false);
        }

        /** True when no rule is on. */
        public boolean off() {
            return firstSensitiveToNewAddress == MisdirectedAction.OFF && lookalike == MisdirectedAction.OFF
                    && manyExternal == MisdirectedAction.OFF && mixedDomains == MisdirectedAction.OFF;
        }
    }

    /**
     * DKIM signing (RFC 6376) of the mail the gateway writes or alters: one key per signing
     * domain. {@code signRelayed}: also sign mail relayed unchanged (off: it keeps its bytes).
     */
    public record Dkim(List<DkimKey> keys, boolean signRelayed) {
    }

    /** A signing key: {@code key} is a PEM private key (PKCS#8 or PKCS#1 RSA) for {@code selector._domainkey.domain}. */
    public record DkimKey(String domain, String selector, Path key) {
    }

    /** The MTA-STS mode of our own policy (RFC 8461). */
    public enum MtaStsMode { ENFORCE, TESTING, NONE }

    /**
     * Our own MTA-STS policy, served at {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} for
     * each internal domain; {@code mode} empty: no policy is served. {@code mx}: the names (or
     * {@code *.}wildcards) of our MX hosts; {@code maxAge} in seconds.
     */
    public record MtaSts(Optional<MtaStsMode> mode, List<String> mx, long maxAge) {

        public boolean served() {
            return mode.isPresent();
        }
    }

    /**
     * TLS reports (RFC 8460). {@code rua}: where senders should send reports about our domains
     * ({@code mailto:} or {@code https:} URIs, published as {@code _smtp._tls}). {@code send}: whether
     * we send a daily report to each domain we delivered to that asks for one, from {@code from}
     * (its domain is the submitter).
     */
    public record TlsRpt(List<String> rua, boolean send, String from) {
    }

    /**
     * The DNS servers every lookup of the gateway goes to (MX, A/AAAA, TXT, TLSA): {@code servers}
     * empty means the system's. {@code trustAnchor}: a file of DS or DNSKEY records (zone file
     * form) for DNSSEC validation; empty means the root zone's keys.
     */
    public record Dns(List<HostPort> servers, Optional<Path> trustAnchor) {
    }
}
