package org.mailgate.certs;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for {@link Smime#encrypt} and {@link Smime#signAndEncrypt}.
 *
 * @param archive an extra recipient (the organisation's archive certificate) so that the
 *     organisation can read what it sent
 * @param subjectReplacement replaces the outer Subject, which is not encrypted
 * @param processedHeader value of the {@code X-Mailgate-Protection} header on the result
 */
public record EncryptOptions(ContentCipher cipher, RsaKeyTransport rsa, Optional<X509Certificate> archive,
        Optional<String> subjectReplacement, String processedHeader) {

    public EncryptOptions {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(rsa, "rsa");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(subjectReplacement, "subjectReplacement");
        Objects.requireNonNull(processedHeader, "processedHeader");
        // both end up in header fields: a line break would let a caller inject headers
        if (processedHeader.isBlank() || hasLineBreak(processedHeader)) {
            throw new IllegalArgumentException("processedHeader must be one non-blank line");
        }
        if (subjectReplacement.filter(EncryptOptions::hasLineBreak).isPresent()) {
            throw new IllegalArgumentException("subjectReplacement must be one line");
        }
    }

    /** AES-256-CBC, RSA PKCS#1 v1.5, no archive, subject unchanged, header "smime-encrypted". */
    public static EncryptOptions defaults() {
        return new EncryptOptions(ContentCipher.AES256_CBC, RsaKeyTransport.PKCS1_V15, Optional.empty(),
                Optional.empty(), "smime-encrypted");
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
