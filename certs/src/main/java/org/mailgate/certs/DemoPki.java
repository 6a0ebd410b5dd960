package org.mailgate.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Generates the demo CA and the gateway's S/MIME certificate for {@link OrganisationIdentity#demo}. */
final class DemoPki {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPki.class);

    private DemoPki() {
    }

    static void generate(Path dir, String organisation, String gatewayAddress, Clock clock) throws IOException {
        try {
            Instant now = clock.instant();
            Instant notBefore = now.minus(Duration.ofHours(1));
            KeyPair caKeys = TlsIdentity.rsaKeyPair();
            X500Name caName = name(organisation + " demo S/MIME CA", organisation);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder ca = builder(caName, caName, caKeys.getPublic(), notBefore,
                    now.plus(Duration.ofDays(3650)));
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate caCert = sign(ca, caKeys.getPrivate());

            KeyPair gwKeys = TlsIdentity.rsaKeyPair();
            X509v3CertificateBuilder gw = builder(caName, name(organisation + " mail gateway", organisation),
                    gwKeys.getPublic(), notBefore, now.plus(Duration.ofDays(730)));
            gw.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            gw.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment));
            gw.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            gw.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, gatewayAddress)));
            gw.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(gwKeys.getPublic()));
            gw.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate gwCert = sign(gw, caKeys.getPrivate());

            // key first and CA last: OrganisationIdentity.demo regenerates unless all three exist
            AtomicFiles.write(dir.resolve(OrganisationIdentity.KEY_FILE), pem(gwKeys.getPrivate()), true);
            AtomicFiles.write(dir.resolve(OrganisationIdentity.CERT_FILE), Certificates.pem(List.of(gwCert, caCert)), false);
            AtomicFiles.write(dir.resolve(OrganisationIdentity.CA_FILE), Certificates.pem(List.of(caCert)), false);
            LOG.info("generated a demo S/MIME CA and gateway certificate for {} in {}", gatewayAddress, dir);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate the demo S/MIME identity in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static X500Name name(String commonName, String organisation) {
        // X500NameBuilder escapes the values, so any organisation name is safe here
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, organisation)
                .build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant from,
            Instant to) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()), Date.from(from),
                Date.from(to), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static byte[] pem(PrivateKey key) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
        return w.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
