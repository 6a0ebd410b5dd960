package org.mailgate.gateway.protect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailgate.certs.CertificateStore;
import org.mailgate.certs.ContentCipher;
import org.mailgate.certs.EncryptOptions;
import org.mailgate.certs.OrganisationIdentity;
import org.mailgate.certs.RsaKeyTransport;
import org.mailgate.certs.TrustSettings;
import org.mailgate.config.GatewayConfig;

/** Builds the S/MIME parts from the configuration (store, organisation identity, options). */
public final class SmimeSetup {

    private SmimeSetup() {
    }

    public static Path storeDir(GatewayConfig config) {
        return config.smime().store().orElse(config.storage().dir().resolve("certs"));
    }

    public static CertificateStore certificateStore(GatewayConfig config, Clock clock) throws IOException {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path p : config.smime().trustAnchors()) {
            anchors.addAll(readCertificates(p));
        }
        return new CertificateStore(storeDir(config), new TrustSettings(config.smime().requireTrustedChain(), anchors),
                clock);
    }

    /**
     * The organisation's signing identity: the configured PKCS#12, or a demo CA and gateway
     * certificate generated under {@code storage.dir/smime} on first start.
     */
    public static OrganisationIdentity identity(GatewayConfig config, Clock clock) throws IOException {
        if (config.smime().identity().isPresent()) {
            return OrganisationIdentity.load(config.smime().identity().get(),
                    config.smime().identityPassword().toCharArray());
        }
        String domain = config.domains().internal().isEmpty() ? "localhost"
                : config.domains().internal().get(0).replace("*.", "");
        return OrganisationIdentity.demo(config.storage().dir().resolve("smime"), "mailgate demo (" + domain + ")",
                "gateway@" + domain, clock);
    }

    public static EncryptOptions options(GatewayConfig config) throws IOException {
        GatewayConfig.Smime s = config.smime();
        Optional<X509Certificate> archive = s.archiveCertificate().isPresent()
                ? Optional.of(readCertificates(s.archiveCertificate().get()).get(0)) : Optional.empty();
        return new EncryptOptions(
                s.cipher() == GatewayConfig.Cipher.AES256_GCM ? ContentCipher.AES256_GCM : ContentCipher.AES256_CBC,
                s.rsaKeyTransport() == GatewayConfig.KeyTransport.OAEP ? RsaKeyTransport.OAEP : RsaKeyTransport.PKCS1_V15,
                archive, s.subjectReplacement(), "smime-encrypted");
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (out.isEmpty()) {
                throw new IOException(pem + ": no certificate in the file");
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not a certificate file: " + e.getMessage(), e);
        }
    }
}
