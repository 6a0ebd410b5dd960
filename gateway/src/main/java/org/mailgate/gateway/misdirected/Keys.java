package org.mailgate.gateway.misdirected;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hashes the history is kept as: HMAC-SHA256 under a key derived from the master
 * key, so the store never holds an address, and nobody without the key can test a guess
 * against it. A value is hashed with its namespace ({@code A@domain} for a local part at a
 * domain, {@code D} for a domain, {@code L} for a local part alone, {@code S} for a sender).
 */
final class Keys {

    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> mac;

    Keys(byte[] key) {
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }

    /** The 128-bit hash of a value in its namespace, in hex: what a row is keyed by. */
    String exact(String namespace, String value) {
        return HEX.formatHex(digest(namespace + "=" + value), 0, 16);
    }

    /**
     * The 64-bit hash of {@code value} without its letter at {@code position}: two strings of the
     * same length that share one such key differ in that one letter, and a string shorter by one
     * that equals it is the other with that letter missing.
     */
    String neighbour(String namespace, int position, String without) {
        return HEX.formatHex(digest(namespace + "|" + position + "|" + without), 0, 8);
    }

    private byte[] digest(String text) {
        return mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
