package org.mailgate.gateway.auth;

import java.util.Locale;

/** What a web UI account may do. */
public enum Role {
    /** Views held messages, releases and rejects them. */
    REVIEWER,
    /** Reads everything, changes nothing; reads and exports the audit log. */
    AUDITOR,
    /** Everything a reviewer and an auditor can, plus accounts and settings. */
    ADMIN;

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
            throw new IllegalArgumentException("'" + text + "' is not a role: use reviewer, auditor or admin");
        }
    }
}
