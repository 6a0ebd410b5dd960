package org.mailgate.gateway.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sender's revoke token for one portal copy: an HMAC of its queue id and recipient under a
 * key from the master key, so the same link can be written again when a notice is sent again,
 * on any node, and nobody without the key can make one. Only its hash is stored.
 */
final class RevokeTokens {

    private final SecretKeySpec key;

    RevokeTokens(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String tokenFor(String queueId, String recipient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] raw = mac.doFinal(("revoke:" + queueId + ":" + recipient.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
