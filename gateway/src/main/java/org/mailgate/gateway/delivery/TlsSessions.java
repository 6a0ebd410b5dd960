package org.mailgate.gateway.delivery;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;

/**
 * Where the outcome of every TLS negotiation with a receiving MX goes, for TLS reports (RFC
 * 8460): one call per session (a successful handshake, or the failure that ended it), with the
 * policy that applied as the report names it. Implemented by {@code transport}; never throws
 * and never blocks delivery.
 */
@FunctionalInterface
public interface TlsSessions {

    void record(Session session);

    /**
     * The policy a session was held to, as RFC 8460 section 4.3 names it.
     *
     * @param type {@code sts}, {@code tlsa} or {@code no-policy-found}
     * @param text the policy's lines ({@code policy-string}); empty for {@code no-policy-found}
     * @param mx the MX patterns of an MTA-STS policy, or the MX host of TLSA records
     */
    record Policy(String type, List<String> text, List<String> mx) {

        public static final Policy NONE = new Policy("no-policy-found", List.of(), List.of());

        public Policy {
            text = List.copyOf(text);
            mx = List.copyOf(mx);
        }
    }

    /**
     * One session. {@code resultType} is null for a success, else an RFC 8460 result type
     * ({@code starttls-not-supported}, {@code certificate-host-mismatch}, {@code certificate-expired},
     * {@code certificate-not-trusted}, {@code validation-failure}, {@code tlsa-invalid},
     * {@code dnssec-invalid}, {@code dane-required}, {@code sts-policy-fetch-error},
     * {@code sts-policy-invalid}, {@code sts-webpki-invalid}); {@code detail} a short reason for
     * {@code additional-information} (no message content, only hosts and errors).
     */
    record Session(String domain, Policy policy, String mxHost, String sendingIp, String receivingIp,
            String resultType, String detail) {

        public boolean success() {
            return resultType == null;
        }

    }

    /** The RFC 8460 result type of a failed handshake or certificate check. */
    static String resultTypeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return "certificate-expired";
            }
            if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "certificate-expired";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "certificate-host-mismatch";
            }
            if (m.contains("PKIX path") || m.contains("unable to find valid certification path")
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return "certificate-not-trusted";
            }
        }
        return "validation-failure";
    }
}
