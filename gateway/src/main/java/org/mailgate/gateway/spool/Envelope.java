package org.mailgate.gateway.spool;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the SMTP transaction said about a message, as opposed to what the message says about
 * itself: the envelope sender ({@code ""} for the null sender {@code <>}), the recipients, and
 * where and how it arrived.
 */
public record Envelope(
        String queueId,
        String sender,
        List<String> recipients,
        Instant received,
        String clientAddress,
        String clientHelo,
        String authenticatedUser,
        boolean tls,
        boolean smtpUtf8,
        Origin origin) {

    /** Whether a message came from an SMTP client or was written by the gateway itself. */
    public enum Origin {
        /** Received over SMTP. */
        SMTP,
        /** Generated here: a bounce, a notice, an auto-reply. Not classified again. */
        GATEWAY,
        /** Released from quarantine by a reviewer to go as it is (with a recorded justification). */
        RELEASED_CLEAR,
        /** Released from quarantine by a reviewer to go as policy says: encrypted, TLS-only, ... */
        RELEASED_PROTECTED
    }

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    public boolean isNullSender() {
        return sender.isEmpty();
    }

    /** The domain of an address, lower-cased; empty for an address without one. */
    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
