package org.mailgate.certs;

/** How the content key is encrypted for RSA recipients. */
public enum RsaKeyTransport {
    /** RSAES-PKCS1-v1_5: the default, what every client supports. */
    PKCS1_V15,
    /** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055). */
    OAEP
}
