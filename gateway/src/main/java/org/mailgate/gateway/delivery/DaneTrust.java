package org.mailgate.gateway.delivery;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks an MX host's certificate against its TLSA records (RFC 7672 section 3): a DANE-EE(3)
 * record matches the server's own certificate or public key, and then neither the name nor the
 * dates are checked; a DANE-TA(2) record matches a certificate of the chain, which then serves
 * as the only trust anchor for the usual path validation, and the certificate must name the MX
 * host. PKIX-TA(0) and PKIX-EE(1) records are not used for SMTP.
 */
final class DaneTrust extends X509ExtendedTrustManager {

    private final List<DaneLookup.Record> records;

    private DaneTrust(List<DaneLookup.Record> records) {
        this.records = records.stream().filter(DaneLookup.Record::usable).toList();
    }

    /** A TLS context for one connection to a host with these records. */
    static SSLContext context(List<DaneLookup.Record> records) throws java.io.IOException {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new DaneTrust(records)}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new java.io.IOException("no TLS context for DANE: " + e.getMessage(), e);
        }
    }

    static boolean matches(X509Certificate cert, DaneLookup.Record r) {
        try {
            byte[] data = r.selector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
            byte[] digest = switch (r.matching()) {
                case 0 -> data;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(data);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(data);
                default -> null;
            };
            return digest != null && MessageDigest.isEqual(digest, r.data());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return false;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate");
        }
        for (DaneLookup.Record r : records) {
            if (r.usage() == 3 && matches(chain[0], r)) {
                return;
            }
        }
        CertificateException last = null;
        for (DaneLookup.Record r : records) {
            if (r.usage() != 2) {
                continue;
            }
            for (int i = 0; i < chain.length; i++) {
                if (matches(chain[i], r)) {
                    try {
                        anchoredAt(chain[i]).checkServerTrusted(Arrays.copyOf(chain, i + 1), authType, socket);
                        return;
                    } catch (CertificateException e) {
                        last = e;
                    }
                }
            }
        }
        CertificateException e = new CertificateException("TLSA mismatch: no TLSA record matches the certificate of "
                + chain[0].getSubjectX500Principal().getName() + (last != null ? " (" + last.getMessage() + ")" : ""));
        if (last != null) {
            e.initCause(last);
        }
        throw e;
    }

    /** The JDK's path validation and host-name check with {@code anchor} as the one trusted certificate. */
    private static X509ExtendedTrustManager anchoredAt(X509Certificate anchor) throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("tlsa", anchor);
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(store);
            return (X509ExtendedTrustManager) f.getTrustManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot check the chain against the TLSA trust anchor", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("sockets only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("sockets only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
