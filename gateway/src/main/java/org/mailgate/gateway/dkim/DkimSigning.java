package org.mailgate.gateway.dkim;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.mailgate.config.GatewayConfig;
import org.mailgate.gateway.delivery.DeliveryJob;
import org.mailgate.gateway.delivery.OutgoingSignature;
import org.mailgate.gateway.spool.Envelope;

/**
 * Signs, on the way out, every message the gateway wrote (envelope origin GATEWAY: notices,
 * portal mail, auto-replies, telephone messages, bounces) and every copy it made (S/MIME), and
 * with {@code dkim.sign_relayed} everything else too. The signing domain is the From header's
 * domain, or the nearest parent that has a key; without a key the message goes unsigned.
 * rsa-sha256 or ed25519-sha256 (RFC 8463) by the key's kind, relaxed/relaxed, over the header
 * fields a receiver expects signed that the message has ({@link #SIGNED}); the signature is
 * computed by Apache jDKIM over the exact bytes sent ({@link Ed25519Sha256} supplies the last
 * step for Ed25519). A domain with several keys (an RSA and an Ed25519 one, as RFC 8463
 * suggests while receivers catch up) gets one signature per key.
 */
public final class DkimSigning implements OutgoingSignature {

    /** Header fields signed when present (RFC 6376 section 5.4.1's recommendation, and MIME). */
    static final List<String> SIGNED = List.of("from", "reply-to", "subject", "date", "to", "cc", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "auto-submitted", "list-id");

    private record Key(String domain, String selector, PrivateKey key) {
    }

    private final Map<String, List<Key>> byDomain = new LinkedHashMap<>();
    private final boolean signRelayed;

    private DkimSigning(List<Key> keys, boolean signRelayed) {
        keys.forEach(k -> byDomain.computeIfAbsent(k.domain(), d -> new ArrayList<>()).add(k));
        this.signRelayed = signRelayed;
        if (keys.stream().anyMatch(k -> DkimKeys.algorithm(k.key()).equals("ed25519"))) {
            Ed25519Sha256.install();
        }
    }

    /** Reads every configured key; a key that cannot be read stops the start with the file's name. */
    public static OutgoingSignature from(GatewayConfig.Dkim config) throws IOException {
        if (config.keys().isEmpty()) {
            return OutgoingSignature.none();
        }
        List<Key> keys = new ArrayList<>();
        for (GatewayConfig.DkimKey k : config.keys()) {
            try {
                keys.add(new Key(k.domain().toLowerCase(Locale.ROOT), k.selector(), DkimKeys.read(k.key())));
            } catch (GeneralSecurityException | IOException e) {
                throw new IOException("dkim.keys: the key for " + k.domain() + " (" + k.key() + ") cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return new DkimSigning(keys, config.signRelayed());
    }

    @Override
    public Optional<byte[]> headerFor(Envelope envelope, boolean copy, DeliveryJob.Opener content) throws IOException {
        if (envelope.origin() != Envelope.Origin.GATEWAY && !copy && !signRelayed) {
            return Optional.empty(); // relayed as received: its bytes, and any signature it has, stay as they are
        }
        InternetHeaders headers;
        try (InputStream in = content.open()) {
            headers = new InternetHeaders(in);
        } catch (MessagingException e) {
            return Optional.empty(); // no header section to sign
        }
        List<Key> keys = keysFor(fromDomain(headers));
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Set<String> present = new LinkedHashSet<>();
        for (jakarta.mail.Header h : Collections.list(headers.getAllHeaders())) {
            present.add(h.getName().toLowerCase(Locale.ROOT));
        }
        List<String> signed = SIGNED.stream().filter(present::contains).toList();
        StringBuilder fields = new StringBuilder();
        for (Key key : keys) {
            String template = "v=1; a=" + DkimKeys.algorithm(key.key()) + "-sha256; c=relaxed/relaxed; d=" + key.domain()
                    + "; s=" + key.selector() + "; h=" + String.join(":", signed) + "; bh=; b=;";
            try (InputStream in = content.open()) {
                fields.append(new DKIMSigner(template, key.key()).sign(in)).append("\r\n");
            } catch (FailException e) {
                throw new IOException("DKIM signing failed: " + e.getMessage(), e);
            }
        }
        return Optional.of(fields.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The keys of a domain or of its nearest parent that has any. */
    private List<Key> keysFor(String domain) {
        for (String d = domain; !d.isEmpty(); d = d.contains(".") ? d.substring(d.indexOf('.') + 1) : "") {
            List<Key> k = byDomain.get(d);
            if (k != null) {
                return k;
            }
        }
        return List.of();
    }

    private static String fromDomain(InternetHeaders headers) {
        String from = headers.getHeader("From", ",");
        if (from == null) {
            return "";
        }
        try {
            InternetAddress[] a = InternetAddress.parseHeader(from, false);
            return a.length == 0 || a[0].getAddress() == null ? "" : Envelope.domainOf(a[0].getAddress())
                    .toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "";
        }
    }
}
