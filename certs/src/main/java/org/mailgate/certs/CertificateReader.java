package org.mailgate.certs;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads certificates from the formats administrators and partners actually hand over: PEM (one
 * or many), DER, PKCS#7 (.p7b/.p7c, DER or PEM), a detached signature (.p7s) or a signed
 * message (.eml), whose signature carries the sender's certificate.
 */
final class CertificateReader {

    private static final String FORMATS = "Expected a certificate as PEM, DER, PKCS#7 (.p7b/.p7c), a detached "
            + "signature (.p7s) or a signed message (.eml); export the certificate again in one of these formats.";
    private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z0-9-]+:");

    private CertificateReader() {
    }

    static List<X509Certificate> read(String source, byte[] bytes) throws CertificateImportException {
        if (bytes.length == 0) {
            throw new CertificateImportException(source + ": the file is empty. " + FORMATS);
        }
        if (looksLikeMessage(source, bytes)) {
            return fromSignedMessage(source, new ByteArrayInputStream(bytes));
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<X509Certificate> certs;
        if (text.contains("-----BEGIN ")) {
            certs = fromPem(source, bytes);
        } else {
            certs = fromDer(bytes);
            if (certs.isEmpty() && text.strip().matches("[A-Za-z0-9+/=\\s]+")) {
                // bare base64 (a .p7s/.p7b pasted from a mail client) without PEM armour
                try {
                    certs = fromDer(Base64.getMimeDecoder().decode(text.strip()));
                } catch (IllegalArgumentException notBase64) {
                    certs = List.of();
                }
            }
        }
        if (certs.isEmpty()) {
            throw new CertificateImportException(source + ": no certificate found in the file. " + FORMATS);
        }
        return certs;
    }

    /**
     * The certificates in the S/MIME signature(s) of a message. Each signature must verify: a
     * message altered or forged on the way must not plant a certificate in the store.
     */
    static List<X509Certificate> fromSignedMessage(String source, InputStream rfc822) throws CertificateImportException {
        List<Signature> signatures = new ArrayList<>();
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), rfc822);
            collectSignatures(message, signatures);
        } catch (MessagingException | IOException e) {
            throw new CertificateImportException(source + ": cannot read the message (" + e.getMessage()
                    + "). Save the message as a complete .eml file (with headers) and import it again.", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Signature sig : signatures) {
            CMSSignedData signed = sig.parse();
            if (signed == null) {
                continue; // e.g. an encrypted (enveloped) pkcs7-mime part: no signature to take certificates from
            }
            if (!sig.verifies(signed)) {
                throw new CertificateImportException(source + ": the S/MIME signature does not verify, so the message "
                        + "was altered or forged; its certificates were not imported. Ask the partner for the "
                        + "certificate file, or for a new signed message.");
            }
            try {
                certs.addAll(fromSignedData(signed));
            } catch (CertificateException e) {
                throw new CertificateImportException(source + ": a certificate in the signature is damaged ("
                        + e.getMessage() + "). Ask the partner for the certificate file.", e);
            }
        }
        if (certs.isEmpty()) {
            throw new CertificateImportException(source + ": the message carries no S/MIME signature with a "
                    + "certificate. Ask the partner to send a signed message, or to send the certificate file.");
        }
        return certs;
    }

    /**
     * A CMS structure from a message, with the signed content for detached signatures
     * ({@code null} for opaque signed-data, whose content is inside).
     */
    private record Signature(byte[] cms, byte[] detachedContent) {

        CMSSignedData parse() {
            try {
                return detachedContent == null ? new CMSSignedData(cms)
                        : new CMSSignedData(new CMSProcessableByteArray(detachedContent), cms);
            } catch (CMSException | RuntimeException notSignedData) {
                return null;
            }
        }

        boolean verifies(CMSSignedData signed) {
            if (allSignersVerify(signed)) {
                return true;
            }
            // senders may have written the signed part with bare LF line endings; S/MIME signs the CRLF form
            return detachedContent != null && allSignersVerify(new Signature(cms,
                    RawMessage.canonicalLineEndings(detachedContent)).parse());
        }

        private static boolean allSignersVerify(CMSSignedData signed) {
            if (signed == null || signed.getSignerInfos().size() == 0) {
                return false;
            }
            for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
                if (!signerVerifies(signed, signer)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean signerVerifies(CMSSignedData signed, SignerInformation signer) {
            for (X509CertificateHolder cert : signed.getCertificates().getMatches(null)) {
                if (!signer.getSID().match(cert)) {
                    continue;
                }
                try {
                    if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Certificates.BC).build(cert))) {
                        return true;
                    }
                } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
                    // try the next matching certificate; none verifying means the signature is bad
                }
            }
            return false;
        }
    }

    private static void collectSignatures(Part part, List<Signature> out) throws MessagingException, IOException {
        if (part.isMimeType("multipart/signed")) {
            Multipart mp = (Multipart) part.getContent();
            if (mp.getCount() >= 2) {
                // the parsed first part writes back its original header lines and undecoded body
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                mp.getBodyPart(0).writeTo(content);
                try (InputStream in = mp.getBodyPart(1).getInputStream()) {
                    out.add(new Signature(in.readAllBytes(), content.toByteArray()));
                }
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                collectSignatures(child, out);
            }
        } else if (part.isMimeType("application/pkcs7-mime") || part.isMimeType("application/x-pkcs7-mime")) {
            try (InputStream in = part.getInputStream()) {
                out.add(new Signature(in.readAllBytes(), null));
            }
        }
    }

    private static List<X509Certificate> fromPem(String source, byte[] bytes) throws CertificateImportException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.US_ASCII))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                } else if (o instanceof ContentInfo ci) {
                    certs.addAll(fromSignedData(new CMSSignedData(ci)));
                }
                // private keys, CRLs and other PEM objects are not certificates: skipped on purpose
            }
        } catch (IOException | CertificateException | CMSException | RuntimeException e) {
            throw new CertificateImportException(source + ": the PEM data is damaged (" + e.getMessage() + "). "
                    + FORMATS, e);
        }
        return certs;
    }

    /** DER certificate or DER PKCS#7/CMS SignedData; empty when it is neither. */
    private static List<X509Certificate> fromDer(byte[] der) {
        try {
            return fromSignedData(new CMSSignedData(der));
        } catch (CMSException | CertificateException | RuntimeException notSignedData) {
            // fall through: maybe a single DER certificate
        }
        try {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der));
            return certs.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<X509Certificate> fromSignedData(CMSSignedData signed) throws CertificateException {
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
            out.add(conv.getCertificate(h));
        }
        return out;
    }

    private static boolean looksLikeMessage(String source, byte[] bytes) {
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".eml") || name.endsWith(".msg")) {
            return true;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 65536), StandardCharsets.ISO_8859_1);
        return HEADER_LINE.matcher(head).find() && !head.contains("-----BEGIN ")
                && head.toLowerCase(Locale.ROOT).contains("content-type:");
    }
}
