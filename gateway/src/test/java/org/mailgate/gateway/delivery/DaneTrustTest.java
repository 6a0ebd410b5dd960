package org.mailgate.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailgate.certs.TlsIdentity;
import org.mailgate.gateway.testing.Tls;

/**
 * The TLSA checks of RFC 7672 over real TLS handshakes: DANE-EE(3) matches the server's own
 * certificate or key whatever its name; DANE-TA(2) makes the matching certificate the only
 * trust anchor, and then the certificate must name the MX host; PKIX usages are not used.
 */
class DaneTrustTest {

    @TempDir
    Path dir;

    private static DaneLookup.Record record(int usage, int selector, int matching, X509Certificate c)
            throws Exception {
        byte[] data = selector == 0 ? c.getEncoded() : c.getPublicKey().getEncoded();
        byte[] value = switch (matching) {
            case 1 -> MessageDigest.getInstance("SHA-256").digest(data);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(data);
            default -> data;
        };
        return new DaneLookup.Record(usage, selector, matching, value);
    }

    /** A TLS handshake with a server showing {@code server}'s certificate, checked as if it were {@code host}. */
    private static void handshake(TlsIdentity server, String host, List<DaneLookup.Record> tlsa) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // the client's verdict is what the test looks at
                }
            });
            SSLContext context = DaneTrust.context(tlsa);
            try (SSLSocket c = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setServerNames(List.of(new SNIHostName(host)));
                c.setSSLParameters(p);
                c.startHandshake();
            } finally {
                accepted.join();
            }
        }
    }

    @Test
    void daneEeMatchesTheCertificateOrKeyWhateverItsName() throws Exception {
        TlsIdentity mx = Tls.selfSigned(dir.resolve("mx"), "mx1.ta.test").identity();
        for (int selector : new int[] {0, 1}) {
            for (int matching : new int[] {0, 1, 2}) {
                handshake(mx, "another.name.test", List.of(record(3, selector, matching, mx.certificate())));
            }
        }
        TlsIdentity other = Tls.selfSigned(dir.resolve("other"), "mx1.ta.test").identity();
        assertThatThrownBy(() -> handshake(mx, "mx1.ta.test", List.of(record(3, 1, 1, other.certificate()))))
                .hasStackTraceContaining("TLSA mismatch");
    }

    @Test
    void daneTaAnchorsTheChainAndTheNameMustMatch() throws Exception {
        TlsIdentity mx = Tls.selfSigned(dir.resolve("mx"), "mx1.ta.test").identity();
        handshake(mx, "mx1.ta.test", List.of(record(2, 0, 1, mx.certificate())));
        assertThatThrownBy(() -> handshake(mx, "mx1.elsewhere.test", List.of(record(2, 0, 1, mx.certificate()))))
                .hasStackTraceContaining("TLSA mismatch");
        // PKIX-EE(1) is not used for SMTP: a matching record of that usage does not vouch for anything.
        assertThat(record(1, 1, 1, mx.certificate()).usable()).isFalse();
        assertThatThrownBy(() -> handshake(mx, "mx1.ta.test", List.of(record(1, 1, 1, mx.certificate()))))
                .hasStackTraceContaining("TLSA mismatch");
    }
}
