package org.mailgate.gateway.portal;

import java.security.SecureRandom;
import java.util.Base64;

/** The unguessable tokens in portal links and session cookies: 256 random bits, base64url. */
final class Links {

    /** The length of a token: 32 bytes in unpadded base64url. */
    static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Links() {
    }

    static String randomToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** True for something that could be a token; anything else is refused before a lookup. */
    static boolean wellFormed(String token) {
        return token != null && token.length() == LENGTH;
    }
}
