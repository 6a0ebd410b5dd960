package org.mailgate.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mailgate.gateway.spool.Envelope;

/**
 * The one header the relay adds (RFC 5321 4.4), with the protocol keyword of RFC 3848 and
 * RFC 6531 (ESMTP, ESMTPS, ESMTPSA, UTF8SMTPS, ...). Client-supplied text (the HELO name) is
 * reduced to safe characters so it cannot inject header lines.
 */
final class ReceivedHeader {

    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private ReceivedHeader() {
    }

    static byte[] build(Envelope e, boolean esmtp, String hostname, ZonedDateTime when) {
        String protocol = (e.smtpUtf8() ? "UTF8SMTP" : esmtp ? "ESMTP" : "SMTP")
                + (e.tls() ? "S" : "") + (e.authenticatedUser() != null ? "A" : "");
        StringBuilder h = new StringBuilder(256);
        h.append("Received: from ").append(safe(e.clientHelo())).append(" ([").append(e.clientAddress()).append("])\r\n")
                .append("\tby ").append(hostname).append(" (mailgate) with ").append(protocol)
                .append(" id ").append(e.queueId());
        if (e.recipients().size() == 1) {
            h.append("\r\n\tfor <").append(safe(e.recipients().get(0))).append(">");
        }
        h.append("; ").append(RFC5322.format(when)).append("\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 33 || c == 127 || c == '(' || c == ')' || c == ';' ? '_' : c);
        }
        return b.toString();
    }
}
