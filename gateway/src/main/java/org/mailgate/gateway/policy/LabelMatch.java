package org.mailgate.gateway.policy;

/**
 * A sensitivity label or protective marking found on a message, and what the configuration
 * ({@code labels:}) makes of it. Data only: the labels package reads and maps labels, the
 * policy acts on them, and the classify output, the quarantine, the review UI and the audit log
 * show them.
 *
 * @param source where it was found: {@code msip_labels}, {@code subject}, {@code X-Protective-Marking}
 *               or {@code X-Microsoft-Classification}
 * @param guid the Purview label GUID (msip_labels only, else "")
 * @param tenant the tenant (SiteId) the label belongs to (msip_labels only, else "")
 * @param name the label's name or the marking as written
 * @param level NONE, LOW, MEDIUM or HIGH; NONE for a label the configuration does not map
 * @param action {@code protect}, {@code review} or {@code none}
 * @param asksEncryption the label's ContentBits ask for encryption (bit value 8)
 * @param configured a {@code labels:} entry matched it (by GUID and tenant, or by marking)
 */
public record LabelMatch(String source, String guid, String tenant, String name, String level, String action,
        boolean asksEncryption, boolean configured) {

    public boolean protects() {
        return action.equals("protect");
    }

    public boolean review() {
        return action.equals("review");
    }

    /** A few words for reviewers, notices and logs: "OFFICIAL-SENSITIVE (msip_labels)". */
    public String describe() {
        return (name.isEmpty() ? guid : name) + " (" + source + ")";
    }
}
