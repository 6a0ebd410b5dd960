package org.mailgate.certs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate in the {@link CertificateStore} together with its validation result at the time
 * it was listed.
 *
 * @param id hex SHA-256 fingerprint of the DER encoding, first 16 characters
 * @param addresses lower-cased e-mail addresses (rfc822Name SANs and legacy E= subject attributes)
 * @param keyAlgorithm for example "RSA 2048" or "EC P-256"
 * @param usable true when {@code problems} is empty
 * @param problems human-readable sentences, e.g. "expired on 2026-01-01"
 * @param expiringSoon still valid but expires within 30 days
 */
public record StoredCertificate(String id, List<String> addresses, String subject, String issuer, Instant notBefore,
        Instant notAfter, String keyAlgorithm, boolean usable, List<String> problems, boolean expiringSoon,
        X509Certificate certificate) {

    public StoredCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(certificate, "certificate");
        addresses = List.copyOf(addresses);
        problems = List.copyOf(problems);
    }
}
