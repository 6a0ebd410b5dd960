package org.mailgate.certs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The organisation's S/MIME signing identity: private key and certificate chain (leaf first).
 *
 * <p>Production loads a PKCS#12 file; {@link #demo} creates a throw-away demo CA and gateway
 * certificate so the gateway can sign out of the box. The toString never shows key material.
 */
public final class OrganisationIdentity {

    static final String CA_FILE = "demo-ca.pem";
    static final String CERT_FILE = "gateway-cert.pem";
    static final String KEY_FILE = "gateway-key.pem";

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private OrganisationIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** Loads the first private key entry of a PKCS#12 file. The caller clears the password afterwards. */
    public static OrganisationIdentity load(Path p12, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getKey(alias, password) instanceof PrivateKey k) {
                    Certificate[] certs = ks.getCertificateChain(alias);
                    if (certs != null && certs.length > 0) {
                        return new OrganisationIdentity(k, Arrays.stream(certs).map(X509Certificate.class::cast).toList());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(p12 + ": cannot read the PKCS#12 file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException without naming the file
            throw new IOException(p12 + ": cannot read the PKCS#12 file (" + e.getMessage()
                    + "); check the file and its password", e);
        }
        throw new IOException(p12 + ": contains no private key with a certificate; export the key together with "
                + "its certificate");
    }

    /**
     * Loads the demo identity from {@code dir}, generating a demo CA and a gateway certificate for
     * {@code gatewayAddress} first if they are missing. Writes {@code demo-ca.pem} (for
     * {@code openssl cms -verify -CAfile}), {@code gateway-cert.pem} and an owner-only
     * {@code gateway-key.pem}. The CA's private key is never stored: the demo CA issues exactly one
     * certificate. Pass a folder under the gateway's data directory, never inside the source tree.
     */
    public static OrganisationIdentity demo(Path dir, String organisation, String gatewayAddress, Clock clock)
            throws IOException {
        Path ca = dir.resolve(CA_FILE);
        Path cert = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (!Files.exists(ca) || !Files.exists(cert) || !Files.exists(keyFile)) {
            DemoPki.generate(dir, organisation, gatewayAddress, clock);
        }
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(cert)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IOException(cert + ": not a PEM certificate chain (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IOException(cert + ": no certificate found");
        }
        return new OrganisationIdentity(TlsIdentity.readKey(keyFile), chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The last certificate of the chain (the issuing CA); the certificate itself when it came alone. */
    public X509Certificate caCertificate() {
        return chain.get(chain.size() - 1);
    }

    public PrivateKey privateKey() {
        return key;
    }

    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String toString() {
        return "OrganisationIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
