package org.mailgate.certs;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA and end-entity certificates generated in code. */
final class TestPki {

    record Issued(X509Certificate cert, PrivateKey key) {
        String id() {
            return Certificates.id(cert);
        }
    }

    static final Instant NOW = Instant.now();
    static final int ENCRYPT_RSA = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    static final int ENCRYPT_EC = KeyUsage.digitalSignature | KeyUsage.keyAgreement;
    static final KeyPurposeId[] EMAIL = {KeyPurposeId.id_kp_emailProtection};

    final Issued ca;

    TestPki() throws Exception {
        KeyPair kp = rsa();
        X500Name name = new X500Name("CN=Mailgate Test CA,O=Test");
        var b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(NOW.minus(Duration.ofDays(10))),
                Date.from(NOW.plus(Duration.ofDays(3650))), name, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
        ca = new Issued(sign(b, kp.getPrivate()), kp.getPrivate());
    }

    Issued rsaUser(String email) throws Exception {
        return issue("CN=" + email, email, rsa(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), ENCRYPT_RSA, EMAIL, false);
    }

    Issued ecUser(String email) throws Exception {
        return issue("CN=" + email, email, ec(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), ENCRYPT_EC, EMAIL, false);
    }

    /**
     * @param subject X.500 subject (may contain E=)
     * @param sanEmail rfc822Name SAN, or null for none
     * @param keyUsage KeyUsage bits, or null for no extension
     * @param eku purposes, or null for no extension
     */
    Issued issue(String subject, String sanEmail, KeyPair kp, Instant notBefore, Instant notAfter, Integer keyUsage,
            KeyPurposeId[] eku, boolean selfSigned) throws Exception {
        X500Name subj = new X500Name(subject);
        X500Name issuer = selfSigned ? subj : X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), subj, kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (keyUsage != null) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (eku != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        }
        if (sanEmail != null) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.rfc822Name, sanEmail)));
        }
        if (!selfSigned) {
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.cert()));
        }
        PrivateKey signer = selfSigned ? kp.getPrivate() : ca.key();
        return new Issued(sign(b, signer), kp.getPrivate());
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        String alg = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    /** Writes cert.pem and key.pem (PKCS#8) for openssl, returns {cert, key}. */
    static Path[] writePem(Issued i, Path dir, String name) throws Exception {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        Files.write(cert, Certificates.pem(List.of(i.cert())));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new JcaPKCS8Generator(i.key(), null));
        }
        Files.writeString(key, w.toString(), StandardCharsets.US_ASCII);
        return new Path[] {cert, key};
    }
}
