package org.mailgate.gateway.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MTA-STS policy (RFC 8461) a recipient domain publishes, as delivery needs it: its mode and
 * the MX host patterns it allows. Empty when the domain publishes none (or mode {@code none}), or
 * when it publishes one that cannot be fetched and none is cached: then, as the RFC says,
 * delivery goes on as if the domain had no policy.
 */
@FunctionalInterface
public interface MtaStsLookup {

    Optional<Policy> policyFor(String domain);

    /**
     * @param mx patterns: a host name, or {@code *.example.net} for exactly one more label
     * @param maxAge seconds
     */
    record Policy(String mode, List<String> mx, String id, long maxAge) {

        /** The policy's lines as the policy file has them (the {@code policy-string} of a TLS report). */
        public List<String> lines() {
            List<String> out = new java.util.ArrayList<>(List.of("version: STSv1", "mode: " + mode));
            mx.forEach(m -> out.add("mx: " + m));
            out.add("max_age: " + maxAge);
            return out;
        }

        public boolean enforce() {
            return mode.equals("enforce");
        }

        /** Whether an MX host is one the policy names (RFC 8461 section 4.1). */
        public boolean allows(String host) {
            String h = host.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
            for (String p : mx) {
                String pattern = p.toLowerCase(Locale.ROOT);
                if (pattern.startsWith("*.")) {
                    int dot = h.indexOf('.');
                    if (dot > 0 && h.substring(dot + 1).equals(pattern.substring(2))) {
                        return true;
                    }
                } else if (h.equals(pattern)) {
                    return true;
                }
            }
            return false;
        }
    }

    static MtaStsLookup none() {
        return domain -> Optional.empty();
    }
}
