package org.mailgate.certs;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How partner certificates are trusted.
 *
 * @param requireTrustedChain when true a certificate must chain (PKIX, revocation off) to one of
 *     the anchors, unless an administrator trusted it explicitly in the store
 * @param anchors the trusted CA certificates
 */
public record TrustSettings(boolean requireTrustedChain, List<X509Certificate> anchors) {

    public TrustSettings {
        anchors = List.copyOf(Objects.requireNonNull(anchors, "anchors"));
    }

    /** No chain requirement: any certificate that is otherwise valid may be used (the demo default). */
    public static TrustSettings permissive() {
        return new TrustSettings(false, List.of());
    }
}
