package org.mailgate.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
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
    private final SSLContext observing;
    private static final ThreadLocal<CertificateException> OBSERVED = new ThreadLocal<>();

    TlsClientContexts(Optional<Path> extraTrust) throws IOException, GeneralSecurityException {
        opportunistic = SSLContext.getInstance("TLS");
        opportunistic.init(null, new TrustManager[] {new AcceptAny()}, null);
        TrustManager[] trust = trustManagers(extraTrust);
        X509ExtendedTrustManager verifier = java.util.Arrays.stream(trust).filter(t -> t instanceof X509ExtendedTrustManager)
                .map(t -> (X509ExtendedTrustManager) t).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
        verified = SSLContext.getInstance("TLS");
        verified.init(null, trust, null);
        observing = SSLContext.getInstance("TLS");
        observing.init(null, new TrustManager[] {new Observing(verifier)}, null);
    }

    /**
     * Checks the certificate as {@link #verified} does but accepts it anyway, remembering on this
     * thread why it would have failed ({@link #observed}): for MTA-STS {@code testing}, which
     * delivers and reports. The handshake runs on the calling thread.
     */
    SSLContext observing() {
        OBSERVED.remove();
        return observing;
    }

    /** Why the last {@link #observing} handshake on this thread would have failed verification, if it would. */
    static Optional<CertificateException> observed() {
        CertificateException e = OBSERVED.get();
        OBSERVED.remove();
        return Optional.ofNullable(e);
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

    /** Verifies, records a failure for {@link #observed}, and accepts: never where TLS is required. */
    private static final class Observing extends AcceptAny {
        private final X509ExtendedTrustManager verifier;

        Observing(X509ExtendedTrustManager verifier) {
            this.verifier = verifier;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            try {
                verifier.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                OBSERVED.set(e);
            }
        }
    }

    /** Trusts any certificate: only for opportunistic encryption, never where TLS is required. */
    private static class AcceptAny extends X509ExtendedTrustManager {
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
