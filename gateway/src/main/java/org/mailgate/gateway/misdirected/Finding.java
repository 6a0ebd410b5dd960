package org.mailgate.gateway.misdirected;

import java.util.Locale;

/**
 * A recipient that looked unusual for its sender: the rule that noticed it and why, in words
 * for the sender and the reviewers ("looks like partner.example, to which you sent 41
 * messages (two letters swapped)"). Never holds an address other than the recipient's own and
 * the look-alike the gateway worked out from it.
 *
 * @param rule {@code first_sensitive_to_new_address}, {@code lookalike}, {@code webmail},
 *             {@code many_external} or {@code mixed_domains}
 */
public record Finding(String recipient, String rule, String detail) {

    public static final String FIRST_SENSITIVE = "first_sensitive_to_new_address";
    public static final String LOOKALIKE = "lookalike";
    public static final String WEBMAIL = "webmail";
    public static final String MANY_EXTERNAL = "many_external";
    public static final String MIXED_DOMAINS = "mixed_domains";

    public Finding {
        recipient = recipient.toLowerCase(Locale.ROOT);
    }
}
