package org.mailgate.gateway.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.mailgate.certs.TlsIdentity;

/** TLS helpers for tests: certificates made on the spot, and a client that trusts anything. */
public final class Tls {

    private Tls() {
    }

    /** A self-signed certificate for {@code host}; its PEM is at {@code dir/smtp-cert.pem}. */
    public static TlsIdentity.Generated selfSigned(Path dir, String host) throws IOException {
        return TlsIdentity.selfSigned(dir, host, Clock.systemUTC());
    }

    public static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }
}
