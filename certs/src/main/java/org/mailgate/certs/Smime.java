package org.mailgate.certs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cms.CMSException;

/**
 * S/MIME (RFC 8551) for whole messages: encrypt, sign, sign-then-encrypt.
 *
 * <p>The protected entity is the original message's MIME entity (its Content-* fields and body,
 * byte for byte apart from CRLF canonicalisation). The outer message keeps the addressing and
 * routing fields (From, To, Cc, Date, Message-ID, Subject, Received, ...) and records what was
 * done in {@code X-Mailgate-Protection}. Every failure is a {@link SmimeException}: the caller
 * never gets a half-protected or clear-text result.
 */
public final class Smime {

    private static final String SIGNED_PROTECTION = "smime-signed";

    private Smime() {
    }

    public static byte[] encrypt(byte[] rfc822Message, List<X509Certificate> recipients, EncryptOptions options)
            throws SmimeException {
        return encrypt(rfc822Message, recipients, options, Clock.systemUTC());
    }

    /** Detached multipart/signed, SHA-256, the signer's certificate chain included. */
    public static byte[] sign(byte[] rfc822Message, OrganisationIdentity signer) throws SmimeException {
        Objects.requireNonNull(signer, "signer");
        RawMessage message = parse(rfc822Message);
        byte[] entity = message.contentEntity();
        byte[] signature;
        try {
            signature = CmsSigner.signDetached(entity, signer.privateKey(), signer.chain());
        } catch (Exception e) { // BouncyCastle and JCA failures alike: never send unsigned by accident
            throw new SmimeException("signing failed with certificate " + Certificates.describe(signer.certificate())
                    + ": " + e.getMessage(), e);
        }
        String boundary = boundaryNotIn(entity);
        StringBuilder head = new StringBuilder("This is an S/MIME signed message\r\n\r\n--").append(boundary).append("\r\n");
        String tail = "\r\n--" + boundary + "\r\n"
                + "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
                + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n"
                + new String(SmimeMessageWriter.base64Lines(signature), StandardCharsets.US_ASCII)
                + "--" + boundary + "--\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(entity);
        body.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        String contentType = "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\r\n"
                + "\tboundary=\"" + boundary + "\"";
        return SmimeMessageWriter.write(message.outerFields(), Optional.empty(), List.of(contentType),
                SIGNED_PROTECTION, body.toByteArray());
    }

    /** Signs, then encrypts the signed entity (the recipient decrypts, then verifies). */
    public static byte[] signAndEncrypt(byte[] rfc822Message, OrganisationIdentity signer,
            List<X509Certificate> recipients, EncryptOptions options) throws SmimeException {
        // check the recipients first: no signing work for a message that cannot be encrypted anyway
        checkRecipients(recipients, options, Clock.systemUTC());
        return encrypt(sign(rfc822Message, signer), recipients, options, Clock.systemUTC());
    }

    static byte[] encrypt(byte[] rfc822Message, List<X509Certificate> recipients, EncryptOptions options, Clock clock)
            throws SmimeException {
        Objects.requireNonNull(rfc822Message, "rfc822Message");
        ByteArrayOutputStream out = new ByteArrayOutputStream(rfc822Message.length * 4 / 3 + 4096);
        try {
            encrypt(new ByteArrayInputStream(rfc822Message), out, recipients, options, clock);
        } catch (IOException e) {
            throw new SmimeException("encryption failed: " + e.getMessage(), e); // in memory: not expected
        }
        return out.toByteArray();
    }

    /**
     * Encrypts the message read from {@code rfc822Message} and writes the S/MIME message to
     * {@code out} as it goes: neither the message nor its encrypted form is ever held whole, so
     * a 50 MB message costs buffers, not 50 MB. Throws {@link SmimeException} before anything
     * is written if a recipient's certificate cannot be used; an I/O failure of either stream is
     * an {@link IOException}, and what was written to {@code out} must then be thrown away.
     */
    public static void encrypt(InputStream rfc822Message, OutputStream out, List<X509Certificate> recipients,
            EncryptOptions options) throws SmimeException, IOException {
        encrypt(rfc822Message, out, recipients, options, Clock.systemUTC());
    }

    static void encrypt(InputStream rfc822Message, OutputStream out, List<X509Certificate> recipients,
            EncryptOptions options, Clock clock) throws SmimeException, IOException {
        Objects.requireNonNull(options, "options");
        List<X509Certificate> all = checkRecipients(recipients, options, clock);
        RawMessage message;
        try {
            message = RawMessage.parseHeader(rfc822Message);
        } catch (IllegalArgumentException e) {
            throw new SmimeException("the message is not an RFC 5322 message: " + e.getMessage(), e);
        }
        String smimeType = options.cipher() == ContentCipher.AES256_GCM ? "authEnveloped-data" : "enveloped-data";
        List<String> contentFields = List.of(
                "Content-Type: application/pkcs7-mime; smime-type=" + smimeType + "; name=\"smime.p7m\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"smime.p7m\"",
                "Content-Description: S/MIME Encrypted Message");
        OutputStream base64;
        OutputStream cms;
        try {
            out.write(SmimeMessageWriter.header(message.outerFields(), options.subjectReplacement(), contentFields,
                    options.processedHeader()));
            base64 = SmimeMessageWriter.base64LinesTo(out);
            cms = CmsEncryptor.open(base64, all, options.cipher(), options.rsa());
        } catch (CMSException | GeneralSecurityException | RuntimeException e) {
            // BouncyCastle and JCA failures alike: the message must be held, not sent in clear
            throw new SmimeException("encryption failed (" + options.cipher() + ", " + all.size() + " recipient(s)): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        message.writeContentEntity(options.subjectReplacement().isPresent(), rfc822Message, cms);
        cms.close();
        base64.close();
    }

    /** The recipients plus the archive certificate, without duplicates, each checked for use. */
    private static List<X509Certificate> checkRecipients(List<X509Certificate> recipients, EncryptOptions options,
            Clock clock) throws SmimeException {
        if (recipients == null || recipients.isEmpty()) {
            throw new SmimeException("no recipient certificate: the message cannot be encrypted");
        }
        List<X509Certificate> all = new ArrayList<>();
        for (X509Certificate c : recipients) {
            if (c == null) {
                throw new SmimeException("a recipient certificate is missing (null)");
            }
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        options.archive().filter(a -> !all.contains(a)).ifPresent(all::add);
        for (X509Certificate c : all) {
            List<String> problems;
            try {
                problems = CertificateValidator.intrinsicProblems(c, clock.instant());
            } catch (RuntimeException e) {
                throw new SmimeException("recipient certificate cannot be read: " + e.getMessage(), e);
            }
            if (!problems.isEmpty()) {
                throw new SmimeException("recipient certificate " + Certificates.describe(c) + " cannot be used: "
                        + String.join("; ", problems));
            }
        }
        return all;
    }

    private static RawMessage parse(byte[] rfc822Message) throws SmimeException {
        Objects.requireNonNull(rfc822Message, "rfc822Message");
        try {
            return RawMessage.parse(rfc822Message);
        } catch (IllegalArgumentException e) {
            throw new SmimeException("the message is not an RFC 5322 message: " + e.getMessage(), e);
        }
    }

    private static String boundaryNotIn(byte[] entity) {
        String content = new String(entity, StandardCharsets.ISO_8859_1);
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] r = new byte[12];
            random.nextBytes(r);
            String b = "----=_mailgate_signed_" + HexFormat.of().formatHex(r);
            if (!content.contains(b)) {
                return b;
            }
        }
    }
}
