package org.mailgate.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.spool.Envelope;

/**
 * Decides, for each recipient, how a message may leave: a pure function of the envelope, the
 * subject, the classification, which recipients have a usable certificate, and the
 * configuration. In order, for each external recipient:
 *
 * <ol>
 *   <li>not sensitive (and no subject trigger or protecting label): deliver as it is;</li>
 *   <li>a label whose action is {@code review}: hold for the Information Assurance team;</li>
 *   <li>a trusted partner domain: deliver, but only over verified TLS;</li>
 *   <li>a usable certificate: encrypt with S/MIME;</li>
 *   <li>otherwise the secure portal, unless the message must be reviewed first: it has
 *       something that could not be scanned, the domain or a finding type is set to
 *       quarantine, or {@code policy.sensitive_without_certificate} is {@code hold}.</li>
 * </ol>
 * Internal recipients always get the original.
 */
public final class ProtectionPolicy {

    private final GatewayConfig config;

    public ProtectionPolicy(GatewayConfig config) {
        this.config = config;
    }

    public List<Decision> decide(Envelope envelope, String subject, Sensitivity sensitivity,
            Predicate<String> hasCertificate) {
        String trigger = trigger(subject);
        boolean protect = sensitivity.sensitive() || trigger != null;
        String why = trigger != null ? "subject asks for protection (" + trigger + ")"
                : "sensitive: " + sensitivity.describe();
        List<Decision> out = new ArrayList<>();
        for (String rcpt : envelope.recipients()) {
            String domain = Envelope.domainOf(rcpt);
            Optional<HoldReason> review = protect ? reviewFirst(domain, sensitivity) : Optional.empty();
            if (config.domains().isInternal(domain)) {
                out.add(new Decision.Deliver(rcpt, false, "internal recipient"));
            } else if (!protect) {
                out.add(new Decision.Deliver(rcpt, false, "not sensitive (" + sensitivity.describe() + ")"));
            } else if (sensitivity.reviewLabel().isPresent() && !sensitivity.reviewed()) {
                HoldReason label = HoldReason.of(HoldReason.Rule.LABEL_REVIEW, sensitivity.reviewLabel().get().describe());
                out.add(new Decision.Hold(rcpt, why + "; held for review: " + label.describe(), label));
            } else if (config.policy().isTrustedPartner(domain)) {
                out.add(new Decision.Deliver(rcpt, true, why + "; trusted partner domain, verified TLS required"));
            } else if (hasCertificate.test(rcpt)) {
                out.add(new Decision.Encrypt(rcpt, why + "; recipient certificate found", sensitivity.subjectSensitive()));
            } else if (review.isPresent()) {
                out.add(new Decision.Hold(rcpt, why + "; held for review: " + review.get().describe(), review.get()));
            } else {
                out.add(new Decision.Portal(rcpt, why + "; no certificate for the recipient, secure portal",
                        sensitivity.subjectSensitive()));
            }
        }
        return out;
    }

    /**
     * Why a sensitive message without a certificate must be reviewed before it goes; empty
     * when the portal may take it. The most specific rule wins: a configured rule, then what
     * could not be checked, then the general setting.
     */
    private Optional<HoldReason> reviewFirst(String domain, Sensitivity sensitivity) {
        if (sensitivity.reviewed()) {
            return Optional.empty(); // a reviewer has seen it: never back to review
        }
        GatewayConfig.Policy policy = config.policy();
        Optional<String> listed = policy.quarantineDomainFor(domain);
        if (listed.isPresent()) {
            return Optional.of(HoldReason.of(HoldReason.Rule.QUARANTINE_DOMAIN, listed.get()));
        }
        List<String> types = policy.quarantinedTypes(sensitivity.findingTypes());
        if (!types.isEmpty()) {
            return Optional.of(HoldReason.of(HoldReason.Rule.QUARANTINE_FINDING_TYPE, String.join(", ", types)));
        }
        if (sensitivity.findingTypes().contains("UNSCANNABLE_ATTACHMENT")) {
            return Optional.of(HoldReason.of(HoldReason.Rule.UNSCANNABLE, ""));
        }
        if (policy.sensitiveWithoutCertificate() == GatewayConfig.Fallback.HOLD) {
            return Optional.of(HoldReason.of(HoldReason.Rule.REVIEW_WITHOUT_CERTIFICATE, ""));
        }
        return Optional.empty();
    }

    /** The first configured trigger found in the subject, case-insensitively, or null. */
    public String trigger(String subject) {
        if (subject == null) {
            return null;
        }
        String s = subject.toLowerCase(Locale.ROOT);
        for (String t : config.policy().subjectTriggers()) {
            if (s.contains(t.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }

    /** The subject with every trigger removed (they are instructions to us, not to the recipient). */
    public String withoutTriggers(String subject) {
        String out = subject;
        for (String t : config.policy().subjectTriggers()) {
            out = out.replaceAll("(?i)\\s*" + java.util.regex.Pattern.quote(t) + "\\s*", " ");
        }
        return out.trim();
    }
}
