package org.mailgate.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a certificate may be used to encrypt to, and explains why not in sentences an
 * administrator understands.
 */
final class CertificateValidator {

    static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    static final String NOT_TRUSTED = "not issued by a trusted CA";
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    private final TrustSettings trust;
    private final Clock clock;

    CertificateValidator(TrustSettings trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * All problems of {@code c}, including the chain check.
     *
     * @param others further certificates (e.g. the rest of the store) that may serve as intermediates
     */
    List<String> problems(X509Certificate c, boolean explicitlyTrusted, Collection<X509Certificate> others) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>(intrinsicProblems(c, now));
        if (trust.requireTrustedChain() && !explicitlyTrusted && !chainsToAnchor(c, others, now)) {
            problems.add(NOT_TRUSTED);
        }
        return problems;
    }

    /** Problems that do not depend on trust settings: validity period, key and its usages. */
    static List<String> intrinsicProblems(X509Certificate c, Instant now) {
        List<String> problems = new ArrayList<>();
        Instant notBefore = c.getNotBefore().toInstant();
        Instant notAfter = c.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            problems.add("expired on " + notAfter.atOffset(ZoneOffset.UTC).toLocalDate());
        } else if (now.isBefore(notBefore)) {
            problems.add("not valid before " + notBefore.atOffset(ZoneOffset.UTC).toLocalDate());
        }
        if (c.getBasicConstraints() >= 0) {
            problems.add("is a CA certificate, not a personal certificate");
        }
        boolean[] keyUsage = c.getKeyUsage();
        if (Certificates.isRsa(c)) {
            if (keyUsage != null && !(keyUsage.length > KEY_ENCIPHERMENT && keyUsage[KEY_ENCIPHERMENT])) {
                problems.add("key usage does not allow key encipherment");
            }
        } else if (Certificates.isEc(c)) {
            if (keyUsage != null && !(keyUsage.length > KEY_AGREEMENT && keyUsage[KEY_AGREEMENT])) {
                problems.add("key usage does not allow key agreement");
            }
        } else {
            problems.add("key algorithm " + c.getPublicKey().getAlgorithm() + " cannot be used for S/MIME encryption");
        }
        try {
            List<String> eku = c.getExtendedKeyUsage();
            if (eku != null && !eku.contains(EMAIL_PROTECTION) && !eku.contains(ANY_EXTENDED_KEY_USAGE)) {
                problems.add("extended key usage does not allow e-mail protection");
            }
        } catch (CertificateParsingException e) {
            problems.add("extended key usage extension cannot be read");
        }
        return problems;
    }

    private boolean chainsToAnchor(X509Certificate c, Collection<X509Certificate> others, Instant now) {
        if (trust.anchors().isEmpty()) {
            return false;
        }
        try {
            Set<TrustAnchor> anchors = trust.anchors().stream().map(a -> new TrustAnchor(a, null))
                    .collect(Collectors.toSet());
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(c);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            // revocation is out of scope (no CRL/OCSP fetching from the gateway)
            params.setRevocationEnabled(false);
            // an expired leaf is reported once as "expired", not a second time as untrusted
            params.setDate(Date.from(clamp(now, c.getNotBefore().toInstant(), c.getNotAfter().toInstant())));
            List<X509Certificate> pool = new ArrayList<>(others);
            pool.add(c);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Instant clamp(Instant t, Instant from, Instant to) {
        return t.isBefore(from) ? from : t.isAfter(to) ? to : t;
    }
}
