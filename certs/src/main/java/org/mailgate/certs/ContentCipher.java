package org.mailgate.certs;

/** Content encryption for S/MIME. */
public enum ContentCipher {
    /** AES-256-CBC in EnvelopedData: the default, readable by every S/MIME client including Outlook and GnuPG. */
    AES256_CBC,
    /** AES-256-GCM in AuthEnvelopedData (RFC 5083, RFC 8551 smime-type=authEnveloped-data): authenticated, less widely supported. */
    AES256_GCM
}
