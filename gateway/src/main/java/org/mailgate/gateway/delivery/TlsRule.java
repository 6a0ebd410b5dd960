package org.mailgate.gateway.delivery;

import java.util.Locale;
import org.mailgate.config.GatewayConfig.TlsPolicy;

/**
 * The TLS level that applies to a delivery and where it came from, resolved once per
 * recipient: {@code trusted-partner} (the policy sent sensitive mail over verified TLS),
 * {@code *.gov.uk} (the {@code delivery.domains} entry that applies) or {@code default}. It goes on the
 * delivery log line as {@code policy=SOURCE:LEVEL} and into the reply of a deferral. A domain's
 * MTA-STS policy, when no entry or partner rule applies, is {@code mta-sts:enforce} (verify, and
 * only the MX hosts it names) or {@code mta-sts:testing} (may; what would have failed is logged
 * and reported). An MX host with DNSSEC-validated TLSA records is held to them: {@code dane}.
 */
record TlsRule(TlsPolicy level, String source, String mode) {

    TlsRule(TlsPolicy level, String source) {
        this(level, source, null);
    }

    /** The rule for a host whose DNSSEC-validated TLSA records apply: {@code policy=dane}. */
    static final TlsRule DANE = new TlsRule(TlsPolicy.DANE, "dane");

    /**
     * TLS is needed, with or without a verified certificate. A {@code dane} level makes TLS
     * mandatory only where the host has usable TLSA records (see {@link DeliveryAgent}).
     */
    boolean mandatory() {
        return level == TlsPolicy.ENCRYPT || level == TlsPolicy.VERIFY || level == TlsPolicy.DANE_ONLY
                || DANE.equals(this);
    }

    /** Whether the MX hosts' TLSA records are asked: a {@code dane} level, or the default with DANE on. */
    boolean asksDane(boolean daneByDefault) {
        return level == TlsPolicy.DANE || level == TlsPolicy.DANE_ONLY
                || (daneByDefault && source.equals("default"));
    }

    /**
     * The rule without the domain, for metrics: {@code default:may}, {@code domain:encrypt},
     * {@code trusted-partner:verify}, {@code mta-sts:enforce}.
     */
    String kind() {
        if (DANE.equals(this)) {
            return "dane";
        }
        String s = source.equals("default") || source.equals("trusted-partner") || source.equals("mta-sts") ? source
                : "domain";
        return s + ":" + (mode != null ? mode : level.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    @Override
    public String toString() {
        if (DANE.equals(this)) {
            return "dane";
        }
        return source + ":" + (mode != null ? mode : level.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
