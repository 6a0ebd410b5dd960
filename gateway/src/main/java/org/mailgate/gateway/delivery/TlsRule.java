package org.mailgate.gateway.delivery;

import java.util.Locale;
import org.mailgate.config.GatewayConfig.TlsPolicy;

/**
 * The TLS level that applies to a delivery and where it came from, resolved once per
 * recipient: {@code trusted-partner} (the policy sent sensitive mail over verified TLS),
 * {@code *.gov.uk} (the {@code delivery.domains} entry that applies) or {@code default}. It goes on the
 * delivery log line as {@code policy=SOURCE:LEVEL} and into the reply of a deferral. A domain's
 * MTA-STS policy, when no entry or partner rule applies, is {@code mta-sts:enforce} (verify, and
 * only the MX hosts it names) or {@code mta-sts:testing} (may; what would have failed is logged).
 */
record TlsRule(TlsPolicy level, String source, String mode) {

    TlsRule(TlsPolicy level, String source) {
        this(level, source, null);
    }

    /** TLS is needed, with or without a verified certificate. */
    boolean mandatory() {
        return level == TlsPolicy.ENCRYPT || level == TlsPolicy.VERIFY;
    }

    /**
     * The rule without the domain, for metrics: {@code default:may}, {@code domain:encrypt},
     * {@code trusted-partner:verify}, {@code mta-sts:enforce}.
     */
    String kind() {
        String s = source.equals("default") || source.equals("trusted-partner") || source.equals("mta-sts") ? source
                : "domain";
        return s + ":" + (mode != null ? mode : level.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return source + ":" + (mode != null ? mode : level.name().toLowerCase(Locale.ROOT));
    }
}
