package org.mailgate.gateway.auth;

import java.util.Locale;

/** What a web UI account may do. */
public enum Role {
    /** Views held messages, releases and rejects them. */
    REVIEWER,
    /** Reads everything, changes nothing; reads and exports the audit log. */
    AUDITOR,
    /** Everything a reviewer and an auditor can, plus accounts and settings. */
    ADMIN,
    /**
     * Staff and Business Support: their own leave (and their team's, as a line manager) and
     * telephone messages; never held mail, the audit log or accounts. The account's name is
     * their e-mail address.
     */
    STAFF;

    /** Sees the quarantine (held mail, its queue and the queue API): every role but staff. */
    public boolean canReview() {
        return this != STAFF;
    }

    public boolean canAct() {
        return this == REVIEWER || this == ADMIN;
    }

    public boolean canAudit() {
        return this == AUDITOR || this == ADMIN;
    }

    public boolean canAdminister() {
        return this == ADMIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a role: use reviewer, auditor, admin or staff");
        }
    }
}
