package org.mailgate.gateway.ooo;

import org.mailgate.gateway.mail.MessageHeaders;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a message deserves an out-of-office reply, by RFC 3834 section 2 and the Sieve
 * vacation rules of RFC 5230 section 4.6: never to automatic mail, lists or mail daemons,
 * and only when the person was addressed directly. Pure: the reason why not, or empty.
 */
final class AutoReplyRules {

    private AutoReplyRules() {
    }

    /**
     * @param envelopeSender the Return-Path ("" for the null sender)
     * @param staffAddresses the staff member's address and aliases, lower-cased
     * @return why no reply is sent, or empty when one should be
     */
    static Optional<String> whyNot(String envelopeSender, MessageHeaders h, Set<String> staffAddresses) {
        if (envelopeSender.isEmpty()) {
            return Optional.of("null sender (a bounce or other automatic message)");
        }
        String sender = envelopeSender.toLowerCase(Locale.ROOT);
        int at = sender.lastIndexOf('@');
        String local = at < 0 ? sender : sender.substring(0, at);
        if (local.equals("mailer-daemon") || local.equals("listserv") || local.equals("majordomo")) {
            return Optional.of("sender is a mail system (" + local + ")");
        }
        if (local.startsWith("owner-") || local.endsWith("-request") || local.endsWith("-owner")) {
            return Optional.of("sender is a mailing list's address");
        }
        // Nobody reads these; a reply would only add to someone's bounce pile.
        if (local.matches("no-?reply|do-?not-?reply")) {
            return Optional.of("sender does not take replies (" + local + ")");
        }
        if (staffAddresses.contains(sender)) {
            return Optional.of("the staff member sent it themselves");
        }
        String auto = token(h.autoSubmitted());
        if (!auto.isEmpty() && !auto.equals("no")) {
            return Optional.of("Auto-Submitted: " + auto);
        }
        String precedence = token(h.precedence());
        if (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk")) {
            return Optional.of("Precedence: " + precedence);
        }
        if (h.hasListHeader()) {
            return Optional.of("sent through a mailing list (List-* header)");
        }
        boolean suppressed = Arrays.stream(h.autoResponseSuppress().split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch(s -> s.equals("oof") || s.equals("all"));
        if (suppressed) {
            return Optional.of("X-Auto-Response-Suppress: " + h.autoResponseSuppress());
        }
        if (staffAddresses.stream().noneMatch(h.toAndCc()::contains)) {
            return Optional.of("not addressed in To or Cc (Bcc or a list)");
        }
        return Optional.empty();
    }

    /** The first word of a structured field, lower-cased: "auto-replied" of "Auto-Replied; owner=..". */
    private static String token(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
