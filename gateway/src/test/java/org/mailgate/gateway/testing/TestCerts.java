package org.mailgate.gateway.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A recipient's S/MIME certificate and key, made on the spot and written as PEM. */
public final class TestCerts {

    public record Recipient(Path certificate, Path key) {
    }

    private TestCerts() {
    }

    public static Recipient recipient(Path dir, String email) throws Exception {
        Instant now = Instant.now();
        return recipient(dir, email, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    public static Recipient recipient(Path dir, String email, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + email);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), name, pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Files.createDirectories(dir);
        Path certFile = dir.resolve(email + ".crt.pem");
        Path keyFile = dir.resolve(email + ".key.pem");
        write(certFile, cert);
        write(keyFile, pair.getPrivate());
        return new Recipient(certFile, keyFile);
    }

    /** A TLS server identity for {@code host} issued by a test CA of its own ({@code ca}: the CA's PEM). */
    public record Server(Path ca, org.mailgate.certs.TlsIdentity identity) {
    }

    /** A server certificate for {@code host}, valid from {@code notBefore} to {@code notAfter}, from a new CA. */
    public static Server server(Path dir, String host, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair caKeys = g.generateKeyPair();
        KeyPair leafKeys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Test CA for " + host);
        JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(Duration.ofDays(2000))), Date.from(now.plus(Duration.ofDays(365))), caName,
                caKeys.getPublic());
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = new JcaX509CertificateConverter()
                .getCertificate(ca.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
        JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + host), leafKeys.getPublic());
        leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName,
                host)));
        X509Certificate leafCert = new JcaX509CertificateConverter()
                .getCertificate(leaf.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
        Files.createDirectories(dir);
        Path caFile = dir.resolve("ca.pem");
        Path chainFile = dir.resolve(host + ".chain.pem");
        Path keyFile = dir.resolve(host + ".key.pem");
        write(caFile, caCert);
        try (Writer w = Files.newBufferedWriter(chainFile); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(leafCert);
            pw.writeObject(caCert);
        }
        write(keyFile, leafKeys.getPrivate());
        return new Server(caFile, org.mailgate.certs.TlsIdentity.load(chainFile, keyFile));
    }

    private static void write(Path file, Object o) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
    }
}
