package org.mailgate.gateway.policy;

import java.util.Locale;

/**
 * Why a recipient's copy was held, as a typed value: the rule that held it and what it matched
 * (a domain entry, finding types, a failure). The quarantine stores it per recipient, and the
 * queue, item page, API, audit log, metrics and the sender's notice all read it from there
 * instead of parsing words. The detail never holds a detected value.
 *
 * @param detail what the rule matched, in words for reviewers ("*.court.example", "UK_NINO"); may be empty
 */
public record HoldReason(Rule rule, String detail) {

    /** The rules that hold mail, each with a short label for the queue's reason column. */
    public enum Rule {
        /** The recipient's domain is listed in {@code policy.quarantine_domains}. */
        QUARANTINE_DOMAIN("Recipient domain rule"),
        /** A finding type is listed in {@code policy.quarantine_finding_types}. */
        QUARANTINE_FINDING_TYPE("Finding type rule"),
        /** A sensitivity label or marking that {@code labels:} maps to {@code action: review}. */
        LABEL_REVIEW("Label: review"),
        /** A recipient looked unusual for this sender (misdirected:, set to hold). */
        MISDIRECTED("Unusual recipient"),
        /** A recipient looked unusual; the copy waits for the sender to confirm it (misdirected:, set to confirm). */
        AWAITING_SENDER("Waiting for the sender"),
        /** Something in the message (an encrypted or damaged attachment) could not be checked. */
        UNSCANNABLE("Could not be checked"),
        /** Sensitive, no certificate, and {@code policy.sensitive_without_certificate} is {@code hold}. */
        REVIEW_WITHOUT_CERTIFICATE("No certificate: review first"),
        /** The message could not be classified (the processing stage failed or timed out). */
        NOT_CLASSIFIED("Not classified"),
        /** S/MIME encryption for the recipient failed. */
        ENCRYPTION_FAILED("Encryption failed"),
        /** The secure portal could not keep the message. */
        PORTAL_FAILED("Portal unavailable"),
        /** The decision could not be carried out for another reason. */
        NOT_CARRIED_OUT("Could not be carried out"),
        /** Held before this was recorded; the item's reason text says why. */
        UNRECORDED("Held");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        /** A few words for a table column or a filter list. */
        public String label() {
            return label;
        }

        /** The rule's name in the API and the audit log ({@code quarantine_domain}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The rule for a stored code; {@link #UNRECORDED} for none or an unknown one. */
        public static Rule ofCode(String code) {
            if (code != null) {
                for (Rule r : values()) {
                    if (r.code().equalsIgnoreCase(code.strip())) {
                        return r;
                    }
                }
            }
            return UNRECORDED;
        }
    }

    public HoldReason {
        detail = detail == null ? "" : detail.strip();
    }

    public static HoldReason of(Rule rule, String detail) {
        return new HoldReason(rule, detail);
    }

    /** One line for reviewers and the audit log: the rule and what it matched. */
    public String describe() {
        String what = switch (rule) {
            case QUARANTINE_DOMAIN -> "the recipient's domain is listed for review (policy.quarantine_domains)";
            case QUARANTINE_FINDING_TYPE -> "a finding type is listed for review (policy.quarantine_finding_types)";
            case LABEL_REVIEW -> "its sensitivity label asks for review (labels)";
            case MISDIRECTED -> "the recipient looked unusual for this sender (misdirected)";
            case AWAITING_SENDER -> "the recipient looked unusual; waiting for the sender to confirm (misdirected)";
            case UNSCANNABLE -> "part of the message could not be checked";
            case REVIEW_WITHOUT_CERTIFICATE -> "sensitive, no certificate for the recipient, and"
                    + " policy.sensitive_without_certificate is hold";
            case NOT_CLASSIFIED -> "the message could not be classified";
            case ENCRYPTION_FAILED -> "S/MIME encryption failed";
            case PORTAL_FAILED -> "the secure portal could not keep the message";
            case NOT_CARRIED_OUT -> "the decision could not be carried out";
            case UNRECORDED -> "held";
        };
        return detail.isEmpty() ? what : what + ": " + detail;
    }
}
