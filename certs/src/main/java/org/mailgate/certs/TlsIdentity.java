package org.mailgate.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server identity from PEM files (certificate chain and private key), or a self-signed
 * one generated on first start so that STARTTLS works out of the box. Generated keys are
 * written readable by the owner only.
 */
public final class TlsIdentity {

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private TlsIdentity(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    public X509Certificate certificate() {
        return chain[0];
    }

    /** Loads a PEM certificate chain (leaf first) and a PEM private key (PKCS#8 or PKCS#1). */
    public static TlsIdentity load(Path certificatePem, Path keyPem) throws IOException {
        X509Certificate[] chain;
        try (var in = Files.newInputStream(certificatePem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            chain = certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificatePem + ": not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.length == 0) {
            throw new IOException(certificatePem + ": no certificate found");
        }
        return new TlsIdentity(readKey(keyPem), chain);
    }

    /**
     * Loads {@code dir/smtp-cert.pem} and {@code dir/smtp-key.pem}, generating a self-signed
     * pair for {@code hostname} first if they do not exist yet.
     *
     * @return the identity and whether it was just generated (worth a log line)
     */
    public static Generated selfSigned(Path dir, String hostname, Clock clock) throws IOException {
        Path cert = dir.resolve("smtp-cert.pem");
        Path keyFile = dir.resolve("smtp-key.pem");
        boolean created = false;
        if (!Files.exists(cert) || !Files.exists(keyFile)) {
            Files.createDirectories(dir);
            try {
                KeyPair pair = rsaKeyPair();
                X509Certificate c = selfSign(pair, hostname, clock.instant(), Duration.ofDays(825));
                writePem(keyFile, pair.getPrivate(), true);
                writePem(cert, c, false);
                created = true;
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new IOException("cannot generate a self-signed TLS certificate", e);
            }
        }
        return new Generated(load(cert, keyFile), cert, created);
    }

    /** Result of {@link #selfSigned}. */
    public record Generated(TlsIdentity identity, Path certificate, boolean created) {
    }

    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "in-memory".toCharArray();
            ks.setKeyEntry("tls", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static X509Certificate selfSign(KeyPair pair, String hostname, Instant now, Duration validity)
            throws OperatorCreationException, GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=" + hostname.replaceAll("[,+=\"\\\\<>;]", "_"));
        BigInteger serial = new BigInteger(64, new SecureRandom());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name, pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    static PrivateKey readKey(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new IOException(pem + ": no unencrypted PEM private key found");
        }
    }

    static void writePem(Path file, Object object, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's permissions apply
            }
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(object);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
