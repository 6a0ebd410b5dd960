package org.mailgate.gateway.smtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of MAIL FROM and RCPT TO: a path ({@code <local@domain>}, {@code <>}, or
 * a bare address from lenient clients) followed by ESMTP parameters. Addresses are checked
 * against RFC 5321 section 4.1.2 (and RFC 6531 when SMTPUTF8 is in use) so that nothing that
 * could break a header or a log line gets into the envelope.
 */
record SmtpPath(String address, Map<String, String> parameters) {

    /** Thrown with a reply-ready explanation. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DOMAIN = 255;

    /**
     * @param argument text after {@code FROM:} or {@code TO:}
     * @param allowNull whether {@code <>} is acceptable (MAIL FROM only)
     */
    static SmtpPath parse(String argument, boolean allowNull) throws SyntaxException {
        String s = argument.stripLeading();
        String path;
        String rest;
        if (s.startsWith("<")) {
            int close = closingBracket(s);
            if (close < 0) {
                throw new SyntaxException("missing '>' after the address");
            }
            path = s.substring(1, close);
            rest = s.substring(close + 1);
        } else {
            int space = s.indexOf(' ');
            path = space < 0 ? s : s.substring(0, space);
            rest = space < 0 ? "" : s.substring(space);
        }
        if (!rest.isEmpty() && !rest.startsWith(" ")) {
            throw new SyntaxException("expected a space between the address and its parameters");
        }
        Map<String, String> params = parameters(rest.trim());
        if (path.isEmpty()) {
            if (!allowNull) {
                throw new SyntaxException("an empty address is only allowed as sender");
            }
            return new SmtpPath("", params);
        }
        // RFC 5321 4.1.2: a source route (@a,@b:user@host) is accepted and ignored.
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                throw new SyntaxException("malformed source route");
            }
            path = path.substring(colon + 1);
        }
        return new SmtpPath(mailbox(path), params);
    }

    /** Validates {@code local@domain} and returns it with the domain in lower case. */
    static String mailbox(String mailbox) throws SyntaxException {
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new SyntaxException("expected local-part@domain");
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        checkLocalPart(local);
        String normalDomain = checkDomain(domain);
        return local + "@" + normalDomain;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void checkLocalPart(String local) throws SyntaxException {
        if (local.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
            throw new SyntaxException("local part longer than 64 octets");
        }
        if (local.startsWith("\"")) {
            if (local.length() < 2 || !local.endsWith("\"")) {
                throw new SyntaxException("unterminated quoted local part");
            }
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= local.length() - 1 || local.charAt(i) < 32 || local.charAt(i) == 127) {
                        throw new SyntaxException("bad escape in quoted local part");
                    }
                } else if (c == '"' || c < 32 || c == 127) {
                    throw new SyntaxException("bad character in quoted local part");
                }
            }
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new SyntaxException("misplaced '.' in local part");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(isAtext(c) || c == '.')) {
                throw new SyntaxException("character '" + printable(c) + "' is not allowed in a local part");
            }
        }
    }

    private static String checkDomain(String domain) throws SyntaxException {
        if (domain.startsWith("[")) {
            if (!domain.endsWith("]") || !domain.substring(1, domain.length() - 1).matches("(IPv6:)?[0-9A-Fa-f:.]+")) {
                throw new SyntaxException("malformed address literal");
            }
            return domain;
        }
        if (domain.length() > MAX_DOMAIN) {
            throw new SyntaxException("domain longer than 255 octets");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new SyntaxException("malformed domain '" + printable(domain) + "'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                        || (c >= 0x80 && Character.isLetterOrDigit(c));
                if (!ok) {
                    throw new SyntaxException("character '" + printable(c) + "' is not allowed in a domain");
                }
            }
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0
                || (c >= 0x80 && !Character.isISOControl(c) && !Character.isWhitespace(c));
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> parameters(String text) throws SyntaxException {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        List<String> tokens = new ArrayList<>(List.of(text.split(" +")));
        for (String t : tokens) {
            int eq = t.indexOf('=');
            String key = (eq < 0 ? t : t.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : t.substring(eq + 1);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*") || value != null && !isEsmtpValue(value)) {
                throw new SyntaxException("malformed parameter '" + printable(t) + "'");
            }
            if (out.containsKey(key)) {
                throw new SyntaxException("parameter " + key + " given twice");
            }
            out.put(key, value);
        }
        return out;
    }

    /** RFC 5321 esmtp-value: visible characters but "="; RFC 6531 adds UTF-8. Never a control. */
    private static boolean isEsmtpValue(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 32 || c == '=' || c == 127 || (c >= 0x80 && c <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 100; i++) {
            b.append(printable(s.charAt(i)));
        }
        return b.toString();
    }

    private static String printable(char c) {
        return c < 32 || c == 127 ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }
}
