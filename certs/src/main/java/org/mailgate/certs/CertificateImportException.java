package org.mailgate.certs;

/**
 * A certificate could not be imported. The message names the file (or message), says what is
 * wrong and what to do about it, so it can be shown to an administrator as is.
 */
public final class CertificateImportException extends Exception {

    CertificateImportException(String message) {
        super(message);
    }

    CertificateImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
