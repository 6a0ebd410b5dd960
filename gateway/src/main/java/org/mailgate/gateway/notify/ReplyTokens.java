package org.mailgate.gateway.notify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Unguessable handles on a quarantine item for the people its notices go to: the item id and
 * an HMAC-SHA256 of it (128 bits kept), in lower-case base32. The token goes into the notice's
 * reply address and withdrawal link; whoever holds it may add a note to, or withdraw, that one
 * item, and nobody can make one for another item without the key.
 */
final class ReplyTokens {

    /** Lets a later format (another key, a longer tag) live beside this one. */
    private static final byte VERSION = 1;
    private static final int TAG_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 64;

    private final byte[] key;

    /** @param key the purpose key, {@code masterKey.derive("reply-token")} */
    ReplyTokens(byte[] key) {
        this.key = key.clone();
    }

    String tokenFor(long itemId) {
        if (itemId <= 0) {
            throw new IllegalArgumentException("quarantine item ids are positive: " + itemId);
        }
        byte[] payload = payload(itemId);
        byte[] token = Arrays.copyOf(payload, payload.length + TAG_BYTES);
        System.arraycopy(tag(payload), 0, token, payload.length, TAG_BYTES);
        return base32(token);
    }

    /**
     * RFC 4648 base32 (BouncyCastle's) in lower case without padding: letters and digits only,
     * so a token survives as an address's local part, and a mail system that lower-cases local
     * parts does not break it.
     */
    static String base32(byte[] data) {
        return Base32.toBase32String(data).replace("=", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes {@link #base32} text; null for anything else. Only the canonical encoding is
     * accepted (unused trailing bits zero), so no two strings decode to the same bytes.
     */
    static byte[] fromBase32(String text) {
        if (!text.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
            return null;
        }
        String padded = text.toUpperCase(Locale.ROOT) + "=".repeat((8 - text.length() % 8) % 8);
        try {
            byte[] bytes = Base32.decode(padded);
            return base32(bytes).equals(text) ? bytes : null;
        } catch (RuntimeException e) { // a length no encoding has
            return null;
        }
    }

    /** The item id a token was made for; empty for anything malformed, altered or made with another key. */
    OptionalLong verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return OptionalLong.empty();
        }
        byte[] raw = fromBase32(token.toLowerCase(Locale.ROOT));
        int idBytes = raw == null ? -1 : raw.length - 1 - TAG_BYTES;
        if (idBytes < 1 || idBytes > 8 || raw[0] != VERSION) {
            return OptionalLong.empty();
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(raw, payload.length, raw.length);
        if (!MessageDigest.isEqual(tag, tag(payload))) {
            return OptionalLong.empty();
        }
        long id = 0;
        for (int i = 1; i < payload.length; i++) {
            id = (id << 8) | (payload[i] & 0xff);
        }
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The version byte and the id in as few big-endian bytes as it needs: short tokens for small ids. */
    private static byte[] payload(long id) {
        int n = Math.max(1, (64 - Long.numberOfLeadingZeros(id) + 7) / 8);
        byte[] p = new byte[1 + n];
        p[0] = VERSION;
        for (int i = 0; i < n; i++) {
            p[n - i] = (byte) (id >>> (8 * i));
        }
        return p;
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
