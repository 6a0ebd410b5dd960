package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The two ways we speak TLS to a next hop. Opportunistic: encrypt whatever certificate the
 * server shows (like Postfix's "may"; better than clear text against a passive listener).
 * Verified: the certificate must chain to the JDK's trusted CAs or to those in
 * {@code delivery.trusted_certificates}, and name the host (the caller asks for that).
 */
final class TlsClientContexts {

    private final SSLContext opportunistic;
    private final SSLContext verified;

    TlsClientContexts(Optional<Path> extraTrust) throws IOException, GeneralSecurityException {
        opportunistic = SSLContext.getInstance("TLS");
        opportunistic.init(null, new TrustManager[] {new AcceptAny()}, null);
        verified = SSLContext.getInstance("TLS");
        verified.init(null, trustManagers(extraTrust), null);
    }

    SSLContext opportunistic() {
        return opportunistic;
    }

    SSLContext verified() {
        return verified;
    }

    private static TrustManager[] trustManagers(Optional<Path> extra) throws IOException, GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        if (extra.isEmpty()) {
            return system.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (TrustManager tm : system.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + i++, c);
                }
            }
        }
        try (InputStream in = Files.newInputStream(extra.get())) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("configured-" + i++, c);
            }
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined.getTrustManagers();
    }

    /** Trusts any certificate: only for opportunistic encryption, never where TLS is required. */
    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted on purpose, see class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // accepted on purpose
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // accepted on purpose
        }
    }
}
